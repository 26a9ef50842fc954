/** Command-line arguments shared by every entry point: `--corpus DIR` overrides CORPUS_DIR. */
export interface CommonArgs {
  corpus?: string;
  rest: string[];
  flags: Set<string>;
}

export function parseCommonArgs(argv: string[]): CommonArgs {
  const rest: string[] = [];
  const flags = new Set<string>();
  let corpus: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--corpus") {
      const dir = argv[++i];
      if (!dir) throw new Error("--corpus needs a directory");
      corpus = dir;
    } else if (a.startsWith("--corpus=")) corpus = a.slice("--corpus=".length);
    else if (a.startsWith("--")) flags.add(a.slice(2));
    else rest.push(a);
  }
  return corpus === undefined ? { rest, flags } : { corpus, rest, flags };
}

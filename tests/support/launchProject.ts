// A small project beside a copy of the launcher (src/launch.mjs, src/launchBundle.mjs), with the compiler it needs and
// npm's record of its packages, for the launcher's tests (tests/cli/launch*.test.ts).
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT, tempDir } from "./files.ts";

export const run = promisify(execFile);

export interface Launched {
  greeting: string;
  args: string[];
  file: string;
  dir: string;
  filename: string;
  tree: string | null;
}

/** A project of two modules (src/hello.ts printing what it sees, src/words/greeting.ts) and the launcher. */
export function launchProject() {
  const root = tempDir("newsdesk-launch-");
  mkdirSync(path.join(root, "src", "words"), { recursive: true });
  mkdirSync(path.join(root, "node_modules"));
  for (const file of ["launch.mjs", "launchBundle.mjs"]) copyFileSync(path.join(ROOT, "src", file), path.join(root, "src", file));
  symlinkSync(path.join(ROOT, "node_modules", "esbuild"), path.join(root, "node_modules", "esbuild"));
  writeFileSync(path.join(root, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  // What npm writes at every install: the entry points' bundles are named by it (src/launchBundle.mjs).
  writeFileSync(path.join(root, "node_modules", ".package-lock.json"), `${JSON.stringify({ packages: {} })}\n`);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, "src", file)), { recursive: true });
    writeFileSync(path.join(root, "src", file), text);
  };
  write("words/greeting.ts", `export const greeting: string = "hello";\n`);
  write(
    "hello.ts",
    [
      `import { fileURLToPath } from "node:url";`,
      `import { greeting } from "./words/greeting.ts";`,
      `const args: string[] = process.argv.slice(2);`,
      `console.log(JSON.stringify({ greeting, args, file: fileURLToPath(import.meta.url), dir: import.meta.dirname, filename: import.meta.filename, tree: process.env.NEWSDESK_COMPILED_TREE ?? null }));`,
      ``,
    ].join("\n"),
  );
  /** Runs src/`entry` through the launcher: its stdout and stderr. */
  const launchEntry = async (entry: string, ...args: string[]) => run(process.execPath, ["src/launch.mjs", `src/${entry}`, ...args], { cwd: root });
  const launch = async (...args: string[]) => JSON.parse((await launchEntry("hello.ts", ...args)).stdout) as Launched;
  const cache = path.join(root, "node_modules", ".cache", "newsdesk-compiled");
  const trees = () => readdirSync(cache);
  /** The files of the entry points' bundles in each compiled tree. */
  const bundles = () => trees().flatMap((tree) => readdirSync(path.join(cache, tree, "bundles")).map((name) => path.join(cache, tree, "bundles", name)));
  return { root, write, launch, launchEntry, trees, bundles };
}

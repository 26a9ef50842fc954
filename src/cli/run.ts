import { ConfigError } from "../config.ts";
import { CorpusError } from "../corpus/load.ts";
import { DatabaseError } from "../db/errors.ts";
import { log } from "../log.ts";
import { dataDirProblem, memoryOnlyWarning } from "../state/dataDir.ts";

/**
 * Runs a command-line entry point: known problems (bad config, unusable corpus, database) print one clear line and exit 2;
 * anything else is logged with its stack and exits 1.
 */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof CorpusError || err instanceof DatabaseError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(2);
    }
    log.error({ err }, `${name} failed`);
    process.exit(1);
  });
}

/**
 * Where a command keeps its caches: DATA_DIR, as the bot does, so that a command run twice over the same corpus
 * extracts nothing the second time. A DATA_DIR that cannot be written costs the caches, with one warning, not the answer.
 */
export async function cacheDir(dataDir: string): Promise<{ dataDir?: string }> {
  const problem = await dataDirProblem(dataDir);
  if (problem === undefined) return { dataDir };
  log.warn({ dataDir }, memoryOnlyWarning(dataDir, problem));
  return {};
}

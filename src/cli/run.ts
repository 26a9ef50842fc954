import { ConfigError } from "../config.ts";
import { CorpusError } from "../corpus/load.ts";
import { log } from "../log.ts";

/**
 * Runs a command-line entry point: known problems (bad config, unusable corpus) print one clear line and exit 2;
 * anything else is logged with its stack and exits 1.
 */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof CorpusError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(2);
    }
    log.error({ err }, `${name} failed`);
    process.exit(1);
  });
}

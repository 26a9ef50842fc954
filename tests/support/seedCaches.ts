// Global setup of the end-to-end tests: the caches a start over the seed corpus writes to DATA_DIR/cache (the facts
// of each article, and the knowledge base and indexes of the whole corpus), made once per run by the bot itself
// (`npm start` in console mode, reading no commands; which also compiles the sources for every later start) in a throwaway DATA_DIR. tests/e2e/harness.ts copies them into
// each test's fresh DATA_DIR, so a bot under test starts as it does after its first run (extracting only articles
// it has not seen) instead of extracting the seed articles again in every one of the run's forty-odd starts.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { ROOT, tempDir } from "./files.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A DATA_DIR holding only the caches of the seed corpus (see tests/support/seedCaches.ts). */
    seedCachesDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = tempDir("newsdesk-seed-caches-");
  const dataDir = path.join(root, "data");
  // Every key set, as tests/e2e/harness.ts botEnv does: no token (the console), the seed corpus, this DATA_DIR.
  const env = { ...process.env, DISCORD_TOKEN: "", CORPUS_DIR: "corpus", DATA_DIR: dataDir, LOG_LEVEL: "warn" };
  const child = promisify(execFile)(process.execPath, ["src/launch.mjs", "src/main.ts"], { cwd: ROOT, env });
  child.child.stdin?.end();
  await child;
  project.provide("seedCachesDir", dataDir);
  return () => rmSync(root, { recursive: true, force: true });
}

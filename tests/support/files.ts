// Where tests find the project and its seed corpus, and the temporary folders they work in.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The project root (where package.json is). */
export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The seed corpus shipped in the repository. */
export const SEED_CORPUS = path.join(ROOT, "corpus");
/** The file of a seed article. */
export const seedFile = (id: string): string => path.join(SEED_CORPUS, `${id}.md`);

// Every folder tempDir made in this worker and not removed yet: tests/support/cleanup.ts removes them after each test
// file, so no test leaves its folders behind (and none has to remember to).
const made = new Set<string>();

/**
 * A new empty folder under the system's temporary folder, named `<prefix><random>`, removed once the test file is done
 * (tests/support/cleanup.ts; after the file's own afterAll hooks, so after the bots it started have stopped).
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder tempDir has made in this worker so far. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  made.clear();
}

/** The ids of the seed articles, sorted. */
export const seedIds = (): string[] => readdirSync(SEED_CORPUS).filter((n) => n.endsWith(".md")).map((n) => n.slice(0, -3)).sort();

/** A temporary corpus folder holding copies of these seed articles (all of them when omitted), as `<id>.md`. */
export function seedCorpus(ids: readonly string[] = seedIds(), prefix = "newsdesk-corpus-"): string {
  const dir = tempDir(prefix);
  for (const id of ids) copyFileSync(seedFile(id), path.join(dir, `${id}.md`));
  return dir;
}

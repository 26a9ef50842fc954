// Extraction across the cores: a few worker threads (worker.ts) each take small batches of articles, so a slow
// article does not hold up the others and progress can be reported as batches come back.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "./types.ts";

/** What a worker needs of an article (plain data: it crosses the thread boundary by structured clone). */
export type ExtractJob = Pick<Article, "id" | "file" | "hash" | "signature" | "meta" | "body">;

/** An article's facts, with the length of its text when only part of it was read (see EXTRACTION_LIMITS), or why it failed. */
export type ExtractOutcome = { facts: ArticleFacts; cutFrom?: number } | { error: string };

export interface PoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  workers?: number;
  /** Articles per message (default 8: small enough for even progress, large enough to amortise messaging). */
  batchSize?: number;
  /** Called after each batch with the number of articles done so far. */
  onProgress?: (done: number) => void;
}

export const defaultWorkerCount = (): number => availableParallelism();

// A worker runs what the rest of the process runs. Started by src/launch.mjs (the npm scripts), that is the sources
// compiled ahead of time: the thread imports the module's compiled twin, as plain JavaScript. Otherwise (vitest,
// `node --import tsx`) it is TypeScript run through tsx: a thread does not inherit the loader in every setup (under
// vitest there is none to inherit), so a two-line bootstrap registers tsx, then imports the module. Through tsx a
// thread costs about 1.4 s more CPU to start (tsx's own loader thread, and every import resolved through it).
const tsxApi = import.meta.resolve("tsx/esm/api");
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The compiled twin of a source module in the tree this process runs (src/launch.mjs), if it runs one. */
function compiledTwin(module: URL): URL | undefined {
  const tree = process.env.NEWSDESK_COMPILED_TREE;
  const relative = path.relative(ROOT, fileURLToPath(module));
  if (!tree || relative.startsWith("..") || !relative.endsWith(".ts")) return undefined;
  const twin = path.join(tree, relative.replace(/\.ts$/, ".js"));
  return existsSync(twin) ? pathToFileURL(twin) : undefined;
}

/** Starts a worker thread running the TypeScript module at `module` (or its compiled twin: see above). */
export function spawnWorker(module: URL): Worker {
  const twin = compiledTwin(module);
  if (twin) return new Worker(twin);
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

const spawn = (): Worker => spawnWorker(new URL("./worker.ts", import.meta.url));

/** Extracts every article on worker threads; outcomes come back in input order. Rejects if a worker dies. */
export async function extractInWorkers(articles: readonly Article[], options: PoolOptions = {}): Promise<ExtractOutcome[]> {
  const batchSize = options.batchSize ?? 8;
  const batches: number[][] = [];
  for (let i = 0; i < articles.length; i += batchSize)
    batches.push(Array.from({ length: Math.min(batchSize, articles.length - i) }, (_, k) => i + k));
  const outcomes = new Array<ExtractOutcome>(articles.length);
  const count = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), batches.length));
  const workers = Array.from({ length: count }, spawn);
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current: number[] = [];
            const send = (): void => {
              current = batches[next++] ?? [];
              if (current.length === 0) return resolve();
              worker.postMessage(current.map((i) => job(articles[i] as Article)));
            };
            worker.on("message", (results: ExtractOutcome[]) => {
              current.forEach((i, k) => (outcomes[i] = results[k] ?? { error: "no result from the worker" }));
              done += current.length;
              options.onProgress?.(done);
              send();
            });
            worker.once("error", reject);
            worker.once("exit", (code) => reject(new Error(`extraction worker exited with code ${code}`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}

export const job = (a: Article): ExtractJob => ({ id: a.id, file: a.file, hash: a.hash, signature: a.signature, meta: a.meta, body: a.body });

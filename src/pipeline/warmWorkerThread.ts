// The live corpus's worker thread (warmWorker.ts starts it and talks to it). It keeps the extractors loaded, so that
// a new article is extracted at once and off the main thread, and every article's people, so that they are merged
// again after each update off the main thread too (src/kb/incremental.ts).
import v8 from "node:v8";
import { parentPort } from "node:worker_threads";
import { normalise } from "../corpus/normalise.ts";
import { extractOutcome } from "../extract/index.ts";
import type { ExtractJob, ExtractOutcome } from "../extract/pool.ts";
import { articlePeople, PeopleMerge, type ArticlePeople, type PeopleDelta } from "../kb/incremental.ts";
import { readCachedFacts } from "./factsCache.ts";

export type WorkerRequest = { id: number } & (
  | { kind: "extract"; jobs: ExtractJob[] }
  | { kind: "merge"; order: string[]; upserts: ArticlePeople[]; removed: string[] }
  /**
   * Starts the people table over: the articles in corpus order, with the people of some given and the others read
   * from the facts cache under `cacheDir`. Answers the articles found nowhere (to be extracted and sent in a merge),
   * or, when none is missing, merges and answers how many people that makes, and with `merged` the merge itself
   * (every person, every article's speakers: the leader's check of the stored people, src/live/leaderKnowledge.ts).
   */
  | { kind: "load"; cacheDir?: string; articles: { article: string; hash: string }[]; given: ArticlePeople[]; merged?: boolean }
  /** This thread's V8 heap statistics (the leader benches' memory breakdown), after a full collection with `collect`. */
  | { kind: "heap"; collect?: boolean }
);

export type LoadResult = { missing: string[]; people?: number; merged?: PeopleDelta };
export type WorkerResponse = { id: number } & ({ result: ExtractOutcome[] | PeopleDelta | LoadResult | v8.HeapInfo } | { error: string });

let merge = new PeopleMerge();

function load(cacheDir: string | undefined, articles: { article: string; hash: string }[], given: ArticlePeople[], answerMerged = false): LoadResult {
  merge = new PeopleMerge();
  const known = new Map(given.map((g) => [g.article, g]));
  const entries: ArticlePeople[] = [];
  const missing: string[] = [];
  for (const { article, hash } of articles) {
    const facts = known.get(article) ?? (cacheDir === undefined ? undefined : readCachedFacts(cacheDir, hash)?.facts);
    if (!facts) missing.push(article);
    else entries.push("speakers" in facts ? facts : articlePeople(facts));
  }
  const order = articles.map((a) => a.article);
  if (missing.length > 0) {
    merge.set(entries);
    return { missing };
  }
  const merged = merge.update(order, entries);
  return { missing, people: merged.people.length, ...(answerMerged && { merged }) };
}

function heap(collect = false): v8.HeapInfo {
  // The process's --expose-gc (a shard's flag) gives every thread its gc().
  if (collect) (globalThis as { gc?: () => void }).gc?.();
  return v8.getHeapStatistics();
}

function extract(jobs: ExtractJob[]): ExtractOutcome[] {
  return jobs.map((job) => {
    try {
      const { text, toOriginal } = normalise(job.body);
      // What the corpus loader says of such a file, which it leaves to this thread to find out (warmWorker.ts).
      if (!text.trim()) return { error: "no article text left after removing boilerplate" };
      return extractOutcome({ ...job, text, toOriginal });
    } catch (err) {
      return { error: (err as Error).message };
    }
  });
}

parentPort?.on("message", (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const result =
      request.kind === "extract"
        ? extract(request.jobs)
        : request.kind === "merge"
          ? merge.update(request.order, request.upserts, request.removed)
          : request.kind === "heap"
            ? heap(request.collect)
            : load(request.cacheDir, request.articles, request.given, request.merged);
    response = { id: request.id, result };
  } catch (err) {
    response = { id: request.id, error: (err as Error).message };
  }
  parentPort?.postMessage(response);
  if (request.kind === "merge" || request.kind === "load") collectSoon();
});

/** How long after a merge its garbage is collected: a write's extraction and merge come one after the other. */
const COLLECT_AFTER_MS = 1000;
let collecting: NodeJS.Timeout | undefined;

/**
 * A merge of every article's people allocates several times what it keeps (at 50,000 articles the thread's heap grew
 * by 20-40 MB of pages beyond its 85 MB of live objects after each write), and V8 keeps the pages until new
 * allocations call for a collection, which an idle thread never makes: so the thread collects itself once the merge is
 * done, when the process may (--expose-gc, a shard's flag: src/discord/shards.ts; without it nothing is done).
 */
function collectSoon(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return;
  clearTimeout(collecting);
  collecting = setTimeout(() => gc(), COLLECT_AFTER_MS);
  collecting.unref();
}

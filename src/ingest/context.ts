// What every ingestion step shares: where the corpus is, what it holds, the fetch limits, the clock, and one lock.
import type { ArticleMeta } from "../corpus/types.ts";
import { CorpusIndex } from "./corpusIndex.ts";
import { DEFAULT_LIMITS, type FetchLimits } from "./http.ts";

export interface IngestContext {
  corpusDir: string;
  index: CorpusIndex;
  limits: FetchLimits;
  now: () => Date;
  /** Aborts in-flight requests when the poller stops. */
  signal?: AbortSignal;
  /**
   * Runs `fn` alone. Feeds are polled concurrently, so "is this story already in the corpus? then write it" must
   * not interleave, or a story arriving in two feeds at once would be written twice.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export interface WrittenArticle {
  /** Absolute path of the new corpus file. */
  file: string;
  meta: ArticleMeta;
}

export interface ContextOptions {
  limits?: Partial<FetchLimits>;
  now?: () => Date;
  signal?: AbortSignal;
}

export function createContext(corpusDir: string, options: ContextOptions = {}): IngestContext {
  let queue: Promise<unknown> = Promise.resolve();
  const context: IngestContext = {
    corpusDir,
    index: new CorpusIndex(corpusDir),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    now: options.now ?? (() => new Date()),
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const run = queue.then(fn, fn);
      queue = run.catch(() => undefined);
      return run;
    },
  };
  if (options.signal) context.signal = options.signal;
  return context;
}

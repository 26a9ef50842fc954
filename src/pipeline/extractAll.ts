// Facts for every article of a corpus: cached facts where the article's file is unchanged, fresh extraction for
// the rest: on worker threads when there are many, on this thread (yielding between articles, so a running bot
// keeps answering) when there are few. An article whose extraction fails is left out with one log line.
import type { Article } from "../corpus/types.ts";
import type { ExtractOutcome } from "../extract/pool.ts";
import type { ArticleFacts } from "../extract/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { Logger } from "../log.ts";
import { EXTRACTION_LIMITS } from "../extract/limits.ts";
import { startProgress, type ProgressOptions } from "./progress.ts";

export interface ExtractAllOptions {
  /** Use worker threads from this many articles to extract (default 200: below that, starting threads costs more). */
  parallelFrom?: number;
  /** Worker threads (default: the machine's available parallelism; 1 means no threads). */
  workers?: number;
  /** Extracts instead of the worker pool or this thread (a live corpus's warm worker: src/pipeline/warmWorker.ts). */
  extractor?: (articles: Article[]) => Promise<ExtractOutcome[]>;
  /** Show progress from this many articles to extract (default 200). */
  progressFrom?: number;
  progress?: ProgressOptions;
}

export interface ExtractedCorpus {
  /** The articles that have facts (in input order), with their facts at the same index. */
  articles: Article[];
  facts: ArticleFacts[];
  /** How many were extracted now (the rest came from the store). */
  extracted: number;
}

export async function extractAll(candidates: readonly Article[], store: FactsStore, log: Logger, options: ExtractAllOptions = {}): Promise<ExtractedCorpus> {
  const missing: Article[] = [];
  for (const [i, article] of candidates.entries()) {
    // The persistent store reads an entry from disk when first asked: a running bot keeps answering meanwhile.
    if (i > 0 && i % 250 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (!store.get(article.hash)) missing.push(article);
  }
  const outcomes = new Map<Article, ExtractOutcome>();
  if (missing.length > 0) {
    const progress = missing.length >= (options.progressFrom ?? 200) ? startProgress("extracting", missing.length, log, options.progress) : undefined;
    const results = await extractMissing(missing, log, options, (done) => progress?.update(done));
    progress?.stop();
    missing.forEach((a, i) => outcomes.set(a, results[i] as ExtractOutcome));
  }
  const articles: Article[] = [];
  const facts: ArticleFacts[] = [];
  const hashes = new Set<string>();
  for (const article of candidates) {
    const outcome = outcomes.get(article);
    if (outcome && "error" in outcome) {
      log.error({ file: article.file, err: outcome.error }, `skipped ${article.id}: extraction failed`);
      continue;
    }
    if (outcome?.cutFrom !== undefined) log.warn({ file: article.file }, cutNote(article.id, outcome.cutFrom));
    if (outcome) store.set(article.hash, { meta: article.meta, facts: outcome.facts });
    const entry = store.get(article.hash);
    if (!entry) continue;
    hashes.add(article.hash);
    articles.push(article);
    facts.push(entry.facts);
  }
  store.retain(hashes);
  return { articles, facts, extracted: outcomes.size };
}

/** The log line of an article whose text was longer than extraction reads (src/extract/limits.ts). */
export function cutNote(id: string, length: number): string {
  return `${id}: only the first ${EXTRACTION_LIMITS.maxChars.toLocaleString("en-US")} of its ${length.toLocaleString("en-US")} characters are read (the limit for one article)`;
}

// The extractors are imported only when something needs extracting: their NLP libraries take a second or more to
// load, and a start from a warm cache needs none of them.
async function extractMissing(missing: Article[], log: Logger, options: ExtractAllOptions, onProgress: (done: number) => void): Promise<ExtractOutcome[]> {
  if (options.extractor) return options.extractor(missing);
  const { defaultWorkerCount, extractInWorkers } = await import("../extract/pool.ts");
  const { extractOutcome } = await import("../extract/index.ts");
  const workers = options.workers ?? defaultWorkerCount();
  if (workers > 1 && missing.length >= (options.parallelFrom ?? 200)) {
    try {
      return await extractInWorkers(missing, { workers, onProgress });
    } catch (err) {
      log.warn({ err }, "parallel extraction failed; extracting on the main thread instead");
    }
  }
  const outcomes: ExtractOutcome[] = [];
  for (const article of missing) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      outcomes.push(extractOutcome(article));
    } catch (err) {
      outcomes.push({ error: (err as Error).message });
    }
    onProgress(outcomes.length);
  }
  return outcomes;
}

// A corpus folder to its knowledge base, through the caches: the corpus is loaded (files unchanged since the saved
// startup build are not read again), then the saved knowledge base is used whole if it was built from exactly these
// articles by this code, or else it is built (snapshot.ts: buildKnowledge), with the facts of unchanged articles
// from the facts cache. open.ts adds the answers; the `kb` command needs only this.
import path from "node:path";
import type { SavedIndexes } from "../answer/indexes.ts";
import { loadCorpus, type LoadedCorpus } from "../corpus/load.ts";
import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import { log as defaultLog, type Logger } from "../log.ts";
import { factsStoreFor } from "./caches.ts";
import type { ExtractAllOptions } from "./extractAll.ts";
import { buildKnowledge } from "./snapshot.ts";
import type { StartupCache } from "./startupCache.ts";

export interface LoadKnowledgeOptions extends ExtractAllOptions {
  /** Where the caches live (`<dataDir>/cache`); without it (and without `store`), nothing is cached between runs. */
  dataDir?: string;
  /** A facts store to use instead (overrides dataDir). */
  store?: FactsStore;
  /**
   * A saved build to reuse whole when the corpus is the one it was built from (default: loadKnowledge uses none,
   * openKnowledge the one in dataDir).
   */
  startupCache?: StartupCache;
  /**
   * When the folder no longer holds the files the saved build was made from: false (default) loads the folder and
   * builds, as any changed corpus; true uses the saved build all the same and names the files in `outdated`, for a
   * caller that brings it up to date itself (the live corpus, through its incremental updates), unless they are
   * many (over 100 and over 2 % of the articles: then it builds and saves again).
   */
  reconcile?: boolean;
  log?: Logger;
}

export interface LoadedKnowledge {
  /** The corpus as loaded; its articles are those in the knowledge base (an article whose extraction failed is not). */
  corpus: LoadedCorpus;
  /** Every valid article of the folder, in the order a saved knowledge base is keyed by. */
  loaded: Article[];
  kb: KnowledgeBase;
  /** The answer indexes saved with a reused knowledge base. */
  savedIndexes?: SavedIndexes;
  /** Articles extracted by this load (the rest came from the caches). */
  extracted: number;
  /** Whether the knowledge base came whole from the startup cache (nothing was read from the facts cache or merged). */
  reused: boolean;
  /** The facts of the knowledge base's articles, in corpus order, when it was built (not when reused). */
  facts?: ArticleFacts[];
  /** With `reconcile`: the files (absolute paths) new, changed or gone since the saved build was made. */
  outdated?: string[];
}

/**
 * How many changed files a live corpus applies after starting from a saved build: past that (a saved build many
 * live changes old: only a start saves one), the start builds and saves again, as a changed corpus always did.
 */
const reconcilable = (articles: number): number => Math.max(100, Math.ceil(articles / 50));

/** Loads a corpus directory and its knowledge base, extracting only what the caches do not hold. */
export async function loadKnowledge(dir: string, options: LoadKnowledgeOptions = {}): Promise<LoadedKnowledge> {
  const log = options.log ?? defaultLog;
  const store = options.store ?? factsStoreFor(options.dataDir, log);
  const cache = options.startupCache;
  // The saved build is read while a worker thread compares the folder's files with those it was made from.
  const started = cache?.start?.(dir);
  if (started) {
    const outdated = await started.check.catch((err: unknown) => void log.warn({ err }, "could not compare the corpus folder with the saved build; reading every file"));
    if (outdated && (outdated.length === 0 || (options.reconcile && outdated.length <= reconcilable(started.articles.length)))) {
      const { articles: loaded, kb, indexes } = started;
      const inKb = new Set(kb.articles.map((a) => a.id));
      const articles = loaded.filter((a) => inKb.has(a.id));
      const corpus = { dir: path.resolve(dir), articles, skipped: [] };
      const files = outdated.map((name) => path.join(corpus.dir, name));
      return { corpus, loaded, kb, savedIndexes: indexes, extracted: 0, reused: true, ...(options.reconcile && { outdated: files }) };
    }
  }
  const corpus = await loadCorpus(dir, {
    log,
    knownMeta: (hash) => cache?.knownMeta(hash) ?? store.get(hash)?.meta,
    ...(cache && { knownFile: (name: string) => cache.knownFile(name) }),
  });
  // After a check that found files changed, the build read meanwhile is still the corpus's if its articles are.
  const saved = started?.madeOf(corpus.articles) ? started : cache?.read(corpus.articles);
  if (saved) {
    const inKb = new Set(saved.kb.articles.map((a) => a.id));
    const articles = corpus.articles.filter((a) => inKb.has(a.id));
    return { corpus: { ...corpus, articles }, loaded: corpus.articles, kb: saved.kb, savedIndexes: saved.indexes, extracted: 0, reused: true };
  }
  const { articles, facts, kb, extracted } = await buildKnowledge(corpus.articles, store, log, options);
  await store.flush();
  return { corpus: { ...corpus, articles }, loaded: corpus.articles, kb, extracted, reused: false, facts };
}

import path from "node:path";
import { loadCorpus, type KnownFile, type LoadedCorpus } from "../corpus/load.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import { log as defaultLog, type Logger } from "../log.ts";
import { extractAll, type ExtractAllOptions } from "./extractAll.ts";
import { openFactsCache } from "./factsCache.ts";
import { createMemoryFactsStore, factsKey, type FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";

export interface LoadedKnowledge {
  /** The corpus as loaded; its articles are those in the knowledge base (an article whose extraction failed is not). */
  corpus: LoadedCorpus;
  /** Every valid article of the folder, in the order a saved knowledge base is keyed by. */
  loaded: Article[];
  kb: KnowledgeBase;
  /** Articles extracted by this load (the rest came from the cache). */
  extracted: number;
  /** Whether the knowledge base came whole from `reuse` (nothing was read from the facts cache or merged). */
  reused: boolean;
}

/** A knowledge base saved by an earlier build (see startupCache.ts). */
export interface SavedKnowledgeBase {
  /** Front matter of an article it holds, by file hash. */
  knownMeta(hash: string): ArticleMeta | undefined;
  /** What was read from a file of this name when it was saved (a file still the same need not be read again). */
  knownFile(name: string): KnownFile | undefined;
  /** The knowledge base, if it was built from exactly these articles. */
  read(articles: readonly Article[]): KnowledgeBase | undefined;
}

export interface LoadKnowledgeOptions extends ExtractAllOptions {
  /** Where the facts cache lives (`<dataDir>/cache`); without it, nothing is cached between runs. */
  dataDir?: string;
  /** A facts store to use instead (overrides dataDir). */
  store?: FactsStore;
  /** A whole knowledge base to reuse when the corpus is the one it was built from. */
  reuse?: SavedKnowledgeBase;
  log?: Logger;
}

/** Where a data folder keeps its caches (the facts per article, the saved startup build). */
export const cacheDirOf = (dataDir: string): string => path.join(dataDir, "cache");

/** The facts store a data folder holds (the persistent cache), or a memory store when there is no folder. */
export function factsStoreFor(dataDir: string | undefined, log: Logger): FactsStore {
  return dataDir === undefined ? createMemoryFactsStore() : openFactsCache(cacheDirOf(dataDir), log);
}

/** Loads a corpus directory and its knowledge base, extracting only what the facts cache does not hold. */
export async function loadKnowledge(dir: string, options: LoadKnowledgeOptions = {}): Promise<LoadedKnowledge> {
  const log = options.log ?? defaultLog;
  const store = options.store ?? factsStoreFor(options.dataDir, log);
  const { reuse } = options;
  const corpus = await loadCorpus(dir, {
    knownMeta: (hash) => reuse?.knownMeta(hash) ?? store.get(factsKey(hash))?.meta,
    ...(reuse && { knownFile: (name: string) => reuse.knownFile(name) }),
  });
  const saved = reuse?.read(corpus.articles);
  if (saved) {
    const inKb = new Set(saved.articles.map((a) => a.id));
    return { corpus: { ...corpus, articles: corpus.articles.filter((a) => inKb.has(a.id)) }, loaded: corpus.articles, kb: saved, extracted: 0, reused: true };
  }
  const { articles, facts, extracted } = await extractAll(corpus.articles, store, log, options);
  await store.flush();
  // Imported only to build: merging people needs the name lexicon, a third of a second to load.
  const { buildKnowledgeBase } = await import("../kb/build.ts");
  return { corpus: { ...corpus, articles }, loaded: corpus.articles, kb: buildKnowledgeBase(articles, facts), extracted, reused: false };
}

import path from "node:path";
import { loadCorpus, type LoadedCorpus } from "../corpus/load.ts";
import { log as defaultLog, type Logger } from "../log.ts";
import { buildKnowledgeBase } from "./build.ts";
import { extractAll, type ExtractAllOptions } from "./extractAll.ts";
import { openFactsCache } from "./factsCache.ts";
import { createMemoryFactsStore, factsKey, type FactsStore } from "./store.ts";
import type { KnowledgeBase } from "./types.ts";

export interface LoadedKnowledge {
  corpus: LoadedCorpus;
  kb: KnowledgeBase;
  /** Articles extracted by this load (the rest came from the cache). */
  extracted: number;
}

export interface LoadKnowledgeOptions extends ExtractAllOptions {
  /** Where the facts cache lives (`<dataDir>/cache`); without it, nothing is cached between runs. */
  dataDir?: string;
  /** A facts store to use instead (overrides dataDir). */
  store?: FactsStore;
  log?: Logger;
}

/** Where a data folder keeps its caches (the facts per article, the saved indexes). */
export const cacheDirOf = (dataDir: string): string => path.join(dataDir, "cache");

/** The facts store a data folder holds (the persistent cache), or a memory store when there is no folder. */
export function factsStoreFor(dataDir: string | undefined, log: Logger): FactsStore {
  return dataDir === undefined ? createMemoryFactsStore() : openFactsCache(cacheDirOf(dataDir), log);
}

/** Loads a corpus directory and its knowledge base, extracting only what the facts cache does not hold. */
export async function loadKnowledge(dir: string, options: LoadKnowledgeOptions = {}): Promise<LoadedKnowledge> {
  const log = options.log ?? defaultLog;
  const store = options.store ?? factsStoreFor(options.dataDir, log);
  const corpus = await loadCorpus(dir, { knownMeta: (hash) => store.get(factsKey(hash))?.meta });
  const { articles, facts, extracted } = await extractAll(corpus.articles, store, log, options);
  await store.flush();
  return { corpus: { ...corpus, articles }, kb: buildKnowledgeBase(articles, facts), extracted };
}

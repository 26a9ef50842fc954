// A corpus folder to a knowledge base and answers, through the caches in DATA_DIR: what every start does (the bot,
// the console, `ask`, `kb`, the benchmark). Over an unchanged corpus the saved knowledge base and indexes are loaded
// whole (startupCache.ts); otherwise unchanged articles' facts come from the facts cache, the rest is extracted
// (snapshot.ts: buildKnowledge), and the build is saved for the next start.
import { createAnswers } from "../answer/index.ts";
import type { SavedIndexes } from "../answer/indexes.ts";
import type { Answers } from "../answer/types.ts";
import { loadCorpus, type LoadedCorpus } from "../corpus/load.ts";
import type { Article } from "../corpus/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import { log as defaultLog, type Logger } from "../log.ts";
import { factsStoreFor, startupCacheFor } from "./caches.ts";
import type { ExtractAllOptions } from "./extractAll.ts";
import { buildKnowledge, snapshotOf, type Snapshot } from "./snapshot.ts";
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
}

/** Loads a corpus directory and its knowledge base, extracting only what the caches do not hold. */
export async function loadKnowledge(dir: string, options: LoadKnowledgeOptions = {}): Promise<LoadedKnowledge> {
  const log = options.log ?? defaultLog;
  const store = options.store ?? factsStoreFor(options.dataDir, log);
  const cache = options.startupCache;
  const corpus = await loadCorpus(dir, {
    knownMeta: (hash) => cache?.knownMeta(hash) ?? store.get(hash)?.meta,
    ...(cache && { knownFile: (name: string) => cache.knownFile(name) }),
  });
  const saved = cache?.read(corpus.articles);
  if (saved) {
    const inKb = new Set(saved.kb.articles.map((a) => a.id));
    const articles = corpus.articles.filter((a) => inKb.has(a.id));
    return { corpus: { ...corpus, articles }, loaded: corpus.articles, kb: saved.kb, savedIndexes: saved.indexes, extracted: 0, reused: true };
  }
  const { articles, kb, extracted } = await buildKnowledge(corpus.articles, store, log, options);
  await store.flush();
  return { corpus: { ...corpus, articles }, loaded: corpus.articles, kb, extracted, reused: false };
}

export interface OpenedKnowledge extends LoadedKnowledge {
  answers: Answers;
  /** The articles, knowledge base and answers as one snapshot (what the live bot starts from). */
  snapshot: Snapshot;
  /** Resolves when the caches this start wrote are on disk. */
  flush(): Promise<void>;
}

/** Loads a corpus directory through the caches, then its answers (indexes loaded when saved, else built and saved). */
export async function openKnowledge(dir: string, options: LoadKnowledgeOptions = {}): Promise<OpenedKnowledge> {
  const log = options.log ?? defaultLog;
  const store = options.store ?? factsStoreFor(options.dataDir, log);
  const cache = options.startupCache ?? startupCacheFor(options.dataDir, log);
  const loaded = await loadKnowledge(dir, { ...options, store, log, ...(cache && { startupCache: cache }) });
  const answers = createAnswers(loaded.kb, {
    ...(loaded.savedIndexes && { saved: loaded.savedIndexes }),
    ...(cache && { onBuilt: (indexes: SavedIndexes) => cache.write(loaded.loaded, { kb: loaded.kb, indexes }) }),
  });
  return {
    ...loaded,
    answers,
    snapshot: snapshotOf(loaded.corpus.articles, loaded.kb, answers),
    flush: async () => void (await Promise.all([store.flush(), cache?.flush()])),
  };
}

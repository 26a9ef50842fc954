// A corpus folder to answers, through the caches in DATA_DIR: what every start does (the bot, the console, `ask`,
// the benchmark). Over an unchanged corpus the saved knowledge base and indexes are loaded whole (startupCache.ts);
// otherwise the knowledge base is built (load.ts) and its indexes too, and the build is saved for the next start.
import { createAnswerSet } from "../answer/index.ts";
import type { SavedIndexes } from "../answer/indexes.ts";
import type { Answers } from "../answer/types.ts";
import { log as defaultLog } from "../log.ts";
import { factsStoreFor, startupCacheFor } from "./caches.ts";
import { loadKnowledge, type LoadedKnowledge, type LoadKnowledgeOptions } from "./load.ts";
import { snapshotOf, type Snapshot } from "./snapshot.ts";

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
  const set = createAnswerSet(loaded.kb, {
    ...(loaded.savedIndexes && { saved: loaded.savedIndexes }),
    ...(cache && { onBuilt: (indexes: SavedIndexes) => cache.write(loaded.loaded, { kb: loaded.kb, indexes }) }),
  });
  return {
    ...loaded,
    answers: set.answers,
    snapshot: snapshotOf(loaded.corpus.articles, loaded.kb, set),
    flush: async () => void (await Promise.all([store.flush(), cache?.flush()])),
  };
}

// Startup: a corpus folder to answers, through the caches in DATA_DIR. Over an unchanged corpus the saved
// knowledge base and indexes are loaded whole (startupCache.ts); otherwise unchanged articles' facts come from the
// facts cache, the rest is extracted, and the build is saved for the next start.
import type { Article } from "../corpus/types.ts";
import { cacheDirOf, factsStoreFor, loadKnowledge, type LoadedKnowledge } from "./load.ts";
import type { ExtractAllOptions } from "./extractAll.ts";
import type { FactsStore } from "../kb/store.ts";
import { log as defaultLog, type Logger } from "../log.ts";
import { createAnswers } from "../answer/index.ts";
import type { SavedIndexes } from "../answer/indexes.ts";
import { openStartupCache, type StartupCache } from "./startupCache.ts";
import type { Answers } from "../answer/types.ts";

export interface OpenOptions extends ExtractAllOptions {
  /** Where the caches live; without it (and without `store` and `startupCache`) nothing is cached. */
  dataDir?: string;
  /** The facts store to use (default: the one in dataDir). */
  store?: FactsStore;
  /** The saved startup build to use (default: the one in dataDir). */
  startupCache?: StartupCache;
  log?: Logger;
}

export interface OpenedKnowledge extends LoadedKnowledge {
  answers: Answers;
  /** Resolves when the caches this start wrote are on disk. */
  flush(): Promise<void>;
}

export async function openKnowledge(dir: string, options: OpenOptions = {}): Promise<OpenedKnowledge> {
  const log = options.log ?? defaultLog;
  const { dataDir } = options;
  const store = options.store ?? factsStoreFor(dataDir, log);
  const cache = options.startupCache ?? (dataDir === undefined ? undefined : openStartupCache(cacheDirOf(dataDir), log));
  let savedIndexes: SavedIndexes | undefined;
  const reuse = cache && {
    knownMeta: (hash: string) => cache.knownMeta(hash),
    knownFile: (name: string) => cache.knownFile(name),
    read: (articles: readonly Article[]) => {
      const saved = cache.read(articles);
      savedIndexes = saved?.indexes;
      return saved?.kb;
    },
  };
  const loaded = await loadKnowledge(dir, { ...options, store, log, ...(reuse && { reuse }) });
  const answers = createAnswers(loaded.kb, {
    ...(savedIndexes && { saved: savedIndexes }),
    ...(cache && { onBuilt: (indexes: SavedIndexes) => cache.write(loaded.loaded, { kb: loaded.kb, indexes }) }),
  });
  return { ...loaded, answers, flush: async () => void (await Promise.all([store.flush(), cache?.flush()])) };
}

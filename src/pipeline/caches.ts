// The caches a data folder keeps (`<DATA_DIR>/cache`): the facts per article (factsCache.ts) and the last startup
// build (startupCache.ts). Without a data folder nothing is kept between runs.
import path from "node:path";
import { createMemoryFactsStore, type FactsStore } from "../kb/store.ts";
import type { Logger } from "../log.ts";
import { openFactsCache } from "./factsCache.ts";
import { openStartupCache, type StartupCache } from "./startupCache.ts";

/** Where a data folder keeps its caches. */
export const cacheDirOf = (dataDir: string): string => path.join(dataDir, "cache");

/** The facts store a data folder holds (the persistent cache), or a memory store when there is no folder. */
export function factsStoreFor(dataDir: string | undefined, log: Logger): FactsStore {
  return dataDir === undefined ? createMemoryFactsStore() : openFactsCache(cacheDirOf(dataDir), log);
}

/** The saved startup build of a data folder (none without a folder). */
export function startupCacheFor(dataDir: string | undefined, log: Logger): StartupCache | undefined {
  return dataDir === undefined ? undefined : openStartupCache(cacheDirOf(dataDir), log);
}

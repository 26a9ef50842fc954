// The per-article facts store: extraction is the expensive step, so a build re-extracts only the articles whose
// file changed. Entries are keyed by the article's hash (its id and file bytes), so facts of an older version of the
// file are never reused. Entries live in memory; the persistent store (src/pipeline/factsCache.ts) also writes them
// under DATA_DIR so that a restart finds them, in a folder of the extraction code that made them.
import type { ArticleMeta } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";

/** What the store keeps per article: its front matter (so a cached article need not be parsed) and its facts. */
export interface CachedArticle {
  meta: ArticleMeta;
  facts: ArticleFacts;
}

export interface FactsStore {
  /** The entry of an article, by its hash (Article.hash). */
  get(hash: string): CachedArticle | undefined;
  set(hash: string, entry: CachedArticle): void;
  /**
   * Forgets every entry whose hash is not in `keep` (articles removed or changed since). Called at the end of each
   * build; the persistent store then also lets go of the entries it read into memory (they stay on disk).
   */
  retain(keep: ReadonlySet<string>): void;
  /** Resolves when everything set so far is persisted (at once for the memory store). */
  flush(): Promise<void>;
}

export function createMemoryFactsStore(): FactsStore {
  const entries = new Map<string, CachedArticle>();
  return {
    get: (key) => entries.get(key),
    set: (key, entry) => void entries.set(key, entry),
    retain: (keep) => {
      for (const key of entries.keys()) if (!keep.has(key)) entries.delete(key);
    },
    flush: async () => undefined,
  };
}

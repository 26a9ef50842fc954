// The per-article facts cache: extraction is the expensive step, so a rebuild re-extracts only the articles whose
// content changed. Keys are a hash of the article (id, front matter, body) plus EXTRACTION_VERSION, so facts from an
// older extractor or an older version of the file are never reused. In memory for now; the interface is async so a
// store persisted under DATA_DIR can replace it without touching its callers.
import { createHash } from "node:crypto";
import type { Article } from "../corpus/types.ts";
import { EXTRACTION_VERSION } from "../extract/index.ts";
import type { ArticleFacts } from "../extract/types.ts";

export interface FactsStore {
  get(key: string): Promise<ArticleFacts | undefined>;
  set(key: string, facts: ArticleFacts): Promise<void>;
  /** Forgets every entry whose key is not in `keep` (articles removed or changed since). */
  retain(keep: ReadonlySet<string>): Promise<void>;
}

/** What the article's file says, hashed: equal hashes mean equal extraction input. */
export function articleHash(article: Article): string {
  return createHash("sha256").update(JSON.stringify([article.id, article.meta, article.body])).digest("hex");
}

/** The cache key: the article's content hash (articleHash) and the extractor version. */
export function factsKey(hash: string): string {
  return `v${EXTRACTION_VERSION}:${hash}`;
}

export function createMemoryFactsStore(): FactsStore {
  const entries = new Map<string, ArticleFacts>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, facts) => {
      entries.set(key, facts);
    },
    retain: async (keep) => {
      for (const key of entries.keys()) if (!keep.has(key)) entries.delete(key);
    },
  };
}

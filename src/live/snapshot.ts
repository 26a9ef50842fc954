// One consistent state of the corpus: the articles, their knowledge base and the answer indexes over it. A
// snapshot is built completely before anyone sees it, and never changes afterwards.
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import { extractArticle } from "../extract/index.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { buildKnowledgeBase } from "../kb/build.ts";
import { articleHash, factsKey, type FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";

export interface Snapshot {
  articles: Article[];
  kb: KnowledgeBase;
  answers: Answers;
  /** Article id → content hash: what a later snapshot compares against to tell changed articles. */
  hashes: ReadonlyMap<string, string>;
}

export interface BuildResult {
  snapshot: Snapshot;
  /** How many articles were extracted (not found in the facts store). */
  extracted: number;
}

// Imported lazily: the answer module pulls in the search indexes, which main.ts loads after config validation.
type CreateAnswers = (kb: KnowledgeBase) => Answers;

/**
 * Builds a snapshot, reusing stored facts for unchanged articles. The event loop is released between
 * extractions, so interactions keep being answered (from the previous snapshot) during a long rebuild. An article
 * whose extraction throws is left out with one log line rather than failing the whole rebuild.
 */
export async function buildSnapshot(
  candidates: Article[],
  store: FactsStore,
  createAnswers: CreateAnswers,
  log: Logger,
): Promise<BuildResult> {
  const articles: Article[] = [];
  const facts: ArticleFacts[] = [];
  const hashes = new Map<string, string>();
  const keys = new Set<string>();
  let extracted = 0;
  for (const article of candidates) {
    const hash = articleHash(article);
    const key = factsKey(hash);
    let f = await store.get(key);
    if (!f) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        f = extractArticle(article);
      } catch (err) {
        log.error({ file: article.file, err }, `skipped ${article.id}: extraction failed`);
        continue;
      }
      extracted++;
      await store.set(key, f);
    }
    keys.add(key);
    articles.push(article);
    facts.push(f);
    hashes.set(article.id, hash);
  }
  await store.retain(keys);
  const kb = buildKnowledgeBase(articles, facts);
  return { snapshot: { articles, kb, answers: createAnswers(kb), hashes }, extracted };
}

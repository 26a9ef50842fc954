// The articles of a leader's write (leaderKnowledge.ts), worked out in slices (src/util/slices.ts) so that the
// thread that answers is never held long: which of the folder's articles the next knowledge base keeps and which
// stored ones it drops, its articles (the new ones made from their facts), and the texts its citations read.
import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { readArticleTexts } from "../kb/articleTexts.ts";
import { kbArticle } from "../kb/build.ts";
import type { ReadTexts } from "../kb/citations.ts";
import type { KbArticle, KnowledgeBase } from "../kb/types.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";

export function* filterSliced<T>(items: readonly T[], keep: (item: T) => boolean): Sliced<T[]> {
  const out: T[] = [];
  yield* eachSliced(items, (item) => keep(item) && out.push(item), 4096);
  return out;
}

/** The folder's articles in the next knowledge base (new, changed and unchanged), and the stored ones it drops. */
export function* keptAndRemoved(folder: readonly Article[], fresh: ReadonlyMap<string, ArticleFacts>, stored: ReadonlyMap<string, string>): Sliced<{ kept: Article[]; removed: string[] }> {
  const kept = yield* filterSliced(folder, (a) => fresh.has(a.id) || stored.get(a.id) === a.hash);
  const keptIds = new Set<string>();
  yield* eachSliced(kept, (a) => keptIds.add(a.id), 4096);
  const removed = yield* filterSliced([...stored.keys()], (id) => !keptIds.has(id));
  return { kept, removed };
}

/** The knowledge base's articles: the fresh ones made from their facts, the others those `before` holds. */
export function* articlesOf(kept: readonly Article[], fresh: ReadonlyMap<string, ArticleFacts>, before: KnowledgeBase): Sliced<KbArticle[]> {
  const held = new Map<string, KbArticle>();
  yield* eachSliced(before.articles, (a) => held.set(a.id, a), 4096);
  const articles: KbArticle[] = [];
  yield* eachSliced(
    kept,
    (a) => {
      const facts = fresh.get(a.id);
      const article = facts ? kbArticle(a, facts) : held.get(a.id);
      if (!article) throw new Error(`leader knowledge: article "${a.id}" is stored but not in the knowledge base held`);
      articles.push(article);
    },
    4096,
  );
  return articles;
}

/**
 * The texts of the next knowledge base's articles (`articles`): those written now from their facts (at hand), the
 * others as `before` reads them (from the database). An id of no article of it has none, as citeDescription reads it.
 */
export function textsAfter(before: KnowledgeBase, articles: readonly KbArticle[], fresh: ReadonlyMap<string, ArticleFacts>): ReadTexts {
  let kept: Set<string> | undefined;
  return async (ids) => {
    const inKb = (kept ??= new Set(articles.map((a) => a.id)));
    const held = ids.filter((id) => inKb.has(id) && !fresh.has(id));
    const out = new Map<string, readonly string[]>(held.length > 0 ? await readArticleTexts(before, held) : []);
    for (const id of ids) {
      const facts = fresh.get(id);
      if (facts) out.set(id, facts.sentences.map((s) => s.text));
    }
    return out;
  };
}

// The saved article order (storedOrders.ts): made for the writer from the knowledge base it writes, and taken in by
// an engine as the answers' own (src/answer/suggestOrders.ts keeps it per list of articles).
import { articleOrderComing, articleOrderSliced, keepArticleOrder } from "../../answer/suggestOrders.ts";
import type { TitleWords } from "../../answer/titleWords.ts";
import type { KbArticle } from "../../kb/types.ts";
import { runInSlices } from "../../util/slices.ts";
import { PartNotRead } from "../engine.ts";
import type { SavedArticleOrder } from "./storedOrders.ts";
import { corpusOrder } from "./storedStages.ts";

/**
 * The order of `articles` (every article the write leaves stored) to save, made in slices (a leader answers
 * meanwhile): over the articles in the corpus's order, as a reader holds them, so that articles tied on date and
 * title keep the order a reader's sort keeps them in.
 */
export async function articleOrderToSave(articles: readonly KbArticle[]): Promise<SavedArticleOrder> {
  const inOrder = articles.every((a, i) => i === 0 || corpusOrder((articles[i - 1] as KbArticle).id, a.id) < 0);
  const ordered = inOrder ? (articles as KbArticle[]) : [...articles].sort((a, b) => corpusOrder(a.id, b.id));
  // The answers' own order when it was made for these articles already (kept per list).
  const titles = await runInSlices(articleOrderSliced(ordered));
  const place = new Map(ordered.map((a, i) => [a, i]));
  const { vocabulary, wordStarts, words, placeStarts, places } = titles;
  return { articles: Int32Array.from(titles.articles, (a) => place.get(a) as number), vocabulary: [...vocabulary], wordStarts, words, placeStarts, places };
}

/**
 * Keeps the saved order as the order of `articles` (an engine's knowledge base, in the corpus's order) once it is
 * read, if it was saved for them; an article suggestion asked meanwhile waits for it (PartNotRead) rather than make
 * the order beside the read. Resolves once read; never rejects (without it the order is made as before).
 */
export function takeArticleOrder(articles: KbArticle[], saved: Promise<SavedArticleOrder | undefined>): Promise<void> {
  let read = false;
  const taken = saved
    .then((order) => {
      const titles = order && titleWordsFrom(articles, order);
      if (titles) keepArticleOrder(articles, titles);
    })
    .catch(() => undefined)
    .finally(() => (read = true));
  articleOrderComing(articles, () => {
    if (!read) throw new PartNotRead(taken, "article order");
  });
  return taken;
}

/**
 * The title words of the saved order over `articles`; undefined when its sizes do not fit them (then they are made).
 * Its integers are not checked one by one: saved beside the version read, by this code.
 */
function titleWordsFrom(articles: KbArticle[], saved: SavedArticleOrder): TitleWords | undefined {
  const n = articles.length;
  const { vocabulary, wordStarts, words, placeStarts, places } = saved;
  const fits = saved.articles.length === n && wordStarts.length === n + 1 && wordStarts[n] === words.length && placeStarts.length === vocabulary.length + 1 && places.length === words.length;
  if (!fits) return undefined;
  const ordered = new Array<KbArticle>(n);
  for (let i = 0; i < n; i++) {
    const article = articles[saved.articles[i] as number];
    if (!article) return undefined;
    ordered[i] = article;
  }
  return { articles: ordered, vocabulary, wordStarts, words, placeStarts, places };
}

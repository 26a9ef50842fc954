// The texts of articles' sentences as the bot's duties beside the answers read them: announcements (what an article
// adds, its channels' filters, whether it is a copy of a story), follow DMs and /announce preview. They read them
// through one asynchronous reader, because a knowledge base read from PostgreSQL without its texts (a shard's:
// PostgresEngine texts "database", some 53 MB less at 50,000 articles) has them in the database only. A duty reads the
// articles it is about first, then works on them as before, synchronously and unchanged.
// The reader goes with the knowledge base object (a WeakMap, as sentenceStore.ts keeps the packed sentences), so that
// wherever a knowledge base is handed on (listeners of new articles, the leader's duties, the digest) its texts are
// read from where that knowledge base keeps them. A knowledge base without a reader holds its texts in memory.
import { sentenceCount, sentenceText } from "./sentenceStore.ts";
import type { KnowledgeBase } from "./types.ts";

/** The texts of articles' sentences, in order, by article id: every article read (an id not in the knowledge base: none). */
export type ArticleSentences = ReadonlyMap<string, readonly string[]>;

export interface ArticleTextReader {
  /** The sentences' texts of these articles. Rejects when they cannot be read now (the database out of reach). */
  read(articleIds: Iterable<string>): Promise<ArticleSentences>;
}

const readers = new WeakMap<KnowledgeBase, ArticleTextReader>();

/** The texts of `kb`'s articles are read through `reader` (a knowledge base read without them). */
export function readTextsWith(kb: KnowledgeBase, reader: ArticleTextReader): void {
  readers.set(kb, reader);
}

/**
 * `kb` reads its texts as `from` does (the same knowledge base made again: a PostgreSQL engine's read whole, its
 * first stage's reader). Nothing when `from` holds them.
 */
export function readTextsAs(kb: KnowledgeBase, from: KnowledgeBase): void {
  const reader = readers.get(from);
  if (reader) readers.set(kb, reader);
}

/** The sentences' texts of these articles of `kb`, from where `kb` keeps them. */
export function readArticleTexts(kb: KnowledgeBase, articleIds: Iterable<string>): Promise<ArticleSentences> {
  return (readers.get(kb) ?? heldTexts(kb)).read(articleIds);
}

/**
 * An article's sentences among those read. An article that was not read is a mistake of the caller (it works with a
 * knowledge base in memory and fails on a shard), so it throws rather than read as an article without sentences.
 */
export function sentencesOf(texts: ArticleSentences, articleId: string): readonly string[] {
  const found = texts.get(articleId);
  if (!found) throw new Error(`article texts: the sentences of "${articleId}" were not read`);
  return found;
}

/** The texts of articles the knowledge base holds in memory (read without making its articles' sentence objects). */
function heldTexts(kb: KnowledgeBase): ArticleTextReader {
  return {
    read: async (articleIds) => {
      // One pass over the articles (a knowledge base's array may grow in place: nothing is kept from one read to the next).
      const out = new Map<string, readonly string[]>();
      for (const id of articleIds) out.set(id, []);
      const found = new Set<string>();
      for (const article of kb.articles) {
        // The first article of an id, as kb.articles.find gives it.
        if (out.has(article.id) && !found.has(article.id) && found.add(article.id)) out.set(article.id, Array.from({ length: sentenceCount(article) }, (_, i) => sentenceText(article, i) ?? ""));
      }
      return out;
    },
  };
}

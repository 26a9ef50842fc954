// The article files as the start that saved the startup cache read them (its "articles" section), and what a later
// start learns from them: an unchanged file need not be read again, nor front matter parsed again (startupCache.ts).
import path from "node:path";
import type { KnownFile } from "../corpus/load.ts";
import { savedArticle } from "../corpus/savedArticle.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import type { ArticleWithoutSentences } from "../kb/sentenceStore.ts";

/**
 * The article files as the saving start read them, as columns: name, signature and hash at the same index; the front
 * matter, by name, of those the knowledge base does not hold (their extraction failed).
 */
export interface SavedList {
  names: string[];
  signatures: string[];
  hashes: string[];
  meta: Record<string, ArticleMeta>;
}

/** What the saving start read of each article file, by hash and by file name. */
export interface KnownArticles {
  byHash: Map<string, ArticleMeta>;
  byName: Map<string, KnownFile>;
}

/** The list of `articles` to save; the knowledge base holds the front matter of those in `inKb`. */
export function savedListOf(articles: readonly Article[], inKb: ReadonlySet<string>): SavedList {
  const list: SavedList = { names: [], signatures: [], hashes: [], meta: {} };
  for (const a of articles) {
    const name = path.basename(a.file);
    list.names.push(name);
    list.signatures.push(a.signature);
    list.hashes.push(a.hash);
    if (!inKb.has(a.id)) list.meta[name] = a.meta;
  }
  return list;
}

/** Adds to `known` each listed file whose front matter is known (from the list, or the knowledge base's `kbMeta`). */
export function learnFiles(known: KnownArticles, list: SavedList, kbMeta: ReadonlyMap<string, ArticleMeta>): void {
  list.names.forEach((name, i) => {
    const meta = list.meta[name] ?? kbMeta.get(articleIdOf(name));
    if (!meta) return;
    known.byHash.set(list.hashes[i] as string, meta);
    known.byName.set(name, { signature: list.signatures[i] as string, hash: list.hashes[i] as string, meta });
  });
}

/** The listed articles of the folder `dir` whose front matter is known, in the list's order (files read on demand). */
export function savedArticles(dir: string, list: SavedList, kbMeta: ReadonlyMap<string, ArticleMeta>): Article[] {
  const articles: Article[] = [];
  list.names.forEach((name, i) => {
    const meta = list.meta[name] ?? kbMeta.get(articleIdOf(name));
    if (meta) articles.push(savedArticle(dir, name, { signature: list.signatures[i] as string, hash: list.hashes[i] as string, meta }));
  });
  return articles;
}

/** The article id of a file name (as src/corpus/load.ts names articles). */
const articleIdOf = (name: string): string => name.replace(/\.md$/i, "");

/** Each article's front matter, by id: the knowledge base's article less its id (read before its sentences are unpacked). */
export function metaById(articles: readonly ArticleWithoutSentences[]): Map<string, ArticleMeta> {
  const byId = new Map<string, ArticleMeta>();
  for (const { id, ...meta } of articles) byId.set(id, meta);
  return byId;
}

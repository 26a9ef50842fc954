// The stored articles' metadata as the first stage reads it (storedStages.ts): one row of columns, each field of every
// article in one JSON array (ids, numbers, outlets, dates) and the titles joined into one string (withTitles), so that
// the parse makes the strings the articles keep and a few arrays, not an array and a metadata object per article that
// are garbage once read (a row of [id, meta, number] per article cost the process 125-157 ms of CPU at 50,000 articles,
// the columns 99-103 ms, load 12-14). An article whose metadata holds more than those three fields (a url, an author)
// comes whole, as stored.
import type { ArticleMeta } from "../../corpus/types.ts";
import type { ArticleWithoutSentences } from "../../kb/sentenceStore.ts";
import { JOINED_BY, lastOrOne, splitJoined } from "./joinedStrings.ts";

/** The columns (null: no article), in the server's order of the articles. */
export type ArticleColumns = [string[], number[], string[], string[], string[], (ArticleMeta | null)[]] | [null, null, null, null, null, null];

/**
 * One row: the metadata of an article whose meta is exactly title, outlet and date is in the columns, else whole; and
 * its sentences' stable ids (migration 007's bytes, joined as joinedColumns.ts reads them), in the same
 * order (one scan: every aggregate takes its rows in the order it gives them), so that they are found by place, not
 * by id (a second scan, its 50,000 ids and a map of them to build: 15-25 ms of a shard's first stage).
 */
export const ARTICLE_COLUMNS = `SELECT json_build_array(json_agg(id), json_agg(number), NULL, json_agg(meta->'outlet'), json_agg(meta->'published'),
    json_agg(CASE WHEN meta ?& array['title', 'outlet', 'published'] AND meta - 'title' - 'outlet' - 'published' = '{}'::jsonb
      AND jsonb_typeof(meta->'title') = 'string' THEN NULL ELSE meta END)
  ) AS articles, string_agg(coalesce(meta->>'title', ''), ${JOINED_BY}) AS titles,
  array_send(array_agg(octet_length(sentence_ids))) AS sentence_sizes, encode(string_agg(sentence_ids, ''::bytea), 'base64') AS sentence_ids
  FROM kb_article`;

/** Every article's title by id (as JSON: a title that holds joinedStrings.ts's separator). */
export const TITLES_BY_ID = "SELECT json_object_agg(id, meta->'title') AS titles FROM kb_article";

/** ARTICLE_COLUMNS's row: its titles' column (`articles[2]`) is null, the titles are joined in `titles`. */
export interface ArticleRow {
  articles: ArticleColumns;
  titles: string | null;
  sentence_sizes: Buffer | null;
  sentence_ids: string | null;
}

/**
 * The articles of the columns read, each outlet and date `one(...)` (one string per value in the process), their
 * keys in the order of the row each was read as before (id, then the stored metadata's keys); `numbered` gets each
 * article's id at its number (migration 008: the people name their articles by it).
 */
export function articlesOf(columns: ArticleColumns | undefined, one: (value: string) => string, numbered: (string | undefined)[]): ArticleWithoutSentences[] {
  const [ids, numbers, titles, outlets, published, whole] = columns ?? [null, null, null, null, null, null];
  if (!ids) return [];
  const out = new Array<ArticleWithoutSentences>(ids.length);
  // Outlets and dates repeat, often from one article to the next: the value before's string is taken without a lookup.
  const [outlet, date] = [lastOrOne(one), lastOrOne(one)];
  for (let i = 0; i < ids.length; i++) {
    // Not through `one`: each id comes once, and nothing after looks one up in it (the people and the quotes take
    // theirs from the articles, by number or by walking them).
    const id = ids[i] as string;
    numbered[numbers[i] as number] = id;
    const meta = whole[i];
    out[i] = meta
      ? { id, ...meta, outlet: outlet(meta.outlet), published: date(meta.published) }
      : { id, title: titles[i] as string, outlet: outlet(outlets[i] as string), published: date(published[i] as string) };
  }
  return out;
}

/**
 * The row's columns with their titles, split from the joined column: each title of 13 characters or more is then a
 * view of the one string read, not a copy that the collector copies again (JSON's parse made one per article, some 3
 * MB at 50,000 articles). A title that holds the separator makes them read again by id (`byId`, in the same snapshot).
 */
export async function withTitles(row: ArticleRow | undefined, byId: () => Promise<Record<string, string> | null>): Promise<ArticleColumns | undefined> {
  const columns = row?.articles;
  const ids = columns?.[0];
  if (!columns || !ids) return columns;
  let titles = splitJoined(row.titles, ids.length);
  if (!titles) {
    const read = (await byId()) ?? {};
    titles = ids.map((id) => read[id] as string);
  }
  return [ids, columns[1], titles, columns[3], columns[4], columns[5]] as ArticleColumns;
}

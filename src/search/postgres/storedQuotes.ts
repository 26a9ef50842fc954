// The stored quotes as a shard's first stage reads them (storedStages.ts): one row of columns, each string column
// every quote's value joined by a separator (joinedStrings.ts: the quotes' 5 MB of text at 50,000 articles are not
// copied), the ids and sentences as packed
// integers. As one JSON row of [id, article, fragment, sentence, text, speaker] per quote (QUOTES_READ, which a
// change still reads for the few articles it writes), the parse made 54,000 arrays and as many copied texts, all
// garbage once the quotes were made, and the server sorted the input of the aggregate on its own.
import type pg from "pg";
import type { KbQuote } from "../../kb/types.ts";
import { JOINED_BY, lastOrOne, splitJoined } from "./joinedStrings.ts";
import { integersOf } from "./joinedColumns.ts";

/** Every stored quote (QuoteRow) as one row of JSON, in the order quotesInOrder takes them. */
export const QUOTES_READ = "SELECT json_agg(json_build_array(id, article, fragment, sentence, text, canonical) ORDER BY article, fragment, index) AS quotes FROM kb_quote";

/** A stored quote as read: stable id, article, fragment, sentence, text, speaker as the knowledge base names them. */
export type QuoteRow = [number, string, boolean, number, string, string | null];

/**
 * Every stored quote as columns, in the order of (article, fragment, index) of the one sorted subquery (the aggregates
 * take its rows in that order); `kinds` one letter per quote: d/f a direct quote or fragment with a speaker, D/F without.
 */
export const QUOTE_COLUMNS = `SELECT count(*)::int AS n, encode(string_agg(int4send(id), ''::bytea), 'base64') AS ids,
    encode(string_agg(int4send(sentence), ''::bytea), 'base64') AS sentences,
    string_agg(CASE WHEN fragment THEN CASE WHEN canonical IS NULL THEN 'F' ELSE 'f' END ELSE CASE WHEN canonical IS NULL THEN 'D' ELSE 'd' END END, '') AS kinds,
    string_agg(article, ${JOINED_BY}) AS articles, string_agg(text, ${JOINED_BY}) AS texts, string_agg(coalesce(canonical, ''), ${JOINED_BY}) AS speakers
  FROM (SELECT id, article, fragment, index, sentence, text, canonical FROM kb_quote ORDER BY article, fragment, index) q`;

type ColumnsRow = { n: number; ids: string | null; sentences: string | null; kinds: string | null; articles: string | null; texts: string | null; speakers: string | null };

/** Stored quotes in the server's order of (article, fragment, index): each article's together, its direct ones first. */
export interface StoredQuotes {
  length: number;
  id(i: number): number;
  article(i: number): string;
  fragment(i: number): boolean;
  /** The quote, its article being `article` (the string of its id the knowledge base's article holds). */
  quote(i: number, article: string): KbQuote;
}

/**
 * The stored quotes, in the read-only transaction `client` is in: as columns, or, when a text, an article id or a
 * speaker holds the separator, as rows (QUOTES_READ, in the same snapshot).
 */
export async function readStoredQuotes(client: pg.PoolClient, one: (value: string) => string): Promise<StoredQuotes> {
  const [row] = (await client.query<ColumnsRow>(QUOTE_COLUMNS)).rows;
  const columns = row && quotesOfColumns(row, one);
  if (columns) return columns;
  const [rows] = (await client.query<{ quotes: QuoteRow[] | null }>(QUOTES_READ)).rows;
  return quotesOfRows(rows?.quotes ?? [], one);
}

/** The quotes of the columns read; undefined when a string column does not split into one value per quote. */
function quotesOfColumns(row: ColumnsRow, one: (value: string) => string): StoredQuotes | undefined {
  const n = row.n;
  const [articles, texts, speakers] = [splitJoined(row.articles, n), splitJoined(row.texts, n), splitJoined(row.speakers, n)];
  const kinds = row.kinds ?? "";
  if (!articles || !texts || !speakers || kinds.length !== n) return undefined;
  const ids = integersOf(Buffer.from(row.ids ?? "", "base64"));
  const sentences = integersOf(Buffer.from(row.sentences ?? "", "base64"));
  if (ids.length !== n || sentences.length !== n) throw new Error(`kb store: ${n} quotes read with ${ids.length} ids and ${sentences.length} sentences`);
  const hasSpeaker = (k: number): boolean => k === D_SPOKEN || k === F_SPOKEN;
  // An article's quotes often have one speaker.
  const speaker = lastOrOne(one);
  return {
    length: n,
    id: (i) => ids[i] as number,
    article: (i) => articles[i] as string,
    fragment: (i) => kinds.charCodeAt(i) === F_SPOKEN || kinds.charCodeAt(i) === F_UNSPOKEN,
    quote: (i, article) => ({ article, sentence: sentences[i] as number, text: texts[i] as string, speaker: hasSpeaker(kinds.charCodeAt(i)) ? speaker(speakers[i] as string) : null }),
  };
}
const [D_SPOKEN, F_SPOKEN, F_UNSPOKEN] = ["d", "f", "F"].map((c) => c.charCodeAt(0)) as [number, number, number];

/** The quotes of QUOTES_READ's rows. */
export function quotesOfRows(rows: readonly QuoteRow[], one: (value: string) => string): StoredQuotes {
  return {
    length: rows.length,
    id: (i) => (rows[i] as QuoteRow)[0],
    article: (i) => (rows[i] as QuoteRow)[1],
    fragment: (i) => (rows[i] as QuoteRow)[2],
    quote: (i, article) => {
      const [, , , sentence, text, speaker] = rows[i] as QuoteRow;
      return { article, sentence, text, speaker: speaker === null ? null : one(speaker) };
    },
  };
}

/**
 * Direct quotes, then fragments, each in corpus order (a quote's position is its index in the quotes index), from
 * quotes in the server's order of (article, fragment, index): each article's are together, its direct ones first.
 * Quotes of an article not in `articles` are left out.
 */
export function quotesInOrder(articles: readonly { id: string }[], quotes: StoredQuotes): { direct: KbQuote[]; fragments: KbQuote[]; ids: Int32Array } {
  // Where each article's quotes start.
  const starts = new Map<string, number>();
  for (let i = 0; i < quotes.length; i++) {
    const article = quotes.article(i);
    if (i === 0 || article !== quotes.article(i - 1)) starts.set(article, i);
  }
  const ids = new Int32Array(quotes.length);
  const out = { direct: [] as KbQuote[], fragments: [] as KbQuote[] };
  let n = 0;
  for (const fragment of [false, true]) {
    const list = fragment ? out.fragments : out.direct;
    for (const { id } of articles) {
      let i = starts.get(id);
      if (i === undefined) continue;
      if (fragment) while (i < quotes.length && quotes.article(i) === id && !quotes.fragment(i)) i++;
      for (; i < quotes.length && quotes.article(i) === id && quotes.fragment(i) === fragment; i++) {
        ids[n++] = quotes.id(i);
        list.push(quotes.quote(i, id));
      }
    }
  }
  return { ...out, ids: ids.subarray(0, n) };
}

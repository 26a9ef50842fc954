// The stored sentences read back packed (src/kb/sentenceStore.ts: one UTF-8 buffer of every text, one table of
// integers), one row per article: reading 421,000 sentence rows at 50,000 articles made a row object and a sentence
// object for each (some 90 MB of heap beside the text, and twice that at the peak of the read), and an answer reads
// the sentences of a few articles only. An article's sentence objects are made when something first reads them.
import type pg from "pg";
import { unpackSentences, type ArticleWithoutSentences } from "../../kb/sentenceStore.ts";
import type { KbArticle } from "../../kb/types.ts";
import { endianness } from "node:os";
import { inReadSnapshot } from "./packedRows.ts";
import { intArray } from "./postings.ts";

/** Integers per sentence in the rows read: stable id, index, paragraph, start, end, text length in UTF-8 bytes. */
const READ = 6;
/** Integers per sentence in sentenceStore's table: paragraph, start, end, end of its text in the text buffer. */
const FIELDS = 4;

/** Articles whose texts are read by one statement: the texts of all at once were some 100 MB of strings at the peak. */
const TEXT_BATCH = 2000;

/**
 * The articles (in the order given, or once read) with their stored sentences (their texts too unless `texts` is
 * false: a PostgreSQL engine can read them when an answer does), and the sentences' stable ids in that order, from
 * the packed form each article's row keeps (migrations 006 and 007). The integers first, every article's joined by the
 * server into one value (a bytea or array column per row left some 300,000 small buffers to the allocator at 50,000
 * articles, whose freed memory stayed in the process; their text, 2.5 million integers parsed, took 0.4 s of CPU);
 * then the texts, a batch of articles at a time, each written straight into the one buffer. In one snapshot, so that
 * the two agree.
 */
export async function readStoredSentences(
  client: pg.PoolClient,
  articlesRead: ArticleWithoutSentences[] | Promise<ArticleWithoutSentences[]>,
  { batch = TEXT_BATCH, texts = true }: { batch?: number; texts?: boolean } = {},
): Promise<{ articles: KbArticle[]; ids: Int32Array }> {
  return inReadSnapshot(client, async () => {
    const table = await readSentenceTable(client, articlesRead);
    return { articles: sentencesOf(table, texts ? await readSentenceTexts(client, table, batch) : undefined), ids: table.ids };
  });
}

/** The stored sentences without their texts: each article's count and places, and where its text goes in the buffer. */
export interface SentenceTable {
  articles: ArticleWithoutSentences[];
  table: Int32Array;
  /** The sentences' stable ids, in the articles' order. */
  ids: Int32Array;
  textAt: Map<string, { start: number; length: number }>;
  /** The texts' length in all, in UTF-8 bytes. */
  textLength: number;
}

/**
 * The sentences' integers of the articles (in the order given, or once read), every article's in one statement and
 * one row, as bytes (migration 007): the articles' ids, each one's byte length and all their places joined, in one
 * order of the server's, in the transaction `client` is in (readSentenceTexts must see the same state).
 */
export async function readSentenceTable(
  client: pg.PoolClient,
  articlesRead: ArticleWithoutSentences[] | Promise<ArticleWithoutSentences[]>,
): Promise<SentenceTable> {
  // Asked before the articles are known (they may be read meanwhile on another connection). Each article's row holds
  // its sentences packed (packStoredSentences): grouping the sentence rows here took seconds.
  const placesRead = client.query<{ ids: string[] | null; sizes: Buffer | null; places: Buffer | null }>(
    `SELECT json_agg(id ORDER BY id) AS ids, array_send(array_agg(octet_length(sentence_places) ORDER BY id)) AS sizes,
       string_agg(sentence_places, ''::bytea ORDER BY id) AS places FROM kb_article`,
  );
  // Rejections are taken where awaited; these keep one that comes while the other is awaited from being unhandled.
  for (const p of [placesRead, Promise.resolve(articlesRead)]) p.catch(() => undefined);
  const articles = await articlesRead;
  const row = (await placesRead).rows[0];
  const ids = row?.ids ?? [];
  const sizes = row?.sizes ? intArray(row.sizes) : new Int32Array(0);
  const places = integersOf(row?.places ?? Buffer.alloc(0));
  const placesOf = new Map<string, Int32Array>();
  let at = 0;
  ids.forEach((id, i) => {
    // NULL (a writer that did not pack) reads as -1.
    const size = packed(id, sizes[i] === undefined || sizes[i] < 0 ? null : (sizes[i] as number)) / 4;
    if (size % READ !== 0) throw new Error(`kb store: the sentences of "${id}" hold ${size} integers, not a multiple of ${READ}`);
    placesOf.set(id, places.subarray(at, at + size));
    at += size;
  });
  if (at !== places.length) throw new Error(`kb store: the articles' sentences hold ${places.length} integers, their sizes say ${at}`);
  return pack(articles, placesOf);
}

/** Big-endian 4-byte integers (int4send's) as a table of integers, in this machine's order. */
function integersOf(bytes: Buffer): Int32Array {
  if (bytes.length % 4 !== 0) throw new Error(`kb store: ${bytes.length} bytes of sentence places are not 4-byte integers`);
  // Aligned for the view, and the buffer's own (swapped in place).
  const own = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  if (endianness() === "LE") own.swap32();
  return new Int32Array(own.buffer, own.byteOffset, own.length / 4);
}

/**
 * The sentences' texts, a batch of articles at a time, each written straight into the one buffer, in the transaction
 * `client` is in (the state readSentenceTable read).
 */
export async function readSentenceTexts(client: pg.PoolClient, store: SentenceTable, batch = TEXT_BATCH): Promise<Buffer> {
  const text = Buffer.alloc(store.textLength);
  const textsAfter = (after: string) =>
    client.query<{ article: string; text: string | null }>("SELECT id AS article, sentence_text AS text FROM kb_article WHERE id > $1 ORDER BY id LIMIT $2", [after, batch]);
  for (let next: ReturnType<typeof textsAfter> | undefined = textsAfter(""); next; ) {
    const read: pg.QueryResult<{ article: string; text: string | null }> = await next;
    // The next batch is asked for before this one is written: the server reads it meanwhile.
    next = read.rows.length < batch ? undefined : textsAfter(read.rows[read.rows.length - 1]?.article as string);
    next?.catch(() => undefined);
    for (const { article, text: t } of read.rows) {
      const at = store.textAt.get(article);
      if (at && text.write(packed(article, t), at.start, "utf8") !== at.length) throw new Error(`kb store: the sentences of "${article}" do not add up to their text`);
    }
  }
  return text;
}

/** The articles with their sentences from the table (their texts from `text`, or not held: textsGiven gives them). */
export function sentencesOf(store: SentenceTable, text: Buffer | undefined): KbArticle[] {
  const { table } = store;
  return unpackSentences(store.articles, { table: Buffer.from(table.buffer, table.byteOffset, table.byteLength), text });
}

/**
 * Stores the packed sentences of the articles `ids` in their rows, from their sentence rows (kb_sentences_packed of
 * migration 007): the writer calls it in its transaction once their sentences are written.
 */
export async function packStoredSentences(client: pg.PoolClient, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    "UPDATE kb_article a SET sentence_places = p.places, sentence_text = p.text FROM kb_sentences_packed($1) p WHERE p.article = a.id",
    [ids],
  );
}

/** A packed column as read: every article the writer wrote has it (NULL would be a writer that did not pack). */
function packed<T>(article: string, value: T | null): T {
  if (value === null) throw new Error(`kb store: the sentences of "${article}" are not packed in its row (kb_article.sentence_places, sentence_text)`);
  return value;
}

/** sentenceStore's table from the integers read, the sentences' ids, and where each article's text goes in the buffer. */
function pack(articles: ArticleWithoutSentences[], numbersOf: ReadonlyMap<string, Int32Array>): SentenceTable {
  let count = 0;
  for (const a of articles) count += (numbersOf.get(a.id)?.length ?? 0) / READ;
  const table = new Int32Array(1 + articles.length + count * FIELDS);
  const ids = new Int32Array(count);
  const textAt = new Map<string, { start: number; length: number }>();
  table[0] = articles.length;
  let at = 1 + articles.length;
  let n = 0;
  let textEnd = 0;
  articles.forEach((a, i) => {
    const numbers = numbersOf.get(a.id);
    if (!numbers) return;
    table[1 + i] = numbers.length / READ;
    const start = textEnd;
    for (let k = 0; k < numbers.length; k += READ) {
      const index = numbers[k + 1] as number;
      if (index !== k / READ) throw new Error(`kb store: sentence ${index} of "${a.id}" stands at ${k / READ}`);
      ids[n++] = numbers[k] as number;
      textEnd += numbers[k + 5] as number;
      table[at] = numbers[k + 2] as number;
      table[at + 1] = numbers[k + 3] as number;
      table[at + 2] = numbers[k + 4] as number;
      table[at + 3] = textEnd;
      at += FIELDS;
    }
    textAt.set(a.id, { start, length: textEnd - start });
  });
  return { articles, table, ids, textAt, textLength: textEnd };
}

// The stored sentences read back packed (src/kb/sentenceStore.ts: one UTF-8 buffer of every text, one table of
// integers), from columns of each article's row: reading 421,000 sentence rows at 50,000 articles made a row object and a sentence
// object for each (some 90 MB of heap beside the text, and twice that at the peak of the read), and an answer reads
// the sentences of a few articles only. An article's sentence objects are made when something first reads them.
import type pg from "pg";
import { unpackSentences, type ArticleWithoutSentences } from "../../kb/sentenceStore.ts";
import type { KbArticle } from "../../kb/types.ts";
import { eachSliced, runAtOnce, type Sliced } from "../../util/slices.ts";
import { inReadSnapshot } from "./packedRows.ts";
import { readJoinedColumns, type JoinedColumns } from "./joinedColumns.ts";

/** Integers per sentence in the places read (migration 007): paragraph, start, end, text length in UTF-8 bytes. */
const READ = 4;
/** Integers per sentence in sentenceStore's table: paragraph, start, end, end of its text in the text buffer. */
const FIELDS = 4;

/** Articles whose texts are read by one statement: the texts of all at once were some 100 MB of strings at the peak. */
const TEXT_BATCH = 2000;
/**
 * Articles whose sentence places are read by one statement: 13 MB of hex for all at 50,000 articles, decoded at once,
 * held an answering process's event loop some 50 ms longer.
 */
const PLACES_BATCH = 8192;

/**
 * The articles (in the order given, or once read) with their stored sentences (their texts too unless `texts` is
 * false: a PostgreSQL engine can read them when an answer does), and the sentences' stable ids in that order, from
 * the packed form each article's row keeps (migrations 006 and 007): the ids, then the places and the texts, `batch`
 * articles to a statement (the texts each written straight into the one buffer). In one snapshot, so that they agree.
 */
export async function readStoredSentences(
  client: pg.PoolClient,
  articlesRead: ArticleWithoutSentences[] | Promise<ArticleWithoutSentences[]>,
  { batch = TEXT_BATCH, texts = true }: { batch?: number; texts?: boolean } = {},
): Promise<{ articles: KbArticle[]; ids: Int32Array }> {
  return inReadSnapshot(client, async () => {
    const table = await readSentenceTable(client, articlesRead);
    runAtOnce(await readSentencePlaces(client, table, { batch }));
    return { articles: sentencesOf(table, texts ? await readSentenceTexts(client, table, batch) : undefined), ids: table.ids };
  });
}

/**
 * The stored sentences without their texts: each article's count and the sentences' stable ids (what a first stage
 * answers from), then their places and where each article's text goes in the buffer (readSentencePlaces).
 */
export interface SentenceTable {
  articles: ArticleWithoutSentences[];
  /** sentenceStore's table: the counts, and the sentences' places once read (zeros until then). */
  table: Int32Array;
  /** The sentences' stable ids, in the articles' order. */
  ids: Int32Array;
  /** Each article's place in `articles` by its number (migration 008; -1, or past the end: none): what the places and events are read by. */
  placeOfNumber: Int32Array;
  /** Where each article's text lies in the buffer of the texts (once the places are read). */
  /**
   * Where each article's text lies in the buffer of the texts, by its place k: its start at 2k and its end at 2k + 1
   * (-1: its places not read), once the places are read. Integers, not an object and map entry per article (50,000 of
   * them on the way to a shard's first /when, whose texts are read from the database, not into the buffer).
   */
  textSpans: Int32Array;
  /** The texts' length in all, in UTF-8 bytes (once the places are read). */
  textLength: number;
}

/**
 * Each article's sentence count and the sentences' stable ids (migration 007's bytes: 1.7 MB at 50,000 articles),
 * for the articles in the order given (or once read), in the transaction `client` is in (the places and the texts
 * read after must see the same state). Their places are left to readSentencePlaces: only the events and the texts
 * read them, and both come in a second stage.
 */
export async function readSentenceTable(
  client: pg.PoolClient,
  articlesRead: ArticleWithoutSentences[] | Promise<ArticleWithoutSentences[]>,
): Promise<SentenceTable> {
  // Asked before the articles are known (they may be read meanwhile on another connection). Each article's row holds
  // its sentences packed (packStoredSentences): grouping the sentence rows here took seconds.
  const idsRead = readJoinedColumns(client, "sentence_ids", 1);
  // Rejections are taken where awaited; these keep one that comes while the other is awaited from being unhandled.
  for (const p of [idsRead, Promise.resolve(articlesRead)]) p.catch(() => undefined);
  const articles = await articlesRead;
  const read = await idsRead;
  const at = new Map<string, number>();
  read.articles.forEach((id, i) => at.set(id, i));
  const placeOf = (k: number) => at.get((articles[k] as ArticleWithoutSentences).id);
  return sentenceTableOf(articles, placeOf, read, placesByNumber(articles.length, placeOf, read.numbers));
}

/**
 * The sentence table of `articles` from their sentences' ids as read (JoinedColumns), `placeOf` giving the place of
 * article k in that read (undefined: none read). By place, not through a view of the integers per article (as a map by id once was):
 * those were some 8 MB of garbage at 50,000 articles, in the first stage a shard answers after.
 */
export function sentenceTableOf(
  articles: ArticleWithoutSentences[],
  placeOf: (k: number) => number | undefined,
  read: Omit<JoinedColumns, "last" | "numbers">,
  placeOfNumber: Int32Array,
): SentenceTable {
  let count = 0;
  for (let k = 0; k < articles.length; k++) {
    const i = placeOf(k);
    if (i !== undefined) count += read.sizes[i] as number;
  }
  const table = new Int32Array(1 + articles.length + count * FIELDS);
  const ids = new Int32Array(count);
  table[0] = articles.length;
  let n = 0;
  for (let k = 0; k < articles.length; k++) {
    const i = placeOf(k);
    if (i === undefined) continue;
    const from = read.starts[i] as number;
    const size = read.sizes[i] as number;
    table[1 + k] = size;
    for (let j = 0; j < size; j++) ids[n + j] = read.integers[from + j] as number;
    n += size;
  }
  return { articles, table, ids, placeOfNumber, textSpans: new Int32Array(2 * articles.length).fill(-1), textLength: 0 };
}

/** Each article's place by its number, from the numbers in a read's order and each article's place in it (placeOf). */
export function placesByNumber(count: number, placeOf: (k: number) => number | undefined, numbers: ArrayLike<number>): Int32Array {
  let max = -1;
  for (let i = 0; i < numbers.length; i++) max = Math.max(max, numbers[i] ?? -1);
  const places = new Int32Array(max + 1).fill(-1);
  for (let k = 0; k < count; k++) {
    const i = placeOf(k);
    // An article without a number (none: migration 008 numbers every article) has its places and events read by none.
    const n = i === undefined ? undefined : numbers[i];
    if (typeof n === "number" && n >= 0) places[n] = k;
  }
  return places;
}

/**
 * The sentences' places of the table's articles, read in the transaction `client` is in (the state the table was
 * read in), `batch` articles to a statement; the work that writes them into the table (sliced: 421,000 sentences at
 * 50,000 articles).
 */
export async function readSentencePlaces(
  client: pg.PoolClient,
  store: SentenceTable,
  { batch = PLACES_BATCH, beforeBatch }: { batch?: number; beforeBatch?: () => Promise<void> } = {},
): Promise<Sliced<void>> {
  // Where each article's places are, by its place in the table: the batch read and where they start in it (-1: none
  // read). By the articles' numbers, not ids: 50,000 ids as JSON and a map of a view per article were some 20 ms.
  const batchOf = new Int32Array(store.articles.length).fill(-1);
  const startOf = new Int32Array(store.articles.length);
  const sizeOf = new Int32Array(store.articles.length);
  const batches: Int32Array[] = [];
  // A batch of articles at a time (PLACES_BATCH): the next is asked for once this one is taken in.
  for (let after: string | undefined = ""; after !== undefined; ) {
    await beforeBatch?.();
    const read = await readJoinedColumns(client, "sentence_places", READ, { after, limit: batch }, false);
    for (let i = 0; i < read.numbers.length; i++) {
      const k = store.placeOfNumber[read.numbers[i] as number] ?? -1;
      if (k < 0) continue;
      batchOf[k] = batches.length;
      startOf[k] = read.starts[i] as number;
      sizeOf[k] = read.sizes[i] as number;
    }
    batches.push(read.integers);
    after = read.numbers.length < batch ? undefined : read.last;
  }
  return placesWritten(store, (k) => (batchOf[k] as number) < 0 ? undefined : (batches[batchOf[k] as number] as Int32Array).subarray(startOf[k], (startOf[k] as number) + (sizeOf[k] as number)));
}


function* placesWritten(store: SentenceTable, placesOf: (k: number) => Int32Array | undefined): Sliced<void> {
  const { table, articles, textSpans } = store;
  let at = 1 + articles.length;
  let textEnd = 0;
  yield* eachSliced(
    articles,
    (a, i) => {
      const count = table[1 + i] as number;
      const read = placesOf(i);
      const places = read ?? new Int32Array(0);
      if (places.length !== count * READ) throw new Error(`kb store: "${a.id}" holds ${count} sentence ids and ${places.length / READ} sentence places`);
      const start = textEnd;
      for (let k = 0; k < places.length; k += READ, at += FIELDS) {
        textEnd += places[k + 3] as number;
        table[at] = places[k] as number;
        table[at + 1] = places[k + 1] as number;
        table[at + 2] = places[k + 2] as number;
        table[at + 3] = textEnd;
      }
      if (read) textSpans.set([start, textEnd], 2 * i);
    },
    2048,
  );
  store.textLength = textEnd;
}

/**
 * The sentences' texts, a batch of articles at a time, each written straight into the one buffer, in the transaction
 * `client` is in (the state readSentenceTable read).
 */
export async function readSentenceTexts(client: pg.PoolClient, store: SentenceTable, batch = TEXT_BATCH): Promise<Buffer> {
  const text = Buffer.alloc(store.textLength);
  const placeOf = new Map(store.articles.map((a, k) => [a.id, k]));
  const textsAfter = (after: string) =>
    client.query<{ article: string; text: string | null }>("SELECT id AS article, sentence_text AS text FROM kb_article WHERE id > $1 ORDER BY id LIMIT $2", [after, batch]);
  for (let next: ReturnType<typeof textsAfter> | undefined = textsAfter(""); next; ) {
    const read: pg.QueryResult<{ article: string; text: string | null }> = await next;
    // The next batch is asked for before this one is written: the server reads it meanwhile.
    next = read.rows.length < batch ? undefined : textsAfter(read.rows[read.rows.length - 1]?.article as string);
    next?.catch(() => undefined);
    for (const { article, text: t } of read.rows) {
      const k = placeOf.get(article);
      const [start, end] = k === undefined ? [-1, -1] : [store.textSpans[2 * k] as number, store.textSpans[2 * k + 1] as number];
      if (start >= 0 && text.write(packed(article, t), start, "utf8") !== end - start) throw new Error(`kb store: the sentences of "${article}" do not add up to their text`);
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
    "UPDATE kb_article a SET sentence_ids = p.ids, sentence_places = p.places, sentence_text = p.text FROM kb_sentences_packed($1) p WHERE p.article = a.id",
    [ids],
  );
}

/** A packed column as read: every article the writer wrote has it (NULL would be a writer that did not pack). */
function packed<T>(article: string, value: T | null): T {
  if (value === null) throw new Error(`kb store: the sentences of "${article}" are not packed in its row (kb_article.sentence_ids, sentence_places, sentence_text)`);
  return value;
}

// What a write changed in the stored knowledge base, read for a process that holds the knowledge base as it was
// (engineChange.ts applies it): the articles written since (new or written again: every write stamps the rows it
// inserts with its transaction's time, kb_article.written_at), which stored articles are left (the others were
// removed), and the parts any write may change across the corpus and which are small (the people, the name index,
// the article order, the role indexes, the quotes' speakers, the statistics). A whole read at 50,000 articles was 3-6 s of the 8-11 s a shard took to
// answer from a new article after its write (bench:leader-update), most of it the unchanged articles' sentences and
// events. Everything is read in one state of the database (one exported snapshot, as storedStages.ts reads).
import type pg from "pg";
import type { SavedNames } from "../../answer/name-index.ts";
import type { ArticleMeta } from "../../corpus/types.ts";
import type { ArticleWithoutSentences } from "../../kb/sentenceStore.ts";
import type { KbPerson } from "../../kb/types.ts";
import type { ArticleStats } from "./documents.ts";
import { inReadSnapshot, readsIn } from "./packedRows.ts";
import { interner, NOT_BUILT, QUOTES_READ, STATS, STATS_READ, storedVersion, corpusOrder, type QuoteRow } from "./storedStages.ts";
import { readNameIndex } from "./storedNames.ts";
import { readArticleOrder, type SavedArticleOrder } from "./storedOrders.ts";
import { readRoleIndexes, type SavedRoles } from "./storedRoles.ts";
import { readStoredPeople } from "./storedPeople.ts";
import { SPEAKERS_READ, type StoredSpeakers } from "./quotesChange.ts";
import { integersOf } from "./joinedColumns.ts";

/** Integers per sentence in a row's sentence_places (migration 007): paragraph, start, end, text length in UTF-8 bytes. */
const PLACES = 4;
/** Integers per sentence in sentenceStore's table: paragraph, start, end, end of its text in the text buffer. */
const FIELDS = 4;

/** The articles written since a version, packed as sentenceStore.ts unpacks them, with their events. */
export interface FreshArticles {
  /** In corpus order. */
  articles: ArticleWithoutSentences[];
  /** sentenceStore's table of their sentences (counts, places, text ends). */
  table: Int32Array;
  /** Their sentences' stable ids, in the articles' order. */
  sentenceIds: Int32Array;
  /** Their sentences' texts, one UTF-8 buffer (when asked for). */
  text: Buffer | undefined;
  /** Each one's events in order: stable id, sentence, date, date text. */
  events: Map<string, [number, number, string, string][]>;
}

export interface StoredChange {
  version: string;
  /** Every stored article's id: a held one not among them was removed. */
  present: Set<string>;
  fresh: FreshArticles;
  /** The written articles' quotes. */
  quotes: QuoteRow[];
  /** Every stored article's quotes' speakers. */
  speakers: StoredSpeakers;
  people: KbPerson[];
  names: SavedNames | undefined;
  /** The article autocomplete's order saved beside the version (storedOrders.ts). */
  articleOrder: SavedArticleOrder | undefined;
  /** The role questions' indexes saved beside the version (storedRoles.ts). */
  roles: SavedRoles | undefined;
  stats: ArticleStats;
}

/**
 * The change since `version` (a version storedVersion read: its count and latest write) to the articles `held`;
 * undefined when it cannot be worked out from them: no version to start from, or a stored article that is neither
 * held nor written since (a write this process was never told of, stamped before the version's time). `texts`: read
 * the written articles' sentences' texts too.
 */
export async function readStoredChange(pool: pg.Pool, version: string, held: ReadonlySet<string>, texts: boolean): Promise<StoredChange | undefined> {
  const since = /^\d+@(.+)$/.exec(version)?.[1];
  if (version === NOT_BUILT || !since) return undefined;
  return inOneState(pool, async (client) => {
    const one = interner([]);
    const now = await inReadSnapshot(client, async () => {
      const version = await storedVersion(client);
      // Written after the version's time, which is given to the millisecond (the stamp holds microseconds: the last
      // write's own articles are at that millisecond; the next write starts after it committed).
      const { rows } = await client.query<{ numbered: [number, string][] | null; fresh: string[] | null }>(
        "SELECT json_agg(json_build_array(number, id)) AS numbered, json_agg(id) FILTER (WHERE date_trunc('milliseconds', written_at) > $1::timestamptz) AS fresh FROM kb_article",
        [since],
      );
      return { version, numbered: rows[0]?.numbered ?? [], fresh: rows[0]?.fresh ?? [] };
    });
    const fresh = new Set(now.fresh);
    const numbers: (string | undefined)[] = [];
    const present = new Set<string>();
    for (const [number, id] of now.numbered) {
      numbers[number] = one(id);
      present.add(id);
      if (!held.has(id) && !fresh.has(id)) return undefined;
    }
    const articles = await inReadSnapshot(client, () => freshArticles(client, [...fresh], texts, one));
    const quotes = await inReadSnapshot(client, async () => (await client.query<{ quotes: QuoteRow[] | null }>(`${QUOTES_READ} WHERE article = ANY($1)`, [[...fresh]])).rows[0]?.quotes ?? []);
    const speakers = await inReadSnapshot(client, async () => (await client.query<{ speakers: StoredSpeakers | null }>(SPEAKERS_READ)).rows[0]?.speakers ?? {});
    const sums = await inReadSnapshot(client, async () => (await client.query<ArticleStats>(STATS_READ)).rows[0]);
    const stats = Object.fromEntries(STATS.map((k) => [k, sums?.[k] ?? 0])) as unknown as ArticleStats;
    const people = await readStoredPeople(client, one, Promise.resolve(numbers));
    const names = await inReadSnapshot(client, () => readNameIndex(client, Promise.resolve(now.version)));
    const articleOrder = await inReadSnapshot(client, () => readArticleOrder(client, now.version));
    const roles = await inReadSnapshot(client, () => readRoleIndexes(client, now.version));
    return { version: now.version, present, fresh: articles, quotes, speakers, people, names, articleOrder, roles, stats };
  });
}

type FreshRow = { id: string; meta: ArticleMeta; ids: Buffer | null; places: Buffer | null; text: string | null };
type EventRow = { article: string; id: number; sentence: number; date: string; date_text: string };

/** The articles `ids` with their packed sentences and their events. */
async function freshArticles(client: pg.PoolClient, ids: string[], texts: boolean, one: (value: string) => string): Promise<FreshArticles> {
  const { rows } = await client.query<FreshRow>(
    `SELECT id, meta, sentence_ids AS ids, sentence_places AS places, ${texts ? "sentence_text" : "NULL"} AS text FROM kb_article WHERE id = ANY($1)`,
    [ids],
  );
  rows.sort((a, b) => corpusOrder(a.id, b.id));
  const own = rows.map((r) => {
    if (!r.ids || !r.places || (texts && r.text === null)) throw new Error(`kb store: the sentences of "${r.id}" are not packed in its row`);
    return { ids: integersOf(r.ids), places: integersOf(r.places) };
  });
  const count = own.reduce((n, o) => n + o.ids.length, 0);
  const table = new Int32Array(1 + rows.length + count * FIELDS);
  const sentenceIds = new Int32Array(count);
  table[0] = rows.length;
  let [at, n, textEnd] = [1 + rows.length, 0, 0];
  own.forEach(({ ids: sentences, places }, i) => {
    if (places.length !== sentences.length * PLACES) throw new Error(`kb store: "${rows[i]?.id}" holds ${sentences.length} sentence ids and ${places.length / PLACES} sentence places`);
    table[1 + i] = sentences.length;
    sentenceIds.set(sentences, n);
    n += sentences.length;
    for (let k = 0; k < places.length; k += PLACES, at += FIELDS) {
      textEnd += places[k + 3] as number;
      table.set([places[k] as number, places[k + 1] as number, places[k + 2] as number, textEnd], at);
    }
  });
  const text = texts ? Buffer.from(rows.map((r) => r.text ?? "").join("")) : undefined;
  if (text && text.length !== textEnd) throw new Error("kb store: the written articles' sentences do not add up to their texts");
  const events = new Map<string, [number, number, string, string][]>();
  const read = await client.query<EventRow>("SELECT article, id, sentence, date, date_text FROM kb_event WHERE article = ANY($1) ORDER BY article, index", [ids]);
  for (const e of read.rows) {
    const list = events.get(e.article) ?? (events.set(e.article, []).get(e.article) as [number, number, string, string][]);
    list.push([e.id, e.sentence, e.date, e.date_text]);
  }
  const articles = rows.map(({ id, meta }) => ({ id: one(id), ...meta, outlet: one(meta.outlet), published: one(meta.published) }));
  return { articles, table, sentenceIds, text, events };
}

/** Runs `use` on a client whose read snapshots (inReadSnapshot) all see one state of the database. */
async function inOneState<T>(pool: pg.Pool, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const holder = await pool.connect();
  let client: pg.PoolClient | undefined;
  // A connection that failed is not given back to the pool for reuse.
  let failed: Error | undefined;
  try {
    await holder.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await holder.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id ?? "";
    client = await pool.connect();
    readsIn(client, snapshot);
    return await use(client);
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    if (client) {
      readsIn(client, undefined);
      client.release(failed);
    }
    await holder.query("COMMIT").catch((err: unknown) => (failed ??= err as Error));
    holder.release(failed);
  }
}

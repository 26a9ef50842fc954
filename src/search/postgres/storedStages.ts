// The stored knowledge base read back in two stages, so that a process answers before it has read everything: first
// what the first answers read (the articles, their sentences' counts and stable ids, the people, the quotes), then
// the rest (the events, the sentences' places, and their texts where they are held in memory). Every read sees one state of the database: one
// connection exports its snapshot and holds it open until the last read, and each read imports it (readsIn), so a
// write that lands between the stages is in neither (the next refresh reads it).
import type pg from "pg";
import type { ArticleMeta } from "../../corpus/types.ts";
import { textsGiven } from "../../kb/sentenceStore.ts";
import type { EventTable } from "../../kb/eventTable.ts";
import type { KbQuote, KnowledgeBase } from "../../kb/types.ts";
import { runInSlices, type Sliced } from "../../util/slices.ts";
import type { ArticleStats } from "./documents.ts";
import { inReadSnapshot, readsIn } from "./packedRows.ts";
import { readStoredEvents } from "./storedEvents.ts";
import { readStoredPeople } from "./storedPeople.ts";
import { readSentencePlaces, readSentenceTable, readSentenceTexts, sentencesOf, type SentenceTable } from "./storedSentences.ts";

/** What the first stage reads: the knowledge base less its events (and its texts, read in the second stage). */
export interface FirstStage {
  kb: Omit<KnowledgeBase, "events">;
  /** Each stored article's hash (Article.hash): what a start compares the corpus folder with. */
  hashes: Map<string, string>;
  /** The corpus's search statistics: the sum of every article's. */
  stats: ArticleStats;
  /** The stable id (kb_posting's) of each sentence and quote, by its position in the knowledge base. */
  rowIds: { sentences: Int32Array; quotes: Int32Array };
  /** The stored knowledge base's version in the state read (sharedKnowledge.ts kbVersion). */
  version: string;
  /** The second stage: the events with their stable ids; the articles' sentences given their texts, if held. */
  rest: Promise<RestStage>;
}

export interface RestStage {
  events: EventTable;
  eventIds: Int32Array;
  /** Gives the first stage's articles their sentences' texts, in slices (undefined: the texts are not held). */
  holdTexts: (() => Sliced<void>) | undefined;
}

export interface StagedReadOptions {
  /** Whether the sentences' texts are read into memory (in the second stage). Default true. */
  texts?: boolean;
  /** Awaited before the second stage is read (default: nothing): a test holds the second stage back. */
  beforeRest?: () => Promise<void>;
}

// The knowledge base's version: its article count and latest write (every write inserts or deletes articles).
const VERSION = "SELECT count(*)::int AS n, max(written_at) AS at FROM kb_article";

/** The version of a knowledge base nobody wrote yet. */
export const NOT_BUILT = "not built";

/** The version of the knowledge base `db` holds (in the transaction a client is in, if any). */
export async function storedVersion(db: pg.Pool | pg.PoolClient): Promise<string> {
  const { rows } = await db.query<{ n: number; at: Date | null }>(VERSION);
  const row = rows[0];
  // No article: nobody wrote the knowledge base yet (a folder without articles is never written: the leader logs why).
  return row && row.n > 0 ? `${row.n}@${row.at?.toISOString() ?? ""}` : NOT_BUILT;
}

/**
 * Reads the first stage (resolves when it is read) and starts the second (its promise in `rest`). The reads of a
 * stage run at once on connections of their own: the server works on one while this process reads another.
 */
export async function readStoredStages(pool: pg.Pool, { texts = true, beforeRest }: StagedReadOptions = {}): Promise<FirstStage> {
  const holder = await pool.connect();
  let snapshot: string;
  try {
    await holder.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    snapshot = (await holder.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id ?? "";
  } catch (err) {
    holder.release(err as Error);
    throw err;
  }
  const letGo = async (): Promise<void> => {
    await holder.query("COMMIT").catch(() => undefined);
    holder.release();
  };
  const read = <T>(use: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    readOnce(pool)(async (client) => {
      readsIn(client, snapshot);
      try {
        return await use(client);
      } finally {
        readsIn(client, undefined);
      }
    });
  let first: Omit<FirstStage, "rest"> & { table: SentenceTable };
  try {
    first = await readFirst(read);
  } catch (err) {
    await letGo();
    throw err;
  }
  const rest = (async (): Promise<RestStage> => {
    try {
      await beforeRest?.();
      // One after the other: the texts read while the events were made were some 50 MB more at the peak of a start.
      const { events, ids } = await read((client) => readStoredEvents(client, first.kb.articles.map((a) => a.id)));
      // The sentences' places (the events' documents read their paragraphs; the texts go where they say), written
      // into the first stage's table before anything reads them: the events come in with the engine's next step.
      await runInSlices(await read((client) => inReadSnapshot(client, () => readSentencePlaces(client, first.table))));
      const text = texts ? await read((client) => inReadSnapshot(client, () => readSentenceTexts(client, first.table))) : undefined;
      return { events, eventIds: ids, holdTexts: text && (() => textsGiven(first.kb.articles, text)) };
    } finally {
      await letGo();
    }
  })();
  // Its rejection is taken by whoever awaits it; this keeps one that nobody awaits yet from being unhandled.
  rest.catch(() => undefined);
  const { table: _table, ...stage } = first;
  return { ...stage, rest };
}

type Read = <T>(use: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

async function readFirst(read: Read): Promise<Omit<FirstStage, "rest"> & { table: SentenceTable }> {
  const query = async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => (await read((client) => inReadSnapshot(client, () => client.query<R>(text)))).rows;
  const one = interner([]);
  // The articles are read while the server reads the sentences' places, the quotes and the people (each on a
  // connection of its own).
  const articlesRead = query<{ id: string; hash: string; meta: ArticleMeta; stats: ArticleStats }>("SELECT id, hash, meta, stats FROM kb_article").then((rows) => {
    for (const a of rows) a.id = one(a.id);
    return rows.sort((a, b) => corpusOrder(a.id, b.id));
  });
  const tableRead = read((client) =>
    inReadSnapshot(client, () =>
      readSentenceTable(
        client,
        articlesRead.then((ordered) => ordered.map((a) => ({ id: a.id, ...a.meta, outlet: one(a.meta.outlet), published: one(a.meta.published) }))),
      ),
    ),
  );
  const quotesRead = query<{ id: number; article: string; fragment: boolean; sentence: number; text: string; speaker: string | null }>(
    "SELECT id, article, fragment, sentence, text, canonical AS speaker FROM kb_quote ORDER BY article, fragment, index",
  );
  const peopleRead = read((client) => readStoredPeople(client, one));
  const versionRead = read((client) => inReadSnapshot(client, () => storedVersion(client)));
  // Rejections are taken below; these keep one that comes while another is awaited from being unhandled.
  for (const p of [articlesRead, tableRead, quotesRead, peopleRead, versionRead]) (p as Promise<unknown>).catch(() => undefined);
  const ordered = await articlesRead;
  const table = await tableRead;
  const quoteRows = await quotesRead;
  const inOrder = <T>(by: Map<string, T[]>): T[] => ordered.flatMap((a) => by.get(a.id) ?? []);
  // Direct quotes, then fragments, each in corpus order (a quote's position is its index in the quotes index).
  const quotesOf = (fragment: boolean) => inOrder(groupBy(quoteRows.filter((q) => q.fragment === fragment)));
  const [direct, fragments] = [quotesOf(false), quotesOf(true)];
  const quote = ({ article, sentence, text, speaker }: { article: string; sentence: number; text: string; speaker: string | null }): KbQuote => ({ article: one(article), sentence, text, speaker: speaker === null ? null : one(speaker) });
  const stats: ArticleStats = { sentences: 0, sentenceLength: 0, events: 0, eventText: 0, eventContext: 0, quotes: 0, quoteLength: 0 };
  for (const a of ordered) for (const k of Object.keys(stats) as (keyof ArticleStats)[]) stats[k] += a.stats[k] ?? 0;
  return {
    kb: { articles: sentencesOf(table, undefined), people: await peopleRead, quotes: direct.map(quote), fragments: fragments.map(quote) },
    hashes: new Map(ordered.map((a) => [a.id, a.hash])),
    stats,
    // A sentence's position is its index among its article's (src/answer/indexes.ts sentenceRef), in article order.
    rowIds: { sentences: table.ids, quotes: Int32Array.from([...direct, ...fragments], (r) => r.id) },
    version: await versionRead,
    table,
  };
}

/** The order of a corpus: its files sorted by name (src/corpus/load.ts), an article's id being its file name. */
export function corpusOrder(a: string, b: string): number {
  const [x, y] = [`${a}.md`, `${b}.md`];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The items of each article, in their order. */
export function groupBy<T extends { article: string }>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) (out.get(x.article) ?? (out.set(x.article, []).get(x.article) as T[])).push(x);
  return out;
}

/**
 * One string for each value read many times (article ids, outlets, dates, speakers): each row's value is a string of
 * its own, and at 10,000 articles the repeats were some 4 MB of a 25 MB knowledge base. `seed` are the values to keep.
 */
function interner(seed: readonly string[]): (value: string) => string {
  const known = new Map(seed.map((s) => [s, s]));
  return (value) => {
    const kept = known.get(value);
    if (kept !== undefined) return kept;
    known.set(value, value);
    return value;
  };
}

/**
 * `pool.query` through a client connected for it and released after. (A query that makes the pool connect a client
 * stays reachable from that client's connection listeners for as long as the client lives, pg-pool 3.14: the whole
 * knowledge base's rows, some 200 MB of heap at 50,000 articles, were kept by the pool's idle clients.)
 */
function readOnce(pool: pg.Pool): Read {
  return async (use) => {
    const client = await pool.connect();
    try {
      return await use(client);
    } finally {
      client.release();
    }
  };
}

// The stored knowledge base read back in two stages, so that a process answers before it has read everything: first
// what the first answers read (the articles, their sentences' counts and stable ids, the people, the quotes), then
// the rest (the events, the sentences' places, and their texts where they are held in memory). Every read sees one state of the database: one
// connection exports its snapshot and holds it open until the last read, and each read imports it (readsIn), so a
// write that lands between the stages is in neither (the next refresh reads it).
import type pg from "pg";
import { textsGiven, type ArticleWithoutSentences } from "../../kb/sentenceStore.ts";
import type { EventTable } from "../../kb/eventTable.ts";
import type { KnowledgeBase } from "../../kb/types.ts";
import { quietMoment, runBesideAnswers, type Sliced } from "../../util/slices.ts";
import { startMark } from "../../util/startMarks.ts";
import type { ArticleStats } from "./documents.ts";
import { inReadSnapshot, readsIn } from "./packedRows.ts";
import { firstReadsSent, type Read } from "./readsSent.ts";
import { ARTICLE_COLUMNS, articlesOf, TITLES_BY_ID, withTitles, type ArticleRow } from "./storedArticles.ts";
import { readStoredEvents } from "./storedEvents.ts";
import { readNameIndex } from "./storedNames.ts";
import { readArticleOrder, type SavedArticleOrder } from "./storedOrders.ts";
import { readRoleIndexes, type SavedRoles } from "./storedRoles.ts";
import { readStoredPeople } from "./storedPeople.ts";
import { quotesInOrder, readStoredQuotes } from "./storedQuotes.ts";
import type { SavedNames } from "../../answer/name-index.ts";
import { joinedColumnsOf } from "./joinedColumns.ts";
import { placesByNumber, readSentencePlaces, readSentenceTexts, sentenceTableOf, sentencesOf, type SentenceTable } from "./storedSentences.ts";

/** What the first stage reads: the knowledge base less its events (and its texts, read in the second stage). */
export interface FirstStage {
  kb: Omit<KnowledgeBase, "events">;
  /** The corpus's search statistics: the sum of every article's. */
  stats: ArticleStats;
  /** The stable id (kb_posting's) of each sentence and quote, by its position in the knowledge base. */
  rowIds: { sentences: Int32Array; quotes: Int32Array };
  /** The stored knowledge base's version in the state read (sharedKnowledge.ts kbVersion). */
  version: string;
  /** The name index saved with the people read (storedNames.ts), if it was saved beside this version. */
  names: SavedNames | undefined;
  /** The second stage: the events with their stable ids; the articles' sentences given their texts, if held. */
  rest: Promise<RestStage>;
  /** The article autocomplete's order saved beside this version (storedOrders.ts), read beside the second stage. */
  articleOrder: Promise<SavedArticleOrder | undefined>;
  /** The role questions' indexes saved beside this version (storedRoles.ts), read after the article order. */
  roles: Promise<SavedRoles | undefined>;
}

export interface RestStage {
  events: EventTable;
  eventIds: Int32Array;
  /** Gives the first stage's articles their sentences' texts, in slices (undefined: the texts are not held). */
  holdTexts: (() => Sliced<void>) | undefined;
  /** Each stored article's hash (Article.hash), if asked for: what a writer compares the corpus folder with. */
  hashes: Map<string, string> | undefined;
}

export interface StagedReadOptions {
  /** Whether the sentences' texts are read into memory (in the second stage). Default true. */
  texts?: boolean;
  /** Awaited before the second stage is read (default: nothing): a test holds the second stage back. */
  beforeRest?: () => Promise<void>;
  /** Whether the second stage reads the articles' hashes (default false: an engine does not keep them). */
  hashes?: boolean;
  /**
   * Called once every read the first stage starts at once has sent its statement, or failed (default: nothing): the
   * server then works on them without this process's turns (startedRead.ts).
   */
  sent?: () => void;
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
export async function readStoredStages(pool: pg.Pool, { texts = true, beforeRest, hashes = false, sent }: StagedReadOptions = {}): Promise<FirstStage> {
  const sending = firstReadsSent(sent);
  let holder: pg.PoolClient;
  try {
    holder = await pool.connect();
  } catch (err) {
    sending.failed();
    throw err;
  }
  let snapshot: string;
  try {
    await holder.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    snapshot = (await holder.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id ?? "";
  } catch (err) {
    holder.release(err as Error);
    sending.failed();
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
  let first: FirstRead;
  try {
    first = await readFirst(sending.counted(read));
    startMark("first stage read");
  } catch (err) {
    sending.failed();
    await letGo();
    throw err;
  }
  // Asked first (a small read): the first article suggestion waits for it rather than sort every article.
  const articleOrder = read((client) => inReadSnapshot(client, () => readArticleOrder(client, first.version)));
  articleOrder.catch(() => undefined);
  // Then the role questions' indexes (a small read too): a role question waits for them rather than make them.
  const roles = read((client) => inReadSnapshot(client, () => readRoleIndexes(client, first.version)));
  roles.catch(() => undefined);
  const rest = (async (): Promise<RestStage> => {
    try {
      await beforeRest?.();
      // The sentences' places (the events' documents read their paragraphs; the texts go where they say) are read
      // beside the events, on a connection of their own: both reads are mostly the server's time. They are written
      // into the first stage's table before anything reads them: the events come in with the engine's next step.
      // Each batch asked for between answers: its reply is parsed as it comes (the first answers are made meanwhile).
      const placesRead = read((client) => inReadSnapshot(client, () => readSentencePlaces(client, first.table, { beforeBatch: () => quietMoment() })));
      placesRead.catch(() => undefined);
      const { events, ids } = await read((client) => readStoredEvents(client, { ids: first.kb.articles.map((a) => a.id), placeOfNumber: first.table.placeOfNumber }));
      startMark("events read");
      await runBesideAnswers(await placesRead);
      startMark("sentence places read");
      // The texts one after the events: read while the events were made, they were some 50 MB more at a start's peak.
      const text = texts ? await read((client) => inReadSnapshot(client, () => readSentenceTexts(client, first.table))) : undefined;
      const hashRows = hashes ? await read((client) => inReadSnapshot(client, () => client.query<{ id: string; hash: string }>("SELECT id, hash FROM kb_article"))) : undefined;
      return {
        events,
        eventIds: ids,
        holdTexts: text && (() => textsGiven(first.kb.articles, text)),
        hashes: hashRows && new Map(hashRows.rows.map((r) => [r.id, r.hash])),
      };
    } finally {
      // The snapshot is let go once the reads started before this stage (the article order, the role indexes) have
      // imported it too.
      await Promise.all([articleOrder, roles].map((p) => p.catch(() => undefined)));
      await letGo();
    }
  })();
  // Its rejection is taken by whoever awaits it; this keeps one that nobody awaits yet from being unhandled.
  rest.catch(() => undefined);
  const { table: _table, ...stage } = first;
  return { ...stage, rest, articleOrder, roles };
}


/** The first stage as read, with the sentences' table the second stage reads by (and writes the places into). */
type FirstRead = Omit<FirstStage, "rest" | "articleOrder" | "roles"> & { table: SentenceTable };

async function readFirst(read: Read): Promise<FirstRead> {
  const query = async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => (await read((client) => inReadSnapshot(client, () => client.query<R>(text)))).rows;
  const one = interner([]);
  // The articles (with their sentences' ids) are read while the server reads the quotes and the people (each on a
  // connection of its own). Each kind comes as one row of columns: a row per article or quote made a row object, a
  // string per field and a JSON text per object, all garbage once read (the collector's work was the first stage's
  // largest part); the long strings (titles, quotes' texts) are joined and split, not parsed out of JSON.
  // With their numbers (migration 008): the people name their articles by them.
  const numbered: (string | undefined)[] = [];
  // The sentences' ids of each article found by its place in the row read; the articles sorted as a permutation.
  const tableRead = query<ArticleRow>(ARTICLE_COLUMNS).then(async ([row]) => {
    const columns = await withTitles(row, async () => (await query<{ titles: Record<string, string> | null }>(TITLES_BY_ID))[0]?.titles ?? null);
    const inRow = articlesOf(columns, one, numbered);
    const order = new Int32Array(inRow.length).map((_, i) => i).sort((a, b) => corpusOrder((inRow[a] as ArticleWithoutSentences).id, (inRow[b] as ArticleWithoutSentences).id));
    const ids = joinedColumnsOf({ articles: row?.articles[0] ?? [], sizes: row?.sentence_sizes ?? null, joined: row?.sentence_ids ?? null }, "sentence_ids", 1);
    // Each article's place by its number: the second stage reads the places and events by number.
    const placeOfNumber = placesByNumber(order.length, (k) => order[k], row?.articles[1] ?? []);
    return sentenceTableOf(Array.from(order, (i) => inRow[i] as ArticleWithoutSentences), (k) => order[k], ids, placeOfNumber);
  });
  const articlesRead = tableRead.then((table) => table.articles);
  const quotesRead = read((client) => inReadSnapshot(client, () => readStoredQuotes(client, one)));
  // The corpus's statistics summed by the server: each article's were a JSON object to parse.
  const statsRead = query<ArticleStats>(STATS_READ);
  // Made once, beside the read: a read that fails to connect never awaits it, and its rejection must not go unhandled.
  const numbersRead = articlesRead.then(() => numbered);
  const peopleRead = read((client) => readStoredPeople(client, one, numbersRead));
  const versionRead = read((client) => inReadSnapshot(client, () => storedVersion(client)));
  const namesRead = read((client) => inReadSnapshot(client, () => readNameIndex(client, versionRead)));
  // Rejections are taken below; these keep one that comes while another is awaited from being unhandled.
  for (const p of [articlesRead, numbersRead, tableRead, quotesRead, statsRead, peopleRead, versionRead, namesRead]) (p as Promise<unknown>).catch(() => undefined);
  const ordered = await articlesRead;
  const table = await tableRead;
  const quotes = quotesInOrder(ordered, await quotesRead);
  const [sums] = await statsRead;
  const stats = Object.fromEntries(STATS.map((k) => [k, sums?.[k] ?? 0])) as unknown as ArticleStats;
  return {
    kb: { articles: sentencesOf(table, undefined), people: await peopleRead, quotes: quotes.direct, fragments: quotes.fragments },
    stats,
    // A sentence's position is its index among its article's (src/answer/indexPlan.ts sentenceRef), in article order.
    rowIds: { sentences: table.ids, quotes: quotes.ids },
    version: await versionRead,
    names: await namesRead,
    table,
  };
}

/** The statistics each article keeps (documents.ts ArticleStats). */
export const STATS = ["sentences", "sentenceLength", "events", "eventText", "eventContext", "quotes", "quoteLength"] as const satisfies readonly (keyof ArticleStats)[];
/** The corpus's statistics, summed by the server (one row, a column per STATS key). */
export const STATS_READ = `SELECT ${STATS.map((k) => `coalesce(sum((stats->>'${k}')::float8), 0) AS "${k}"`).join(", ")} FROM kb_article`;
// The quotes' reads live in storedQuotes.ts; the change path (storedChange.ts, quotesChange.ts) takes them from here too.
export { QUOTES_READ, quotesInOrder, quotesOfRows, type QuoteRow } from "./storedQuotes.ts";

/**
 * The order of a corpus: its files sorted by name (src/corpus/load.ts), an article's id being its file name: `${a}.md`
 * against `${b}.md` by UTF-16 code units, without making the two names (sorting 50,000 articles made some 10 MB of
 * them, a tenth of the first stage's garbage).
 */
export function corpusOrder(a: string, b: string): number {
  const m = a.length + SUFFIX.length;
  const n = b.length + SUFFIX.length;
  for (let i = 0, end = Math.min(m, n); i < end; i++) {
    const x = i < a.length ? a.charCodeAt(i) : SUFFIX.charCodeAt(i - a.length);
    const y = i < b.length ? b.charCodeAt(i) : SUFFIX.charCodeAt(i - b.length);
    if (x !== y) return x < y ? -1 : 1;
  }
  return m === n ? 0 : m < n ? -1 : 1;
}
/** A file name's extension (corpusOrder). */
const SUFFIX = ".md";

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
export function interner(seed: readonly string[]): (value: string) => string {
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

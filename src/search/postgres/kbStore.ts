// The knowledge base in PostgreSQL (tables of src/db/migrations/001_kb.sql): written from a build, an article at a
// time as its hash changes, and read back whole at start, so a restart over an unchanged corpus extracts, merges and
// indexes nothing. Every write is one transaction: a new or changed article enters with its sentences, quotes and
// events, the term counts and the corpus's people as merged with it, or not at all.
import type pg from "pg";
import { inTransaction } from "../../db/transaction.ts";
import type { ArticleFacts, LocalPerson } from "../../extract/types.ts";
import type { ArticlePeople } from "../../kb/incremental.ts";
import type { KbArticle, KbPerson, KbQuote, KnowledgeBase } from "../../kb/types.ts";
import { COUNT_COLUMNS, searchRows, tsvectorOf, type ArticleStats, type TermCounts } from "./documents.ts";
import { addPostings, refillPostings, removePostings, type Kind } from "./postings.ts";
import { runAtOnce } from "../../util/slices.ts";
import { corpusOrder, groupBy, readStoredStages, storedVersion } from "./storedStages.ts";
import { saveNameIndex } from "./storedNames.ts";
import { articleOrderToSave } from "./articleOrders.ts";
import { saveArticleOrder } from "./storedOrders.ts";
import { roleIndexesToSave } from "./savedRoles.ts";
import { saveRoleIndexes } from "./storedRoles.ts";
import { packStoredEvents } from "./storedEvents.ts";
import { packStoredSentences } from "./storedSentences.ts";

export { corpusOrder };

// pg_advisory_xact_lock key of knowledge base writes: one writer at a time. Not the leader's key (src/db/leader.ts):
// advisory locks share one space, and the leader, which writes, holds that one on a connection of its own.
export const KB_WRITE_LOCK = 6_397_887_435;
/** Articles inserted by one statement per table. */
const INSERT_BATCH = 200;
/** From this many articles written at once, the GIN indexes of 001_kb.sql are dropped and built again after. */
const REBUILD_INDEXES_FROM = 2000;
const TERM_INDEXES = [
  ["kb_sentence_terms", "kb_sentence"],
  ["kb_event_terms", "kb_event"],
  ["kb_quote_terms", "kb_quote"],
] as const;

export interface StoredKnowledge {
  kb: KnowledgeBase;
  /** Each stored article's hash (Article.hash): what a start compares the corpus folder with. */
  hashes: Map<string, string>;
  /** The corpus's search statistics: the sum of every article's. */
  stats: ArticleStats;
  /** The stable id (kb_posting's) of each sentence, event and quote, by its position in the knowledge base. */
  rowIds: Record<Kind, Int32Array>;
}

/**
 * A write worked out from the change alone (the leader's, src/live/leaderKnowledge.ts): which people and which
 * articles' speakers it touches, against which stored articles. Without it a write compares everything.
 */
export interface WriteScope {
  /** The stored articles' hashes the change was worked out against: if the database holds others, nothing is written. */
  expected: ReadonlyMap<string, string>;
  /** The people to write, by position in the knowledge base; stored people past its last are removed. */
  people: readonly number[];
  /** The articles whose quotes' speakers (as the corpus names them) to write. */
  speakers: readonly string[];
}

export interface WriteResult {
  written: string[];
  removed: string[];
}

/** The stored articles' hashes, and each one's people and speakers as the people merge takes them. */
export async function storedArticlePeople(db: pg.Pool | pg.PoolClient): Promise<{ hashes: Map<string, string>; people: Map<string, ArticlePeople> }> {
  const { rows } = await db.query<{ id: string; hash: string; people: LocalPerson[] }>("SELECT id, hash, people FROM kb_article");
  const speakers = groupBy((await db.query<{ article: string; speaker: string | null }>("SELECT article, speaker FROM kb_quote ORDER BY article, fragment, index")).rows);
  return {
    hashes: new Map(rows.map((r) => [r.id, r.hash])),
    // A quote's speaker as its article wrote it (`speaker`; `canonical` is the corpus's name): quotes, then fragments.
    people: new Map(rows.map((r) => [r.id, { article: r.id, people: r.people, speakers: (speakers.get(r.id) ?? []).map((q) => q.speaker) }])),
  };
}

/** The ids and hashes of the articles the database holds. */
export async function storedHashes(db: pg.Pool | pg.PoolClient): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; hash: string }>("SELECT id, hash FROM kb_article");
  return new Map(rows.map((r) => [r.id, r.hash]));
}

/**
 * Makes the stored knowledge base `kb`: articles whose hash differs from the stored one (or new) are written with
 * their facts, articles no longer in `kb` are removed, and when anything changed the people are written again (a
 * new article can merge or rename people across the corpus). `facts` and `hashes` are by article id. With `scope`,
 * only the people and speakers it names are written (the rest of the corpus's are taken as stored).
 */
export async function writeKnowledge(
  pool: pg.Pool,
  kb: KnowledgeBase,
  facts: ReadonlyMap<string, ArticleFacts>,
  hashes: ReadonlyMap<string, string>,
  scope?: WriteScope,
): Promise<WriteResult> {
  // The article autocomplete's order and the role questions' indexes, saved with the write (storedOrders.ts,
  // storedRoles.ts): made in slices while the transaction runs.
  const order = articleOrderToSave(kb.articles);
  const roles = roleIndexesToSave(kb);
  // Awaited below (a write that changes nothing never awaits them).
  for (const made of [order, roles]) made.catch(() => undefined);
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [KB_WRITE_LOCK]);
    const stored = await storedHashes(client);
    if (scope && !sameEntries(stored, scope.expected)) throw new StaleWrite();
    const written = kb.articles.filter((a) => stored.get(a.id) !== hashes.get(a.id)).map((a) => a.id);
    const inKb = new Set(kb.articles.map((a) => a.id));
    const removed = [...stored.keys()].filter((id) => !inKb.has(id));
    if (written.length === 0 && removed.length === 0) return { written, removed };
    const delta: TermCounts = new Map();
    const leaving = [...removed, ...written.filter((id) => stored.has(id))];
    for (const counts of await storedCounts(client, leaving)) addCounts(delta, counts, -1);
    // A large write (a first start) builds the word indexes and the postings once at the end: faster than growing
    // them row by row.
    const rebuild = written.length >= REBUILD_INDEXES_FROM;
    if (!rebuild) await removePostings(client, leaving);
    // An article written again keeps its number: the people not written again name it by that number.
    const numbers = await storedNumbers(client, written.filter((id) => stored.has(id)));
    await client.query("DELETE FROM kb_article WHERE id = ANY($1)", [leaving]);
    const byArticle = new Map(kb.articles.map((a) => [a.id, a]));
    const quotes = groupBy(kb.quotes);
    const fragments = groupBy(kb.fragments);
    if (rebuild) await client.query(`DROP INDEX ${TERM_INDEXES.map(([name]) => name).join(", ")}`);
    for (let i = 0; i < written.length; i += INSERT_BATCH) {
      const batch = written.slice(i, i + INSERT_BATCH).map((id) => {
        const f = facts.get(id);
        const hash = hashes.get(id);
        if (!f || hash === undefined) throw new Error(`kb store: no facts or hash for article "${id}"`);
        return { a: byArticle.get(id) as KbArticle, hash, number: numbers.get(id) ?? null, f, quotes: quotes.get(id) ?? [], fragments: fragments.get(id) ?? [] };
      });
      for (const counts of await insertArticles(client, batch)) addCounts(delta, counts, 1);
    }
    await packStoredSentences(client, written);
    await packStoredEvents(client, written);
    if (rebuild) for (const [name, table] of TERM_INDEXES) await client.query(`CREATE INDEX ${name} ON ${table} USING gin (terms)`);
    await (rebuild ? refillPostings(client) : addPostings(client, written));
    await applyCounts(client, delta);
    await writePeople(client, kb, scope?.people);
    await updateSpeakers(client, kb, scope && new Set(scope.speakers));
    const version = await storedVersion(client);
    await saveNameIndex(client, kb.people, version);
    await saveArticleOrder(client, await order, version);
    await saveRoleIndexes(client, await roles, version);
    return { written, removed };
  });
}

/** Articles written together: one statement per table for the batch. */
async function insertArticles(
  client: pg.PoolClient,
  batch: { a: KbArticle; hash: string; number: number | null; f: ArticleFacts; quotes: KbQuote[]; fragments: KbQuote[] }[],
): Promise<TermCounts[]> {
  const rows = batch.map(({ a, f }) => searchRows(a.sentences, f.events, [...f.quotes, ...f.fragments]));
  await client.query(
    `INSERT INTO kb_article (id, hash, meta, people, stats, number)
     SELECT id, hash, meta, people, stats, coalesce(number, nextval('kb_article_number')) FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[], $6::int[]) AS u(id, hash, meta, people, stats, number)`,
    columns(batch, 6, ({ a, hash, number, f }, i) => {
      const { id, sentences: _sentences, ...meta } = a;
      return [id, hash, JSON.stringify(meta), JSON.stringify(f.people), JSON.stringify(rows[i]?.stats), number];
    }),
  );
  const each = <T>(list: (b: (typeof batch)[number], i: number) => T[]) => batch.flatMap((b, i) => list(b, i).map((x) => ({ article: b.a.id, x })));
  const sentences = each(({ a }, i) => a.sentences.map((s, k) => ({ s, terms: rows[i]?.sentenceTerms[k] ?? [] })));
  await client.query(
    `INSERT INTO kb_sentence (article, index, paragraph, start_offset, end_offset, text, terms)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::tsvector[])`,
    columns(sentences, 7, ({ article, x: { s, terms } }) => [article, s.index, s.paragraph, s.start, s.end, s.text, tsvectorOf(terms)]),
  );
  const events = each(({ f }, i) => f.events.map((e, k) => ({ e, k, terms: rows[i]?.eventTerms[k] ?? [] })));
  await client.query(
    `INSERT INTO kb_event (article, index, sentence, start_offset, end_offset, date, date_text, terms)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::tsvector[])`,
    columns(events, 8, ({ article, x: { e, k, terms } }) => [article, k, e.sentence, e.start, e.end, e.date, e.dateText, tsvectorOf(terms)]),
  );
  const all = each(({ f, quotes, fragments }, i) => {
    const list = [...f.quotes.map((q, k) => ({ q, k, fragment: false, canonical: quotes[k]?.speaker ?? null })), ...f.fragments.map((q, k) => ({ q, k, fragment: true, canonical: fragments[k]?.speaker ?? null }))];
    return list.map((x, k) => ({ ...x, terms: rows[i]?.quoteTerms[k] ?? [] }));
  });
  await client.query(
    `INSERT INTO kb_quote (article, fragment, index, sentence, start_offset, end_offset, text, speaker, canonical, terms)
     SELECT * FROM unnest($1::text[], $2::boolean[], $3::int[], $4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::tsvector[])`,
    columns(all, 10, ({ article, x: { q, k, fragment, canonical, terms } }) => [article, fragment, k, q.sentence, q.start, q.end, q.text, q.speaker, canonical, tsvectorOf(terms)]),
  );
  return rows.map((r) => r.counts);
}

/** The term counts the stored articles `ids` added, worked out again from their rows. */
async function storedCounts(client: pg.PoolClient, ids: string[]): Promise<TermCounts[]> {
  if (ids.length === 0) return [];
  const sentences = await client.query<{ article: string; index: number; paragraph: number; text: string }>(
    "SELECT article, index, paragraph, text FROM kb_sentence WHERE article = ANY($1) ORDER BY article, index",
    [ids],
  );
  const events = await client.query<{ article: string; sentence: number }>("SELECT article, sentence FROM kb_event WHERE article = ANY($1) ORDER BY article, index", [ids]);
  const quotes = await client.query<{ article: string; text: string }>("SELECT article, text FROM kb_quote WHERE article = ANY($1) ORDER BY article, fragment, index", [ids]);
  const [s, e, q] = [groupBy(sentences.rows), groupBy(events.rows), groupBy(quotes.rows)];
  return ids.map((id) => {
    const own = (s.get(id) ?? []).map((r) => ({ index: r.index, paragraph: r.paragraph, start: 0, end: 0, text: r.text }));
    return searchRows(own, e.get(id) ?? [], q.get(id) ?? []).counts;
  });
}

async function applyCounts(client: pg.PoolClient, delta: TermCounts): Promise<void> {
  const changed = [...delta].filter(([, c]) => c.some((n) => n !== 0));
  if (changed.length === 0) return;
  const terms = changed.map(([t]) => t);
  const values = COUNT_COLUMNS.map((_, k) => changed.map(([, c]) => c[k]));
  const params = COUNT_COLUMNS.map((_, k) => `$${k + 2}::int[]`).join(", ");
  await client.query(
    `INSERT INTO kb_term (term, ${COUNT_COLUMNS.join(", ")}) SELECT * FROM unnest($1::text[], ${params})
     ON CONFLICT (term) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = kb_term.${c} + EXCLUDED.${c}`).join(", ")}`,
    [terms, ...values],
  );
  // Only a term some count fell for can be left at nothing. (A join, not `term = ANY($1)`: with an array of every
  // term of a large write, that filter compares each row with each element, for minutes.)
  const fell = changed.filter(([, c]) => c.some((n) => n < 0)).map(([t]) => t);
  if (fell.length === 0) return;
  await client.query(
    `DELETE FROM kb_term t USING unnest($1::text[]) AS f(term) WHERE t.term = f.term AND ${COUNT_COLUMNS.map((c) => `t.${c} <= 0`).join(" AND ")}`,
    [fell],
  );
}

/** A scoped write found the database holding other articles than it was worked out against: it wrote nothing. */
export class StaleWrite extends Error {
  override name = "StaleWrite";
  constructor() {
    super("kb store: the stored articles are not those the write was worked out against; nothing written");
  }
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The people at `positions` (every one without, or when they are most), and no stored person past the last. */
async function writePeople(client: pg.PoolClient, kb: KnowledgeBase, some?: readonly number[]): Promise<void> {
  // Most people moved (an article early in the corpus's order): all are written, as one delete and one insert.
  const positions = some && some.length * 2 < kb.people.length ? some : undefined;
  if (positions) await client.query("DELETE FROM kb_person WHERE position = ANY($1) OR position >= $2", [positions, kb.people.length]);
  else await client.query("DELETE FROM kb_person");
  const people = (positions ?? kb.people.map((_, i) => i)).map((position) => ({ p: kb.people[position] as KbPerson, position }));
  await client.query(
    `INSERT INTO kb_person (position, name, description, description_source, aliases, articles, mentions)
     SELECT position, name, description, source, ARRAY(SELECT jsonb_array_elements_text(aliases)), ARRAY(SELECT jsonb_array_elements_text(articles)), mentions
     FROM unnest($1::int[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::jsonb[], $7::jsonb[]) AS u(position, name, description, source, aliases, articles, mentions)`,
    columns(people, 7, ({ p, position }) => [
      position,
      p.name,
      p.description,
      p.descriptionSource ? JSON.stringify(p.descriptionSource) : null,
      JSON.stringify(p.aliases),
      JSON.stringify(p.articles),
      JSON.stringify(p.mentions.map((m) => [m.article, m.sentence])),
    ]),
  );
  // Their articles and mentions as the articles' numbers, packed (migration 008): what a shard's first stage reads.
  await client.query(
    "UPDATE kb_person p SET article_numbers = k.articles, mention_numbers = k.mentions FROM kb_people_packed($1) k WHERE k.person = p.position",
    [people.map((x) => x.position)],
  );
  const names = people.flatMap(({ p, position }) => [...new Set([p.name, ...p.aliases])].map((name) => ({ position, name })));
  await client.query("INSERT INTO kb_person_name (person, name) SELECT * FROM unnest($1::int[], $2::text[])", columns(names, 2, (n) => [n.position, n.name]));
}

/** The numbers of the stored articles `ids` (migration 008), by id. */
async function storedNumbers(client: pg.PoolClient, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; number: number }>("SELECT id, number FROM kb_article WHERE id = ANY($1)", [ids]);
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Each stored quote's speaker (of the `articles` only, if given) as the knowledge base now names them (a merge may rename a person). */
async function updateSpeakers(client: pg.PoolClient, kb: KnowledgeBase, articles?: ReadonlySet<string>): Promise<void> {
  if (articles?.size === 0) return;
  const rows = [...numbered(kb.quotes, false), ...numbered(kb.fragments, true)].filter((r) => !articles || articles.has(r.article));
  await client.query(
    `UPDATE kb_quote q SET canonical = u.canonical FROM unnest($1::text[], $2::boolean[], $3::int[], $4::text[]) AS u(article, fragment, index, canonical)
     WHERE q.article = u.article AND q.fragment = u.fragment AND q.index = u.index AND q.canonical IS DISTINCT FROM u.canonical`,
    columns(rows, 4, (r) => [r.article, r.fragment, r.index, r.speaker]),
  );
}

/** Quotes with their index within their article. */
function numbered(list: readonly KbQuote[], fragment: boolean): { article: string; fragment: boolean; index: number; speaker: string | null }[] {
  const next = new Map<string, number>();
  return list.map((q) => {
    const index = next.get(q.article) ?? 0;
    next.set(q.article, index + 1);
    return { article: q.article, fragment, index, speaker: q.speaker };
  });
}

/**
 * Reads the whole stored knowledge base, in the order a build over the same corpus makes it, in one state of the
 * database (storedStages.ts: both stages, read one after the other).
 */
export async function loadStoredKnowledge(pool: pg.Pool, { texts = true }: { texts?: boolean } = {}): Promise<StoredKnowledge> {
  const { kb, stats, rowIds, rest } = await readStoredStages(pool, { texts, hashes: true });
  const { events, eventIds, holdTexts, hashes } = await rest;
  if (holdTexts) runAtOnce(holdTexts());
  return { kb: { ...kb, events }, hashes: hashes ?? new Map(), stats, rowIds: { ...rowIds, events: eventIds } };
}

function addCounts(into: TermCounts, counts: TermCounts, sign: 1 | -1): void {
  for (const [term, c] of counts) {
    let d = into.get(term);
    if (!d) into.set(term, (d = [0, 0, 0, 0, 0, 0]));
    for (let k = 0; k < d.length; k++) d[k] = (d[k] as number) + sign * (c[k] as number);
  }
}

/** Rows as one array per column, for unnest(). */
function columns<T>(rows: readonly T[], width: number, row: (x: T, i: number) => unknown[]): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  rows.forEach((x, i) => row(x, i).forEach((v, c) => out[c]?.push(v)));
  return out;
}

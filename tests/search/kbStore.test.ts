import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { loadStoredKnowledge, storedHashes, writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import { openStoredKnowledge } from "../../src/pipeline/openStored.ts";
import { SEED_CORPUS, seedCorpus, seedIds } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { withArticleIds, withEventValues } from "../support/articleNumbers.ts";
import { seedBuilt, without, type BuiltCorpus } from "./support.ts";
import { readStoredSentences } from "../../src/search/postgres/storedSentences.ts";
import { readStoredEvents } from "../../src/search/postgres/storedEvents.ts";
import { readStoredPeople } from "../../src/search/postgres/storedPeople.ts";
import { readStoredStages } from "../../src/search/postgres/storedStages.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { NameIndex } from "../../src/answer/name-index.ts";
import { createAnswerSet } from "../../src/answer/index.ts";
import { answersThrough } from "../../src/search/engine.ts";
import { articleOrderToSave } from "../../src/search/postgres/articleOrders.ts";
import { corpusOrder } from "../../src/search/postgres/storedStages.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";

let server: SharedPostgres;
let seed: BuiltCorpus;
beforeAll(async () => {
  [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
}, 120_000); // extraction of the seed corpus and a server start

async function fresh(): Promise<Database> {
  return openDatabase(await server.freshDatabase());
}

/** Everything a write leaves in the tables, but the write times and the rows' stable ids (postings name rows). */
async function tables(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries({ kb_article: "id", kb_sentence: "article, index", kb_event: "article, index", kb_quote: "article, fragment, index", kb_person: "position", kb_person_name: "person, name", kb_term: "term" })) {
    const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY ${order}`);
    out[table] = rows.map((r: Record<string, unknown>) => ({
      ...r,
      id: table === "kb_article" ? r.id : undefined,
      written_at: undefined,
      ...(table === "kb_article" && { sentence_ids: idCount(r.sentence_ids) }),
    }));
  }
  out.kb_posting = await postingsByRow(pool);
  return withEventValues(pool, withArticleIds(out));
}

/** An article's packed sentence ids (migration 007) as their count: two writes number rows apart. */
function idCount(ids: unknown): number {
  return (ids as Buffer).length / 4;
}

/** kb_posting with each stable id replaced by the row it stands for (two writes of one corpus number rows apart). */
async function postingsByRow(pool: pg.Pool): Promise<unknown[]> {
  const rowOf = new Map<string, string>();
  for (const [kind, table, key] of [
    ["sentences", "kb_sentence", "index"],
    ["events", "kb_event", "index"],
    ["quotes", "kb_quote", "fragment || '/' || index"],
  ]) {
    const { rows } = await pool.query<{ id: number; key: string }>(`SELECT id, article || '/' || ${key} AS key FROM ${table}`);
    for (const r of rows) rowOf.set(`${kind}:${r.id}`, r.key);
  }
  const { rows } = await pool.query<{ term: string; kind: string; field: number; ids: number[]; lengths: number[] | null }>("SELECT * FROM kb_posting ORDER BY term, kind, field");
  return rows.map(({ ids, lengths, ...r }) => ({
    ...r,
    // The rows (with their lengths) in any order: a migrated database numbered its rows in the order it read them.
    rows: ids.map((id, i) => `${rowOf.get(`${r.kind}:${id}`) ?? `no row ${id}`} ${lengths?.[i] ?? ""}`).sort(),
    ascending: ids.every((id, i) => i === 0 || (ids[i - 1] as number) < id),
  }));
}

// Migrations up to the postings: the tests below take a database back before 3 or 4 and migrate it forward again,
// which later migrations (not about the knowledge base) need not repeat.
const upToPostings = readMigrations().slice(0, 4);

/** A fresh database holding the seed corpus as a write leaves it. */
async function seedWritten(): Promise<Database> {
  const db = await fresh();
  await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
  return db;
}

/** Takes a database back to before migration `version`: `undo` drops what it made; its record and later ones go. */
async function takenBack(pool: pg.Pool, version: number, undo: string): Promise<void> {
  await pool.query(undo);
  await pool.query("DELETE FROM schema_version WHERE version >= $1", [version]);
}

/** Takes a database back to before migration 4 (no stable ids, no postings; later versions' records go too). */
async function beforePostings(pool: pg.Pool): Promise<void> {
  await takenBack(pool, 4, `DROP TABLE kb_posting; DROP FUNCTION kb_postings_of; ${["kb_sentence", "kb_event", "kb_quote"].map((t) => `ALTER TABLE ${t} DROP COLUMN id`).join("; ")}`);
}

describe("the knowledge base in PostgreSQL", { timeout: 60_000 }, () => {
  it("reads the sentences back packed, their texts a few articles to a statement, each article's as written", async () => {
    const db = await seedWritten();
    // Articles in the corpus's order, which is not the server's (the texts come in the server's order, in batches).
    const articles = [...seed.kb.articles].reverse().map(({ sentences: _sentences, ...a }) => a);
    const client = await db.pool.connect();
    try {
      for (const batch of [1, 2, 1000]) {
        const read = await readStoredSentences(client, structuredClone(articles), { batch });
        expect(read.articles).toEqual([...seed.kb.articles].reverse());
        expect(read.ids).toHaveLength(seed.kb.articles.reduce((n, a) => n + a.sentences.length, 0));
      }
    } finally {
      client.release();
    }
    await db.close();
  });

  it("reads the events and the people packed, for the articles given in their order; and the people", async () => {
    const db = await seedWritten();
    const [, ...given] = [...seed.kb.articles].reverse().map((a) => a.id);
    const client = await db.pool.connect();
    try {
      // Each given article's place by its number (as the first stage finds them in its read).
      const { rows } = await client.query<{ id: string; number: number }>("SELECT id, number FROM kb_article");
      const placeOfNumber = new Int32Array(Math.max(...rows.map((r) => r.number)) + 1).fill(-1);
      for (const r of rows) placeOfNumber[r.number] = given.indexOf(r.id);
      const read = await readStoredEvents(client, { ids: given, placeOfNumber });
      expect([...read.events]).toEqual(given.flatMap((id) => seed.kb.events.ofArticle(id)));
      expect(new Set(read.ids).size).toBe(read.events.length);
      expect(await readStoredPeople(client, (id) => id)).toEqual(seed.kb.people);
    } finally {
      client.release();
    }
    await db.close();
  });

  it("reads back exactly as it was built, and writing it again changes nothing", async () => {
    const db = await fresh();
    expect(await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes)).toEqual({ written: seedIds(), removed: [] });
    const stored = await loadStoredKnowledge(db.pool);
    expect(stored.kb).toEqual(seed.kb);
    expect(stored.hashes).toEqual(seed.hashes);
    expect(stored.stats.sentences).toBe(seed.kb.articles.reduce((n, a) => n + a.sentences.length, 0));
    expect(stored.stats.events).toBe(seed.kb.events.length);
    expect(stored.stats.quotes).toBe(seed.kb.quotes.length + seed.kb.fragments.length);
    const before = await tables(db.pool);
    expect(await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes)).toEqual({ written: [], removed: [] });
    expect(await tables(db.pool)).toEqual(before);
    await db.close();
  });

  it("an article removed, and one changed, leave the tables as a fresh write of the new corpus", async () => {
    const [first, ...rest] = seedIds();
    const smaller = without(seed, [first as string]);
    const changed = { ...smaller, hashes: new Map([...smaller.hashes].map(([id, h], i) => [id, i === 0 ? `${h}-edited` : h])) };
    const updated = await fresh();
    await writeKnowledge(updated.pool, seed.kb, seed.facts, seed.hashes);
    const result = await writeKnowledge(updated.pool, changed.kb, changed.facts, changed.hashes);
    expect(result).toEqual({ written: [rest[0]], removed: [first] });
    const direct = await fresh();
    await writeKnowledge(direct.pool, changed.kb, changed.facts, changed.hashes);
    expect(await tables(updated.pool)).toEqual(await tables(direct.pool));
    expect((await loadStoredKnowledge(updated.pool)).kb).toEqual(smaller.kb);
    await Promise.all([updated.close(), direct.close()]);
  });

  it("a knowledge base written before migration 3 gets from its rows the per-field counts a write keeps", async () => {
    const db = await seedWritten();
    const written = await tables(db.pool);
    // As it stood before migration 3: without the columns, recorded at version 2.
    await beforePostings(db.pool);
    await takenBack(db.pool, 3, "ALTER TABLE kb_term DROP COLUMN quote_docs, DROP COLUMN event_text_docs, DROP COLUMN event_context_docs");
    expect((await migrate(db.pool, upToPostings)).applied).toEqual([3, 4]);
    expect((await tables(db.pool)).kb_term).toEqual(written.kb_term);
    await db.close();
  });

  it("a knowledge base written before migration 4 gets from its rows the postings a write keeps", async () => {
    const db = await seedWritten();
    const written = await tables(db.pool);
    expect(written.kb_posting?.length).toBeGreaterThan(100);
    await beforePostings(db.pool);
    expect((await migrate(db.pool, upToPostings)).applied).toEqual([4]);
    expect(await tables(db.pool)).toEqual(written);
    // And the writer keeps them from there: an article taken out leaves what a write without it leaves.
    const [first] = seedIds();
    const smaller = without(seed, [first as string]);
    await writeKnowledge(db.pool, smaller.kb, smaller.facts, smaller.hashes);
    const direct = await fresh();
    await writeKnowledge(direct.pool, smaller.kb, smaller.facts, smaller.hashes);
    expect(await tables(db.pool)).toEqual(await tables(direct.pool));
    await Promise.all([db.close(), direct.close()]);
  });

  it("a knowledge base written before migration 6 gets its sentences packed from its rows, as a write packs them (6, then 7)", async () => {
    const db = await seedWritten();
    const packedColumns = "SELECT id, sentence_ids, sentence_places, sentence_text FROM kb_article ORDER BY id";
    const { rows: written } = await db.pool.query(packedColumns);
    expect(written.every((r: { sentence_text: string }) => r.sentence_text.length > 100)).toBe(true);
    expect(written.every((r: { sentence_ids: Buffer; sentence_places: Buffer }) => r.sentence_ids.length >= 4 && r.sentence_places.length === 4 * r.sentence_ids.length)).toBe(true);
    // As it stood before migration 6: articles without the packed columns. Migration 6 packs them as text, and 7
    // makes the ids and places bytes from that text (as for a knowledge base written at 6).
    await takenBack(db.pool, 6, "ALTER TABLE kb_article DROP COLUMN sentence_ids, DROP COLUMN sentence_places, DROP COLUMN sentence_text; DROP FUNCTION kb_sentences_packed");
    // (Migration 8, about the people, is left as it was.)
    const upTo7 = readMigrations().slice(0, 7);
    expect((await migrate(db.pool, upTo7)).applied).toEqual([6, 7]);
    expect((await db.pool.query(packedColumns)).rows).toEqual(written);
    expect((await loadStoredKnowledge(db.pool)).kb).toEqual(seed.kb);
    // Run again, a migration changes nothing.
    expect((await migrate(db.pool, upTo7)).applied).toEqual([]);
    await db.close();
  });

  it("a knowledge base written before migration 8 gets its articles numbered and its people packed, as a write does", async () => {
    const db = await seedWritten();
    const written = await tables(db.pool);
    expect(written.kb_person?.every((p) => ((p as { mention_numbers: unknown[] }).mention_numbers.length ?? 0) > 0)).toBe(true);
    await takenBack(db.pool, 8, "DROP TABLE kb_name_index; DROP FUNCTION kb_people_packed; ALTER TABLE kb_person DROP COLUMN article_numbers, DROP COLUMN mention_numbers; ALTER TABLE kb_article DROP COLUMN number");
    expect((await migrate(db.pool)).applied[0]).toBe(8);
    expect(await tables(db.pool)).toEqual(written);
    expect((await loadStoredKnowledge(db.pool)).kb).toEqual(seed.kb);
    // An article written again keeps its number (the people not written again name it by it); a new one gets the next.
    const numbers = async () => new Map((await db.pool.query<{ id: string; number: number }>("SELECT id, number FROM kb_article")).rows.map((r) => [r.id, r.number]));
    const before = await numbers();
    const [edited] = seedIds();
    const hashes = new Map([...seed.hashes].map(([id, h]) => [id, id === edited ? `${h}-edited` : h]));
    await writeKnowledge(db.pool, seed.kb, seed.facts, hashes, { expected: seed.hashes, people: [], speakers: [] });
    expect(await numbers()).toEqual(before);
    expect((await loadStoredKnowledge(db.pool)).kb).toEqual(seed.kb);
    await db.close();
  });

  it("a knowledge base written before migration 10 gets its events packed, as a write packs them", async () => {
    const db = await seedWritten();
    const written = await tables(db.pool);
    expect(written.kb_article?.filter((a) => (a as { event_numbers: string[] }).event_numbers.length > 0).length).toBeGreaterThan(2);
    await takenBack(db.pool, 10, "DROP TABLE kb_event_value; DROP FUNCTION kb_events_packed; ALTER TABLE kb_article DROP COLUMN event_numbers");
    // 10 and the migrations after it (each of which runs again unchanged).
    expect((await migrate(db.pool)).applied).toEqual(readMigrations().map((m) => m.version).filter((v) => v >= 10));
    expect(await tables(db.pool)).toEqual(written);
    expect((await loadStoredKnowledge(db.pool)).kb).toEqual(seed.kb);
    // A write after it numbers only the values not numbered yet: an article written again packs as before.
    const [edited] = seedIds();
    const hashes = new Map([...seed.hashes].map(([id, h]) => [id, id === edited ? `${h}-edited` : h]));
    await writeKnowledge(db.pool, seed.kb, seed.facts, hashes, { expected: seed.hashes, people: [], speakers: [] });
    expect(await tables(db.pool)).toEqual({ ...written, kb_article: written.kb_article?.map((a) => ({ ...(a as object), hash: (a as { id: string; hash: string }).id === edited ? `${(a as { hash: string }).hash}-edited` : (a as { hash: string }).hash })) });
    expect((await loadStoredKnowledge(db.pool)).kb).toEqual(seed.kb);
    await db.close();
  });

  it("saves the name index with the people it is built from; a reader takes it only beside the version it read", async () => {
    const db = await seedWritten();
    const read = async () => {
      const first = await readStoredStages(db.pool);
      await first.rest;
      return first.names;
    };
    expect(await read()).toEqual(new NameIndex(seed.kb.people).saved());
    const [first] = seedIds();
    const smaller = without(seed, [first as string]);
    await writeKnowledge(db.pool, smaller.kb, smaller.facts, smaller.hashes);
    expect(await read()).toEqual(new NameIndex(smaller.kb.people).saved());
    // Saved beside another version (a write that did not save it): not taken, and the engine builds its own.
    await db.pool.query("UPDATE kb_name_index SET version = 'another'");
    expect(await read()).toBeUndefined();
    const engine = await PostgresEngine.open(db.pool);
    expect(engine.base.names.saved()).toEqual(new NameIndex(smaller.kb.people).saved());
    await db.close();
  });

  it("saves the article autocomplete's order with the articles; a reader takes it only beside the version it read", async () => {
    const db = await fresh();
    const articleBox = async (kb: KnowledgeBase, engine: PostgresEngine) => {
      const want = createAnswerSet(kb).answers;
      const got = answersThrough(engine);
      for (const prefix of ["", "ru", "linux kern", "zz"]) expect(await got.suggest("article", prefix)).toEqual(want.suggest("article", prefix));
    };
    await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
    const read = async () => {
      const first = await readStoredStages(db.pool);
      await first.rest;
      return first.articleOrder;
    };
    // The order the answers make over the articles in the corpus's order (as a reader holds them).
    const made = (kb: KnowledgeBase) => articleOrderToSave([...kb.articles].sort((a, b) => corpusOrder(a.id, b.id)));
    expect(await read()).toEqual(await made(seed.kb));
    const [first] = seedIds();
    const smaller = without(seed, [first as string]);
    await writeKnowledge(db.pool, smaller.kb, smaller.facts, smaller.hashes);
    const saved = await read();
    expect(saved).toEqual(await made(smaller.kb));
    expect(saved?.articles.length).toBe(smaller.kb.articles.length);
    await articleBox(smaller.kb, await PostgresEngine.open(db.pool));
    // Saved beside another version (a write that did not save it): not taken, and the engine makes its own.
    await db.pool.query("UPDATE kb_article_order SET version = 'another'");
    expect(await read()).toBeUndefined();
    await articleBox(smaller.kb, await PostgresEngine.open(db.pool));
    await db.close();
  });

  it("a write that fails leaves the stored knowledge base as it was", async () => {
    const db = await seedWritten();
    const before = await tables(db.pool);
    const facts = new Map(seed.facts);
    const [last] = seedIds().slice(-1);
    facts.delete(last as string);
    // Every article counts as changed; the last one's facts are missing, so the write stops after the others.
    const hashes = new Map([...seed.hashes].map(([id, h]) => [id, `${h}-edited`]));
    await expect(writeKnowledge(db.pool, seed.kb, facts, hashes)).rejects.toThrow(`no facts or hash for article "${last}"`);
    expect(await tables(db.pool)).toEqual(before);
    expect(await storedHashes(db.pool)).toEqual(seed.hashes);
    await db.close();
  });
});

describe("a start with DATABASE_URL", { timeout: 60_000 }, () => {
  it("writes the corpus once; a restart reads it back and extracts nothing; an edited article alone is written again", async () => {
    const db = await fresh();
    const dir = seedCorpus();
    // The facts cache a start keeps in DATA_DIR: articles left as they were are not extracted again.
    const options = { log: recordingLog("warn").log, store: createMemoryFactsStore() };
    const first = await openStoredKnowledge(dir, db, options);
    expect({ extracted: first.extracted, written: first.written }).toEqual({ extracted: 5, written: { written: seedIds(), removed: [] } });
    const again = await openStoredKnowledge(dir, db, options);
    expect({ extracted: again.extracted, written: again.written }).toEqual({ extracted: 0, written: { written: [], removed: [] } });
    expect(again.engine.view.kb).toEqual(first.engine.view.kb);
    const [edited] = seedIds();
    appendFileSync(path.join(dir, `${edited}.md`), "\nA closing line added by an editor.\n");
    const third = await openStoredKnowledge(dir, db, options);
    expect({ extracted: third.extracted, written: third.written }).toEqual({ extracted: 1, written: { written: [edited], removed: [] } });
    expect(third.engine.view.kb.articles.find((a) => a.id === edited)?.sentences.at(-1)?.text).toBe("A closing line added by an editor.");
    await db.close();
  });
});

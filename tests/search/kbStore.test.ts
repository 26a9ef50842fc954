import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { loadStoredKnowledge, storedHashes, writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import { openStoredKnowledge } from "../../src/pipeline/openStored.ts";
import { SEED_CORPUS, seedCorpus, seedIds } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { startPostgres, type TestPostgres } from "../support/postgres.ts";
import { seedBuilt, without, type BuiltCorpus } from "./support.ts";

let server: TestPostgres;
let seed: BuiltCorpus;
beforeAll(async () => {
  [server, seed] = await Promise.all([startPostgres(), seedBuilt(SEED_CORPUS)]);
}, 120_000); // extraction of the seed corpus and a server start
afterAll(() => server?.stop());

async function fresh(): Promise<Database> {
  return openDatabase(await server.freshDatabase());
}

/** Everything a write leaves in the tables, but the write times. */
async function tables(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries({ kb_article: "id", kb_sentence: "article, index", kb_event: "article, index", kb_quote: "article, fragment, index", kb_person: "position", kb_person_name: "person, name", kb_term: "term" })) {
    const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY ${order}`);
    out[table] = rows.map((r: Record<string, unknown>) => ({ ...r, written_at: undefined }));
  }
  return out;
}

describe("the knowledge base in PostgreSQL", { timeout: 60_000 }, () => {
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
    const db = await fresh();
    await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
    const written = await tables(db.pool);
    // As it stood before migration 3: without the columns, recorded at version 2.
    await db.pool.query("ALTER TABLE kb_term DROP COLUMN quote_docs, DROP COLUMN event_text_docs, DROP COLUMN event_context_docs");
    await db.pool.query("DELETE FROM schema_version WHERE version = 3");
    expect((await migrate(db.pool)).applied).toEqual([3]);
    expect((await tables(db.pool)).kb_term).toEqual(written.kb_term);
    await db.close();
  });

  it("a write that fails leaves the stored knowledge base as it was", async () => {
    const db = await fresh();
    await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
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

// The stored dates and date texts (kb_event_value, migration 010) are pruned after the write that removes their last
// event (src/search/postgres/eventValues.ts): the table holds the values stored events name, no more, and the database
// alone decides which values go. (tests/live/leaderKnowledge.test.ts: the leader's writes prune them.)
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { EventTable } from "../../src/kb/eventTable.ts";
import { pruneEventValues, valuesLeft } from "../../src/search/postgres/eventValues.ts";
import { loadStoredKnowledge, writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import { openStoredKnowledge } from "../../src/pipeline/openStored.ts";
import { SEED_CORPUS, seedCorpus, seedIds } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { seedBuilt, without, type BuiltCorpus } from "./support.ts";

let server: SharedPostgres;
let seed: BuiltCorpus;
beforeAll(async () => {
  [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
}, 120_000); // extraction of the seed corpus and a server start

async function storedValues(pool: pg.Pool): Promise<{ values: string[]; named: string[] }> {
  const values = (await pool.query<{ value: string }>("SELECT value FROM kb_event_value ORDER BY value")).rows.map((r) => r.value);
  const named = (await pool.query<{ value: string }>("SELECT DISTINCT v.value FROM kb_event e, LATERAL (VALUES (e.date), (e.date_text)) v(value) ORDER BY 1")).rows.map((r) => r.value);
  return { values, named };
}

describe("the stored event values", () => {
  it("are those the stored events name, after articles are removed, even if the knowledge base written misses events", async () => {
    const db = await openDatabase(await server.freshDatabase());
    await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
    const before = await storedValues(db.pool);
    expect(before.values).toEqual(before.named);
    const [first, second] = seedIds();
    const smaller = without(seed, [first as string]);
    await writeKnowledge(db.pool, smaller.kb, smaller.facts, smaller.hashes);
    const left = valuesLeft(seed.kb.events, smaller.kb.events, new Set([first as string]));
    expect(left.length).toBeGreaterThan(0);
    expect(await pruneEventValues(db.pool, left)).toBe(left.length);
    const after = await storedValues(db.pool);
    expect(after.values).toEqual(after.named);
    expect(after.values.length).toBeLessThan(before.values.length);
    // A knowledge base whose events are missing (as if the writer's were wrong) rules no value out: the database keeps
    // every value an event still names, and the stored knowledge base reads back whole.
    const smallest = without(smaller, [second as string]);
    await writeKnowledge(db.pool, smallest.kb, smallest.facts, smallest.hashes);
    await pruneEventValues(db.pool, valuesLeft(smaller.kb.events, EventTable.of([]), new Set(smaller.kb.articles.map((a) => a.id))));
    const last = await storedValues(db.pool);
    expect(last.values).toEqual(last.named);
    expect([...(await loadStoredKnowledge(db.pool)).kb.events]).toEqual([...smallest.kb.events]);
    await db.close();
  });

  it("are pruned too by a start that writes the folder itself (the console, `ask` with DATABASE_URL)", async () => {
    const db = await openDatabase(await server.freshDatabase());
    const options = { log: recordingLog("warn").log, store: createMemoryFactsStore() };
    await openStoredKnowledge(seedCorpus(), db, options);
    const [, ...rest] = seedIds();
    expect((await openStoredKnowledge(seedCorpus(rest), db, options)).written.removed).toHaveLength(1);
    const after = await storedValues(db.pool);
    expect(after.values).toEqual(after.named);
    await db.close();
  });
});

// A misspelt word's stored neighbours (a search's typo tolerance) are found by a scan of the vocabulary on the server;
// the PostgreSQL engine keeps them (keptNeighbours.ts), so the same misspelling asked again costs no second scan and
// gets the same answer, the embedded engine's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { answersThrough } from "../../src/search/engine.ts";
import { miniSearchEngine } from "../../src/search/minisearch.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { KeptNeighbours } from "../../src/search/postgres/keptNeighbours.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { sharedPostgres } from "../support/postgres.ts";
import { seedBuilt, type BuiltCorpus } from "./support.ts";

let db: Database;
let seed: BuiltCorpus;

beforeAll(async () => {
  const [server, built] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
  seed = built;
  db = await openDatabase(await server.freshDatabase());
  await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("a misspelt word's neighbours", () => {
  it("are scanned for once, and the same question asked again answers the same without the scan", async () => {
    const engine = await PostgresEngine.open(db.pool, { texts: "database" });
    const statements: string[] = [];
    const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
    (db.pool as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0] as string | { name?: string; text: string };
      statements.push(typeof config === "string" ? config : (config.name ?? config.text));
      return query(...args);
    };
    // A long word with two letters swapped, and one no stored word is near.
    const questions = ["maintainres kernel", "Zorblaxian quibbleworth"];
    const asked = answersThrough(engine);
    const reference = answersThrough(miniSearchEngine(seed.kb));
    for (const q of questions) {
      statements.length = 0;
      const first = await asked.search(q);
      const scans = statements.filter((s) => s === "kb-term-near").length;
      expect(scans, q).toBeGreaterThan(0);
      statements.length = 0;
      expect(await asked.search(q)).toEqual(first);
      expect(statements.filter((s) => s === "kb-term-near"), q).toEqual([]);
      expect(first).toEqual(await reference.search(q));
    }
  });

  it("are kept up to a bound, the least recently used dropped first", () => {
    const kept = new KeptNeighbours();
    kept.keep("a", 1, Array.from({ length: 10_000 }, (_, i) => `a${i}`));
    kept.keep("b", 1, Array.from({ length: 10_000 }, (_, i) => `b${i}`));
    expect(kept.get("a", 1)?.length).toBe(10_000);
    kept.keep("c", 1, Array.from({ length: 10_000 }, (_, i) => `c${i}`));
    // "b" was used least lately.
    expect(kept.get("b", 1)).toBeUndefined();
    expect(kept.get("a", 1)?.length).toBe(10_000);
    expect(kept.get("c", 2)).toBeUndefined();
  });
});

// The postings as a question's scope reads them from PostgreSQL (readPostings): every word's ids and sentence
// lengths as the server holds them, whether or not the lengths are asked for, through the base64 the arrays come in
// (line breaks every 76 characters: a word in more than 7 documents has them).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { readPostings, type Kind } from "../../src/search/postgres/postings.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { sharedPostgres } from "../support/postgres.ts";
import { seedBuilt } from "./support.ts";

let db: Database;

beforeAll(async () => {
  const [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
  db = await openDatabase(await server.freshDatabase());
  await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

/** Every stored posting of `kind`, by term and field, as the server prints its arrays (NULL lengths as -1). */
async function stored(kind: Kind): Promise<Map<string, { field: number; ids: number[]; lengths: number[] | null }[]>> {
  const { rows } = await db.pool.query<{ term: string; field: number; ids: number[]; lengths: (number | null)[] | null }>(
    "SELECT term, field, ids, lengths FROM kb_posting WHERE kind = $1 ORDER BY term, field",
    [kind],
  );
  const out = new Map<string, { field: number; ids: number[]; lengths: number[] | null }[]>();
  for (const r of rows) out.set(r.term, [...(out.get(r.term) ?? []), { field: r.field, ids: r.ids, lengths: r.lengths && r.lengths.map((l) => l ?? -1) }]);
  return out;
}

describe("postings read from PostgreSQL", () => {
  it.each<Kind>(["sentences", "events", "quotes"])("give every %s word's ids (and the sentences' lengths when asked for) as stored", async (kind) => {
    const expected = await stored(kind);
    expect([...expected.values()].some((fields) => fields.some((f) => f.ids.length > 7))).toBe(true);
    const terms = [...expected.keys()];
    for (const lengths of [true, false]) {
      const read = await readPostings(db.pool, kind, terms, { lengths });
      const got = new Map([...read].map(([term, fields]) => [term, fields.sort((a, b) => a.field - b.field).map((f) => ({ field: f.field, ids: [...f.ids], lengths: f.lengths && [...f.lengths] }))]));
      const want = new Map([...expected].map(([term, fields]) => [term, fields.map((f) => ({ ...f, lengths: lengths && kind === "sentences" ? f.lengths : null }))]));
      expect(got).toEqual(want);
    }
  });
});

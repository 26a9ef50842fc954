// The stored quotes as a shard's first stage reads them back (src/search/postgres/storedQuotes.ts: one row of columns,
// the texts, articles and speakers each joined by a separator and split here): every quote as stored, direct quotes
// then fragments in corpus order, with its stable id; a quote holding the separator is read as rows instead.
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import type { KbQuote } from "../../src/kb/types.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { readStoredStages } from "../../src/search/postgres/storedStages.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { seedBuilt, type BuiltCorpus } from "./support.ts";

let server: SharedPostgres;
let seed: BuiltCorpus;
beforeAll(async () => {
  [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
}, 120_000); // extraction of the seed corpus and a server start

type Row = { id: number; article: string; fragment: boolean; index: number; sentence: number; text: string; canonical: string | null };

/** The reference: the stored rows sorted in JS, direct quotes then fragments, each by the articles' order, then index. */
async function storedQuotes(db: Database, articles: readonly { id: string }[]): Promise<{ direct: KbQuote[]; fragments: KbQuote[]; ids: number[] }> {
  const { rows } = await db.pool.query<Row>("SELECT id, article, fragment, index, sentence, text, canonical FROM kb_quote");
  const at = new Map(articles.map((a, i) => [a.id, i]));
  const ordered = (fragment: boolean): Row[] =>
    rows.filter((r) => r.fragment === fragment && at.has(r.article)).sort((x, y) => (at.get(x.article) as number) - (at.get(y.article) as number) || x.index - y.index);
  const quote = (r: Row): KbQuote => ({ article: r.article, sentence: r.sentence, text: r.text, speaker: r.canonical });
  const [direct, fragments] = [ordered(false), ordered(true)];
  return { direct: direct.map(quote), fragments: fragments.map(quote), ids: [...direct, ...fragments].map((r) => r.id) };
}

async function readBack(db: Database): Promise<{ articles: { id: string }[]; direct: KbQuote[]; fragments: KbQuote[]; ids: number[] }> {
  const first = await readStoredStages(db.pool, { texts: false });
  await first.rest;
  return { articles: first.kb.articles, direct: first.kb.quotes, fragments: first.kb.fragments, ids: [...first.rowIds.quotes] };
}

describe("the stored quotes read back", { timeout: 60_000 }, () => {
  it("are every quote as stored, direct quotes then fragments in corpus order, with their ids, whatever their texts hold", async () => {
    const db = await openDatabase(await server.freshDatabase());
    try {
      await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
      const read = await readBack(db);
      const { direct, fragments, ids } = await storedQuotes(db, read.articles);
      expect(direct.length).toBeGreaterThan(0);
      expect(fragments.length).toBeGreaterThan(0);
      expect({ direct: read.direct, fragments: read.fragments, ids: read.ids }).toEqual({ direct, fragments, ids });
      // As the knowledge base written holds them (the stable ids aside).
      expect([read.direct, read.fragments]).toEqual([seed.kb.quotes, seed.kb.fragments]);

      // Texts outside Latin-1 and the Basic Multilingual Plane, an empty one, speakers unknown or empty.
      const edited = async (): Promise<void> => {
        const again = await readBack(db);
        expect({ direct: again.direct, fragments: again.fragments, ids: again.ids }).toEqual(await storedQuotes(db, again.articles));
      };
      await db.pool.query(`UPDATE kb_quote SET text = 'It is “done” — 😀 déjà' WHERE id = (SELECT min(id) FROM kb_quote WHERE NOT fragment)`);
      await db.pool.query(`UPDATE kb_quote SET text = '', canonical = NULL WHERE id = (SELECT max(id) FROM kb_quote WHERE NOT fragment)`);
      await db.pool.query(`UPDATE kb_quote SET canonical = '' WHERE id = (SELECT min(id) FROM kb_quote WHERE fragment)`);
      await edited();
      // A text holding the columns' separator: read as rows, the same.
      await db.pool.query(`UPDATE kb_quote SET text = E'one\\x1ftwo' WHERE id = (SELECT max(id) FROM kb_quote WHERE fragment)`);
      await edited();
      const stillRead = await readBack(db);
      expect(stillRead.fragments.some((q) => q.text === "one\u001ftwo")).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("of a knowledge base without a quote are none", async () => {
    const db = await openDatabase(await server.freshDatabase());
    try {
      await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
      await db.pool.query("DELETE FROM kb_quote");
      const read = await readBack(db);
      expect([read.direct, read.fragments, read.ids]).toEqual([[], [], []]);
    } finally {
      await db.close();
    }
  });
});

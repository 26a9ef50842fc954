// The stored articles' metadata as a shard's first stage reads it back (src/search/postgres/storedArticles.ts): the
// articles whose metadata is a title, an outlet and a date from the columns, the others (a url, an author) whole.
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import type { KbArticle, KnowledgeBase } from "../../src/kb/types.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { articlesOf } from "../../src/search/postgres/storedArticles.ts";
import { readStoredStages } from "../../src/search/postgres/storedStages.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { seedBuilt, type BuiltCorpus } from "./support.ts";

let server: SharedPostgres;
let seed: BuiltCorpus;
beforeAll(async () => {
  [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
}, 120_000); // extraction of the seed corpus and a server start

/** An article's metadata as the knowledge base holds it (its sentences left out: a first stage reads no text). */
const metadata = (a: KbArticle): Record<string, unknown> =>
  Object.fromEntries(Object.keys(a).filter((k) => k !== "sentences").map((k) => [k, a[k as keyof KbArticle]]));

describe("the stored articles read back", { timeout: 60_000 }, () => {
  it("give every article its metadata as written: a title, an outlet and a date, and a url or an author where it has one", async () => {
    const db = await openDatabase(await server.freshDatabase());
    try {
      // The seed articles have no url nor author: two are given them.
      const extra = [{ url: "https://example.org/harbour" }, { url: "https://example.org/quay", author: "Ana Ribeiro" }];
      const articles = seed.kb.articles.map((a, i) => Object.assign(Object.create(Object.getPrototypeOf(a) as object) as KbArticle, a, extra[i] ?? {}));
      const kb: KnowledgeBase = { ...seed.kb, articles };
      await writeKnowledge(db.pool, kb, seed.facts, seed.hashes);
      const first = await readStoredStages(db.pool, { texts: false });
      await first.rest;
      expect(first.kb.articles.map(metadata)).toEqual(articles.map(metadata));
      expect(first.kb.articles.filter((a) => a.url !== undefined).map((a) => [a.url, a.author])).toEqual([
        ["https://example.org/harbour", undefined],
        ["https://example.org/quay", "Ana Ribeiro"],
      ]);
    } finally {
      await db.close();
    }
  });

  it("give every article its title as written, whatever it holds (the titles' separator too)", async () => {
    const db = await openDatabase(await server.freshDatabase());
    try {
      const titles = ["Harbour\u001fnews", "Quay “works” — 😀 déjà", ""];
      const articles = seed.kb.articles.map((a, i) => Object.assign(Object.create(Object.getPrototypeOf(a) as object) as KbArticle, a, titles[i] !== undefined ? { title: titles[i] } : {}));
      await writeKnowledge(db.pool, { ...seed.kb, articles }, seed.facts, seed.hashes);
      const first = await readStoredStages(db.pool, { texts: false });
      await first.rest;
      expect(first.kb.articles.map(metadata)).toEqual(articles.map(metadata));
      // Without the separator, from the joined titles.
      await db.pool.query(`UPDATE kb_article SET meta = jsonb_set(meta, '{title}', '"Harbour news"') WHERE meta->>'title' = $1`, [titles[0]]);
      const again = await readStoredStages(db.pool, { texts: false });
      await again.rest;
      expect(again.kb.articles.map((a) => a.title)).toEqual(articles.map((a) => (a.title === titles[0] ? "Harbour news" : a.title)));
    } finally {
      await db.close();
    }
  });

  it("of a knowledge base without an article are none", () => {
    expect(articlesOf([null, null, null, null, null, null], (s) => s, [])).toEqual([]);
    expect(articlesOf(undefined, (s) => s, [])).toEqual([]);
  });
});

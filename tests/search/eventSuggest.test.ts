// The /when box's suggestions over a corpus of many dated sentences (more than a box holds, on few dates, of words
// sharing their first letters): the PostgreSQL engine, which scores only the events of the newest dates that fill the
// box (told from the words' postings: documentsMatching), gives the embedded engine's choices, and the documents
// either engine tells are those a search finds.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { SearchOptions } from "minisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { answersThrough, type AsyncAnswers } from "../../src/search/engine.ts";
import { miniSearchEngine } from "../../src/search/minisearch.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { answersOver } from "../../src/answer/index.ts";
import { tokenize } from "../../src/answer/text.ts";
import { tempDir } from "../support/files.ts";
import { sharedPostgres } from "../support/postgres.ts";
import { buildCorpus, type BuiltCorpus } from "./support.ts";

const SUBJECTS = ["Copper", "Coal", "Council", "Market", "Markets", "Marine", "Mars", "Cobalt", "Coffee", "Trade"];
const VERBS = ["rose", "fell", "closed", "opened", "traded"];
const PLACES = ["in London", "in Chicago", "at the market", "after the council met", "as traders marked time"];
const DATES = ["March 3, 2004", "March 4, 2004", "March 3, 2004", "April 9, 1987", "March 2, 1987", "November 5, 2004"];

/** A corpus of `n` articles, each of sentences drawn from the lists above by a fixed sequence (the same every run). */
function writeCorpus(n: number): string {
  const dir = tempDir("newsdesk-eventsuggest-");
  let seed = 7;
  const pick = <T>(list: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return list[seed % list.length] as T;
  };
  for (let i = 0; i < n; i++) {
    const paragraphs = Array.from({ length: 4 }, () =>
      Array.from({ length: 3 }, () => `${pick(SUBJECTS)} prices ${pick(VERBS)} ${pick(PLACES)} on ${pick(DATES)}.`).join(" "),
    );
    const front = `---\ntitle: "${pick(SUBJECTS)} report ${i}"\noutlet: "Wire"\npublished: "${pick(["2004-03-05", "2004-11", "1987-04-10"])}"\n---\n`;
    writeFileSync(path.join(dir, `report-${String(i).padStart(3, "0")}.md`), `${front}${paragraphs.join("\n\n")}\n`);
  }
  return dir;
}

let db: Database;
let corpus: BuiltCorpus;
let engines: { minisearch: AsyncAnswers; postgres: AsyncAnswers; postgresTexts: AsyncAnswers };
let textsEngine: PostgresEngine;

beforeAll(async () => {
  const [server, built] = await Promise.all([sharedPostgres(), buildCorpus(writeCorpus(40))]);
  corpus = built;
  db = await openDatabase(await server.freshDatabase());
  await writeKnowledge(db.pool, corpus.kb, corpus.facts, corpus.hashes);
  textsEngine = await PostgresEngine.open(db.pool, { texts: "database" });
  engines = {
    minisearch: answersThrough(miniSearchEngine(corpus.kb)),
    postgres: answersThrough(await PostgresEngine.open(db.pool)),
    postgresTexts: answersThrough(textsEngine),
  };
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const PREFIXES = ["", "c", "co", "coa", "cop", "mar", "mark", "market", "markets", "mars", "tra", "copper ma", "market co", "prices co", "coal pri", "zzz", "the"];

describe("event suggestions over many dated sentences", () => {
  it("are the embedded engine's through the PostgreSQL engine, its texts held or read from the database", async () => {
    const events = corpus.kb.events.length;
    expect(events).toBeGreaterThan(300);
    let full = 0;
    for (const prefix of PREFIXES) {
      const want = await engines.minisearch.suggest("event", prefix);
      if (want.length === 25) full++;
      expect({ prefix, got: await engines.postgres.suggest("event", prefix) }).toEqual({ prefix, got: want });
      expect({ prefix, texts: "database", got: await engines.postgresTexts.suggest("event", prefix) }).toEqual({ prefix, texts: "database", got: want });
    }
    // Many boxes are full, of the newest dates' events among more found (next test).
    expect(full).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it("are those of searching the newest sixteenth of the events, then the newest quarter, then all (an index that does not tell the documents it finds)", async () => {
    const { view, scope } = miniSearchEngine(corpus.kb);
    const { indexes } = await scope([]);
    const exact = answersOver(view, indexes);
    const byShares = answersOver(view, { ...indexes, events: { ...indexes.events, documentsMatching: undefined } });
    for (const prefix of PREFIXES) expect({ prefix, got: exact.suggest("event", prefix) }).toEqual({ prefix, got: byShares.suggest("event", prefix) });
  });

  it("asked before the PostgreSQL engine has read its events, looks its words and their postings up meanwhile: once they are read, only the texts are fetched", async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const engine = await PostgresEngine.openFirst(db.pool, { texts: "database", beforeRest: () => held });
    const asked: string[] = [];
    const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
    (db.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      asked.push(typeof q === "string" ? q : q.text);
      return query(...args);
    };
    try {
      const answer = answersThrough(engine).suggest("event", "mar");
      // The prefix's stored terms, then their postings, while the second stage is held back.
      for (let i = 0; i < 400 && !asked.some((q) => q.includes("kb_posting")); i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(asked.some((q) => q.includes("kb_term") && q.includes("LIKE"))).toBe(true);
      expect(asked.some((q) => q.includes("kb_posting"))).toBe(true);
      // The postings' reply, then the answer's run that waits for the events.
      await new Promise((resolve) => setTimeout(resolve, 100));
      asked.length = 0;
      release();
      expect(await answer).toEqual(await engines.minisearch.suggest("event", "mar"));
      // Once the events are read: none of the words' counts, variants or postings again, the events' texts only.
      expect(asked.filter((q) => q.includes("kb_term") || q.includes("kb_posting"))).toEqual([]);
      expect(asked.some((q) => q.includes("kb_sentence"))).toBe(true);
    } finally {
      (db.pool as unknown as { query: unknown }).query = query;
      release();
      await engine.whole.catch(() => undefined);
    }
  }, 60_000);

  it("tells the documents a search of the typed words finds, through either engine", async () => {
    const reference = miniSearchEngine(corpus.kb);
    const { indexes: embedded } = await reference.scope([]);
    let most = 0;
    for (const prefix of PREFIXES.filter((p) => tokenize(p).length > 0)) {
      const typed = tokenize(prefix);
      const options: SearchOptions = { fields: ["text"], combineWith: "AND", fuzzy: false, prefix: (term, i) => i === typed.length - 1 && term.length >= 3 };
      const want = embedded.events.search(typed.join(" "), options).map((r) => r.id as number).sort((a, b) => a - b);
      const scope = await textsEngine.scope([prefix]);
      let told: number[] | undefined;
      for (let round = 0; told === undefined && round < 8; round++) {
        try {
          told = Array.from(scope.indexes.events.documentsMatching?.(typed.join(" "), options) ?? []);
        } catch {
          await scope.complete();
        }
      }
      expect({ prefix, told }).toEqual({ prefix, told: want });
      expect({ prefix, embedded: Array.from(embedded.events.documentsMatching?.(typed.join(" "), options) ?? []) }).toEqual({ prefix, embedded: want });
      most = Math.max(most, want.length);
    }
    // A short prefix finds several times the events a box shows.
    expect(most).toBeGreaterThan(200);
  }, 60_000);
});

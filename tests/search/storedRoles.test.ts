// The role questions' indexes saved with the knowledge base (migration 012, src/search/postgres/storedRoles.ts): the
// writer saves them beside the version its write leaves, and an engine that reads that version takes them instead of
// making them from its first stage. What a member notices: a role question (a /who that names nobody) answers as
// the embedded engine answers it, whether the indexes were saved, made, or saved for another version.
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnswerSet } from "../../src/answer/index.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { answersThrough } from "../../src/search/engine.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { roleIndexesToSave, takeSavedRoles } from "../../src/search/postgres/savedRoles.ts";
import { readStoredStages } from "../../src/search/postgres/storedStages.ts";
import type { SavedRoles } from "../../src/search/postgres/storedRoles.ts";
import { SEED_CORPUS, seedIds } from "../support/files.ts";
import { sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { seedBuilt, without, type BuiltCorpus } from "./support.ts";

let server: SharedPostgres;
let seed: BuiltCorpus;
beforeAll(async () => {
  [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
}, 120_000); // extraction of the seed corpus and a server start

/** A database of its own, the seed corpus written to it. */
async function seedWritten(): Promise<Database> {
  const db = await openDatabase(await server.freshDatabase());
  await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
  return db;
}

/** The saved role indexes a reader of the stored version takes (undefined: none saved beside it). */
async function savedRead(pool: pg.Pool): Promise<SavedRoles | undefined> {
  const first = await readStoredStages(pool, { texts: false });
  await first.rest;
  return first.roles;
}

/** Role questions from the corpus's own descriptions, and a few that name a role no description states. */
function roleQuestions(kb: KnowledgeBase): string[] {
  const described = kb.people.flatMap((p) => (p.description ? [`who ${p.description}`, `who is the ${p.description.split(/\s+/).slice(-2).join(" ")}`] : []));
  return [...described, "who leads the project", "who maintains the kernel", "who is the maintainer", "who wrote the patches"];
}

/** Every role question answered by `engine` as the embedded engine answers it over `kb`. */
async function answersRolesAs(engine: PostgresEngine, kb: KnowledgeBase): Promise<number> {
  const want = createAnswerSet(kb).answers;
  const got = answersThrough(engine);
  let named = 0;
  for (const q of roleQuestions(kb)) {
    const answer = await got.who(q);
    expect({ q, answer }).toEqual({ q, answer: want.who(q) });
    if (answer.person) named++;
  }
  return named;
}

describe("the role indexes saved with the knowledge base", { timeout: 60_000 }, () => {
  it("are what the writer makes of the version it leaves; a reader takes them only beside that version, else makes its own", async () => {
    const db = await seedWritten();
    expect(await savedRead(db.pool)).toEqual(await roleIndexesToSave(seed.kb));
    // Most role questions name someone (the comparison is not between empty answers).
    expect(await answersRolesAs(await PostgresEngine.open(db.pool), seed.kb)).toBeGreaterThan(roleQuestions(seed.kb).length / 2);
    // A write that shifts every sentence's position (the first article removed): saved anew over the new positions.
    const smaller = without(seed, [seedIds()[0] as string]);
    await writeKnowledge(db.pool, smaller.kb, smaller.facts, smaller.hashes);
    const saved = await savedRead(db.pool);
    expect(saved).toEqual(await roleIndexesToSave(smaller.kb));
    expect(saved?.positions).not.toEqual((await roleIndexesToSave(seed.kb)).positions);
    await answersRolesAs(await PostgresEngine.open(db.pool), smaller.kb);
    // Saved beside another version (a write that did not save them): not taken, and the engine makes its own.
    await db.pool.query("UPDATE kb_role_index SET version = 'another'");
    expect(await savedRead(db.pool)).toBeUndefined();
    await answersRolesAs(await PostgresEngine.open(db.pool), smaller.kb);
    await db.close();
  });

  it("are taken as the indexes an engine makes from its first stage: the people of every sentence, the descriptions' hits", async () => {
    const db = await seedWritten();
    const saved = (await savedRead(db.pool)) as SavedRoles;
    const taken = await takeSavedRoles(saved, seed.kb.articles.reduce((n, a) => n + a.sentences.length, 0), seed.kb.people.length);
    await db.pool.query("DELETE FROM kb_role_index");
    const made = await PostgresEngine.open(db.pool);
    expect([...(taken?.peopleIn ?? [])]).toEqual([...made.base.peopleIn]);
    expect([...made.base.peopleIn].length).toBeGreaterThan(10);
    const words = new Set(seed.kb.people.flatMap((p) => p.description.toLowerCase().split(/\W+/).filter(Boolean)));
    for (const w of [...words, "nothing", "lead maintainer kernel"]) {
      const options = { combineWith: "OR", fuzzy: false, prefix: false } as const;
      expect({ w, hits: taken?.descriptions.search(w, options) }).toEqual({ w, hits: made.base.descriptions.search(w, options) });
    }
    await db.close();
  });

  it("are not taken where they do not fit the knowledge base read (a person or a sentence it does not hold)", async () => {
    const saved = await roleIndexesToSave(seed.kb);
    const sentences = seed.kb.articles.reduce((n, a) => n + a.sentences.length, 0);
    const people = seed.kb.people.length;
    expect(await takeSavedRoles(saved, sentences, people)).toBeDefined();
    expect(await takeSavedRoles(saved, sentences, Math.max(...saved.people))).toBeUndefined();
    expect(await takeSavedRoles(saved, saved.positions.at(-1) as number, people)).toBeUndefined();
    expect(await takeSavedRoles(undefined, sentences, people)).toBeUndefined();
    // A serialisation MiniSearch does not read (another version of it).
    const other = JSON.stringify({ ...JSON.parse(saved.descriptions), serializationVersion: 99 });
    expect(await takeSavedRoles({ ...saved, descriptions: other }, sentences, people)).toBeUndefined();
  });
});

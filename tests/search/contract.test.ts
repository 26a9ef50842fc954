// One suite, both engines: the same questions get the same answers from the embedded MiniSearch engine and from
// the PostgreSQL engine over the same knowledge base. The questions are made from the corpus itself (its people,
// quotes, events and sentences, whole and in part, with a letter slipped) and a few of every command's shapes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { answersThrough, type AsyncAnswers } from "../../src/search/engine.ts";
import { matchPersonByName } from "../../src/answer/who.ts";
import { miniSearchEngine } from "../../src/search/minisearch.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { distinctTerms } from "../../src/search/postgres/documents.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { seedBuilt, type BuiltCorpus } from "./support.ts";

let server: SharedPostgres;
let db: Database;
let seed: BuiltCorpus;
let engines: { minisearch: AsyncAnswers; postgres: AsyncAnswers; postgresTexts: AsyncAnswers };

beforeAll(async () => {
  [server, seed] = await Promise.all([sharedPostgres(), seedBuilt(SEED_CORPUS)]);
  db = await openDatabase(await server.freshDatabase());
  await writeKnowledge(db.pool, seed.kb, seed.facts, seed.hashes);
  engines = {
    minisearch: answersThrough(miniSearchEngine(seed.kb)),
    postgres: answersThrough(await PostgresEngine.open(db.pool)),
    // The sentences' texts read from the database as each answer reads them, none held.
    postgresTexts: answersThrough(await PostgresEngine.open(db.pool, { texts: "database" })),
  };
}, 120_000); // extraction of the seed corpus and a server start
afterAll(async () => {
  await db?.close();
});

/** Every nth item. */
const every = <T>(list: readonly T[], n: number): T[] => list.filter((_, i) => i % n === 0);
/** A word of the text with two letters swapped (a typo MiniSearch's tolerance forgives on long words). */
const slipped = (text: string): string => text.replace(/\b(\w{4,})(\w)(\w)(\w*)\b/, "$1$3$2$4");
/** The first words of a text. */
const words = (text: string, n: number): string => text.split(/\s+/).slice(0, n).join(" ");

interface Question {
  command: string;
  ask: (a: AsyncAnswers) => Promise<unknown>;
  /** What a /who asks. */
  who?: string;
}

function questions(): Question[] {
  const { kb } = seed;
  const sentence = (ref: { article: string; sentence: number }) => kb.articles.find((a) => a.id === ref.article)?.sentences[ref.sentence]?.text ?? "";
  const out: Question[] = [];
  const add = (command: string, ask: (a: AsyncAnswers) => Promise<unknown>) => out.push({ command, ask });
  const who = (command: string, query: string) => out.push({ command, ask: (a) => a.who(query), who: query });
  for (const p of every(kb.people, 3)) {
    who(`who ${p.name}`, p.name);
    who(`who ${slipped(p.name)}`, slipped(p.name));
    if (p.description) who(`who ${p.description}`, words(p.description, 6));
    add(`quote speaker ${p.name}`, (a) => a.quote({ speaker: p.name }));
    add(`timeline ${p.name}`, (a) => a.timeline(p.name));
    add(`suggest person ${p.name.slice(0, 3)}`, (a) => a.suggest("person", p.name.slice(0, 3)));
  }
  for (const q of every(kb.quotes, 5)) {
    add(`quote text ${q.text}`, (a) => a.quote({ text: words(q.text, 6) }));
    add(`check ${q.text}`, (a) => a.check(`"${words(q.text, 10)}" - ${q.speaker ?? "someone"}`));
    add(`check slipped ${q.text}`, (a) => a.check(slipped(words(q.text, 8))));
  }
  for (const e of every([...kb.events], 4)) {
    const text = sentence(e);
    add(`when ${text}`, (a) => a.when(words(text.replace(e.dateText, ""), 8)));
    add(`when slipped ${text}`, (a) => a.when(slipped(words(text.replace(e.dateText, ""), 6))));
    add(`suggest event ${text}`, (a) => a.suggest("event", words(text, 2).slice(0, -1)));
  }
  for (const article of kb.articles)
    for (const s of every(article.sentences, 12)) {
      add(`search ${s.text}`, (a) => a.search(words(s.text, 5)));
      add(`search slipped ${s.text}`, (a) => a.search(slipped(words(s.text, 4))));
      add(`mentioned ${s.text}`, (a) => a.mentioned(s.text));
      who(`who/role ${s.text}`, `who ${words(s.text, 5)}`);
    }
  for (const q of ["nobody here", "the", "", "zzzz qqqq", "maintainer", "memory safety", "who leads the project", "religious war", "Rust", "kernel"]) {
    who(`who ${q}`, q);
    for (const command of ["when", "search", "timeline", "quote", "check", "mentioned"] as const)
      add(`${command} ${q}`, (a) => (command === "quote" ? a.quote({ text: q }) : a[command](q)));
  }
  add("about", (a) => a.about());
  return out;
}

describe("both search engines", () => {
  it("give the same answers to the same questions", async () => {
    const asked = questions();
    expect(asked.length).toBeGreaterThan(120);
    let answered = 0;
    for (const { command, ask } of asked) {
      const [mini, postgres, postgresTexts] = [await ask(engines.minisearch), await ask(engines.postgres), await ask(engines.postgresTexts)];
      expect({ command, answer: postgres }).toEqual({ command, answer: mini });
      expect({ command, texts: "database", answer: postgresTexts }).toEqual({ command, texts: "database", answer: mini });
      if (JSON.stringify(mini).length > 200) answered++;
    }
    // Most questions are answered (the comparison is not between two empty answers).
    expect(answered).toBeGreaterThan(asked.length / 2);
    // Some 200 questions, each through both engines (the PostgreSQL one over a real server): seconds, more on a busy machine.
  }, 120_000);

  it("give the same answers while the PostgreSQL engine reads its second stage: /who (of a name or a role), /quote and /search at once, /when once it is read", async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const engine = await PostgresEngine.openFirst(db.pool, { beforeRest: () => held });
    const first = answersThrough(engine);
    // What reads the events (the dates of /when and /timeline, the event autocomplete, /about's count). The role
    // questions' indexes (a /who that names nobody: a role, a description; src/answer/who.ts findPerson) are made from
    // the first stage: those answer without the second.
    const readsEvents = /^(when|timeline|suggest event|about)/;
    const reference = miniSearchEngine(seed.kb);
    const { indexes } = await reference.scope([]);
    const waits = (q: Question) => readsEvents.test(q.command);
    const asked = questions();
    const later = asked.filter(waits).map(({ command, ask }) => ({ command, ask, answer: ask(first) }));
    let waited = 0;
    for (const q of later) void q.answer.then(() => waited++);
    // Each of these answers while the second stage is held back (one that waited for it would never answer here):
    // among them every /who, of a name or not.
    expect(asked.filter((q) => q.who !== undefined && matchPersonByName(reference.view, indexes, q.who) !== null).length).toBeGreaterThan(10);
    expect(asked.filter((q) => q.who !== undefined && matchPersonByName(reference.view, indexes, q.who) === null).length).toBeGreaterThan(3);
    for (const { command, ask } of asked.filter((q) => !waits(q))) {
      expect({ command, answer: await ask(first) }).toEqual({ command, answer: await ask(engines.minisearch) });
    }
    // Most wait for the second stage (a question with no word to date, say, answers without the events).
    expect(waited).toBeLessThan(later.length / 2);
    expect(engine.view.kb.articles.length).toBe(seed.kb.articles.length);
    release();
    for (const { command, ask, answer } of later) expect({ command, answer: await answer }).toEqual({ command, answer: await ask(engines.minisearch) });
    expect(later.length).toBeGreaterThan(20);
  }, 120_000);

  it("rank by the sentence lengths the PostgreSQL engine reads after its start, which are those the texts give", async () => {
    const engine = await PostgresEngine.open(db.pool);
    await engine.warmed;
    const { view, base } = engine;
    const fromText = Array.from({ length: base.sentenceCount }, (_, i) => {
      const ref = base.sentenceRef(i);
      return ref ? distinctTerms(view.sentence(ref)).length : -1;
    });
    // Nothing is worked out from a text here: every length is known without one.
    expect(Array.from({ length: fromText.length }, (_, i) => engine.sentenceLength(i, () => undefined))).toEqual(fromText);
    // And the answers read them as one array (scope.ts), the same lengths.
    expect([...(engine.everyLength() ?? [])]).toEqual(fromText);
  });
});

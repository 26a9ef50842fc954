// The live corpus's updates against the reference model, a full build: whatever articles are added, changed or
// removed, in whatever order, the knowledge base after incremental updates is the one a full build makes of the
// same articles, and every answer is the same.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnswerSet } from "../../src/answer/index.ts";
import { LivePostings } from "../../src/answer/livePostings.ts";
import type { SavedCounts } from "../../src/answer/rareLead.ts";
import type { Frequencies } from "../../src/answer/search-index.ts";
import { indexTerm } from "../../src/answer/text.ts";
import type { Answers } from "../../src/answer/types.ts";
import type { Article } from "../../src/corpus/types.ts";
import { extractArticle } from "../../src/extract/index.ts";
import type { ArticleFacts } from "../../src/extract/types.ts";
import { buildKnowledgeBase } from "../../src/kb/build.ts";
import { articlePeople, PeopleMerge } from "../../src/kb/incremental.ts";
import { updateSnapshot, type PeopleMerger } from "../../src/pipeline/liveUpdate.ts";
import { snapshotOf, type Snapshot } from "../../src/pipeline/snapshot.ts";

// People whose names overlap, so that merging across articles has work to do: shared surnames, a misspelling, a
// name used alone, a fuller form of a name.
const PEOPLE = ["Maria Okafor", "John Smith", "Jane Smith", "Jon Smith", "Peter Lindqvist", "Peter Lindquist", "Aiko Tanaka", "Maria Elena Okafor"];
const ROLES = ["the mayor of Eastbridge", "a council engineer", "the transport minister", "head of the depot team"];
const THINGS = ["tram line", "harbour bridge", "budget", "depot", "cycle lane"];
const MONTHS = ["January", "March", "June", "October"];

/** Article `n`'s text in version `v`: people, a role, quotes with speakers, dated events. */
function text(n: number, v: number): string {
  const p = (k: number) => PEOPLE[(n * 3 + v + k) % PEOPLE.length] as string;
  const last = (name: string) => name.split(" ").at(-1) as string;
  const thing = THINGS[(n + v) % THINGS.length] as string;
  const [a, b] = [p(0), p(1 + (v % 2))];
  return [
    `${a}, ${ROLES[(n + v) % ROLES.length]}, said on ${MONTHS[(n + v) % 4]} ${3 + n}, 202${v % 5} that the ${thing} would open.`,
    `"We will finish the ${thing} before winter," ${last(a)} said.`,
    `${b} said the plan was approved in ${2010 + n + v}. ${v % 3 === 0 ? `"It costs too much," said ${last(b)}.` : ""}`,
    `${last(a)} told reporters that ${last(b)} had agreed in ${MONTHS[(n + 2 * v) % 4]} 2019.`,
    // A quoted fragment in the reporter's sentence, and an event stated without a date.
    `${last(b)} said the ${thing} was "${v % 2 ? "a costly detour" : "long overdue"}". The ${THINGS[(n + 2) % THINGS.length]} was later delayed.`,
  ].join("\n\n");
}

const facts = new Map<string, ArticleFacts>();
function article(n: number, v: number): Article & { facts: ArticleFacts } {
  const id = `a${String(n).padStart(2, "0")}`;
  const body = text(n, v);
  const a: Article = {
    id,
    file: `/corpus/${id}.md`,
    hash: `${id}@${v}`,
    signature: "",
    meta: { title: `${THINGS[n % THINGS.length]} report ${n} (${v})`, outlet: "Test Wire", published: `2023-0${1 + (n % 9)}-1${v % 10}` },
    body,
    text: body,
    toOriginal: (o) => o,
  };
  if (!facts.has(a.hash)) facts.set(a.hash, extractArticle(a));
  return { ...a, facts: facts.get(a.hash) as ArticleFacts };
}

function fullBuild(articles: (Article & { facts: ArticleFacts })[]): Snapshot {
  const kb = buildKnowledgeBase(articles, articles.map((a) => a.facts));
  return snapshotOf(articles, kb, createAnswerSet(kb));
}

/** What users would ask of the corpus: every command, over names, phrases and prefixes from the pool. */
function ask(answers: Answers): unknown[] {
  const names = [...PEOPLE, "Smith", "Okafor", "Lindqvist", "Tanaka", "Maria"];
  return [
    ...names.map((n) => answers.who(n)),
    ...names.slice(0, 6).map((n) => answers.quote({ speaker: n })),
    ...THINGS.map((t) => answers.when(`${t} open`)),
    ...THINGS.map((t) => answers.quote(`finish the ${t}`)),
    ...THINGS.map((t) => answers.search(t)),
    answers.search("plan approved"),
    answers.when("plan approved"),
    // Ranked partial matching: most of the question, a person's name, the title's words, nothing dated.
    ...THINGS.map((t) => answers.when(`when will the ${t} open to the public`)),
    answers.when("Smith agreed with reporters"),
    answers.when("report depot delayed"),
    answers.when("costly detour"),
    ...["a costly detour", "long overdue"].map((q) => answers.quote(q)),
    answers.who("who is the mayor of Eastbridge"),
    answers.timeline(),
    answers.timeline("Smith"),
    ...["Ma", "Smi", "Pet", ""].map((p) => answers.suggest("person", p)),
    // The empty boxes: sorted in slices during a live update, at once on first use after a full build.
    ...["tram", "bud", ""].map((p) => answers.suggest("event", p)),
    ...["rep", ""].map((p) => answers.suggest("article", p)),
    answers.about(),
  ];
}

function statistics({ indexes }: Snapshot) {
  const sorted = ({ counts, documents }: Frequencies | SavedCounts) => ({ counts: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)), documents });
  const p = indexes.postings;
  return {
    sentenceTerms: sorted(p.sentenceTerms.saved()),
    eventTerms: sorted(p.eventTerms.saved()),
    quoteFrequencies: sorted(p.quoteFrequencies),
    lengths: Array.from(indexes.sentenceLead.lengths ?? []),
    // The tables /when's ranked matching reads beside the index.
    eventPositions: Array.from(indexes.eventPositions),
    eventsAt: [...indexes.eventsAt].sort(([a], [b]) => a - b),
    titleTerms: Array.from({ length: indexes.sentenceCount }, (_, at) => [...(indexes.titleTermsAt(at) ?? [])].sort()),
    sentenceIdf: [...THINGS, ...PEOPLE].flatMap((w) => w.toLowerCase().split(" ")).map((w) => indexes.sentenceIdf(indexTerm(w) ?? w)),
    documents: [indexes.sentences.documentCount, indexes.events.documentCount, indexes.quotes.documentCount],
  };
}

type Op = { kind: "add" | "change" | "remove"; n: number; v: number };

describe("incremental updates of the live corpus", () => {
  it("give the knowledge base and the answers of a full build, whatever is added, changed or removed", async () => {
    const ops = fc.array(
      fc.record({ kind: fc.constantFrom<Op["kind"]>("add", "change", "remove"), n: fc.integer({ min: 0, max: 9 }), v: fc.integer({ min: 0, max: 5 }) }),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 6 }), ops, async (initial, changes) => {
        const corpus = new Map(initial.map((n) => [n, article(n, 0)]));
        const sorted = () => [...corpus.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        let current = fullBuild(sorted());
        const postings = new LivePostings(current.indexes.postings, current.kb);
        const merge = new PeopleMerge();
        const merger: PeopleMerger = { update: async (order, upserts, removed) => merge.update(order, upserts, removed) };
        await merger.update(sorted().map((a) => a.id), sorted().map((a) => articlePeople(a.facts)), []);
        for (const op of changes) {
          const fresh = new Map<string, ArticleFacts>();
          if (op.kind === "remove") {
            if (corpus.size === 1) continue; // a live corpus may not become empty here: a full build needs an article
            corpus.delete(op.n);
          } else {
            const a = article(op.n, op.kind === "add" && !corpus.has(op.n) ? 0 : op.v);
            if (corpus.get(op.n)?.hash === a.hash) continue;
            corpus.set(op.n, a);
            fresh.set(a.id, a.facts);
          }
          const update = await updateSnapshot(current, postings, merger, sorted(), fresh);
          current = update.snapshot;
          await update.cleanup();
        }
        const reference = fullBuild(sorted());
        // Quoted fragments are in the corpus, so that their place in the quote index is checked too.
        expect(reference.kb.fragments.length).toBeGreaterThan(0);
        expect(current.kb).toEqual(reference.kb);
        expect(ask(current.answers)).toEqual(ask(reference.answers));
        // The statistics behind rankings and "too common" answers too.
        expect(statistics(current)).toEqual(statistics(reference));
      }),
      { numRuns: 25, seed: 20261206 },
    );
  }, 120_000);
});

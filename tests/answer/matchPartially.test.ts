import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { positioned } from "../../src/answer/positioned.ts";
import { termCounter } from "../../src/answer/rareLead.ts";
import { indexOptions } from "../../src/answer/search-index.ts";
import type { QueryPlan } from "../../src/answer/queryPlan.ts";
import { matchPartially, type MatchOptions } from "../../src/answer/statements.ts";
import { indexTerm } from "../../src/answer/text.ts";

// Few words, so that many documents hold every term of a query (coverage 1) and many hold only some of them.
const WORDS = ["harbour", "council", "voted", "budget", "minister", "river", "strike", "court"];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 }).map((w) => w.join(" "));
const doc = fc.record({ text, context: text, title: fc.subarray(WORDS), continues: fc.boolean(), length: fc.nat(5) });
type Doc = { text: string; context: string };

/** Documents, a query's words (up to four of `words`) with a weight each, a limit, a floor and a candidate cap. */
const matchCase = (words: string[]) =>
  [
    fc.array(doc, { minLength: 1, maxLength: 80 }),
    fc.uniqueArray(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }),
    fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
    fc.integer({ min: 1, max: 12 }),
    fc.constantFrom(0.3, 0.6, 0.9),
    fc.integer({ min: 1, max: 200 }),
  ] as const;

/** The documents indexed over `fields` with their terms counted, and the query plan of the words. */
function indexed(docs: Doc[], words: string[], weights: number[], fields: ("text" | "context")[]) {
  const counter = termCounter(indexTerm);
  const index = new MiniSearch({ ...indexOptions(fields), processTerm: counter.processTerm });
  index.addAll(docs.map((d, id) => ({ id, ...Object.fromEntries(fields.map((f) => [f, d[f]])) })));
  counter.done(index.documentCount);
  const terms = words.map((w, i) => ({ words: [w], terms: [indexTerm(w) as string], people: [], weight: weights[i] as number }));
  const plan: QueryPlan = { terms, total: terms.reduce((n, t) => n + t.weight, 0) };
  return { counter, index, plan };
}

describe("ranked partial matching (statements.ts)", () => {
  it("keeps the best `limit` candidates a ranking of every candidate keeps, in its order", () => {
    fc.assert(
      fc.property(
        ...matchCase(WORDS),
        (docs, words, weights, limit, floor, maxCandidates) => {
          const { counter, index, plan } = indexed(docs, words, weights, ["text", "context"]);
          const options = (limit: number): MatchOptions => ({
            floor,
            lead: { share: counter.share },
            mentioning: () => [],
            field: "text",
            context: { field: "context", continues: (id) => docs[id]?.continues ?? false },
            title: (id) => docs[id]?.title.map((w) => indexTerm(w) as string),
            length: (id) => docs[id]?.length ?? 0,
            maxCandidates,
            limit,
            exclude: (id) => id % 7 === 3,
          });
          const all = matchPartially(positioned(index), plan, options(Infinity));
          expect(matchPartially(positioned(index), plan, options(limit))).toEqual(all.slice(0, limit));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("passing over long documents unread (the lead's lengths, no context) ranks as the full pass does", () => {
    fc.assert(
      fc.property(
        ...matchCase([...WORDS, "absent"]),
        (docs, words, weights, limit, floor, maxCandidates) => {
          const { counter, index, plan } = indexed(docs, words, weights, ["text"]);
          const lengths = docs.map((d) => d.length);
          const options = {
            floor,
            mentioning: () => [],
            field: "text",
            title: (id: number) => docs[id]?.title.map((w) => indexTerm(w) as string),
            maxCandidates,
            limit,
            exclude: (id: number) => id % 7 === 3,
          };
          const full = matchPartially(positioned(index), plan, { ...options, lead: { share: counter.share }, length: (id) => lengths[id] ?? 0 });
          expect(matchPartially(positioned(index), plan, { ...options, lead: { share: counter.share, lengths } })).toEqual(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});

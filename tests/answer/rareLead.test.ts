import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { searchLedByRareWords, termCounter, tooCommon } from "../../src/answer/rareLead.ts";
import { indexOptions, termSetOptions } from "../../src/answer/search-index.ts";
import { indexTerm } from "../../src/answer/text.ts";
import { positioned } from "../../src/answer/positioned.ts";

// A vocabulary where a few words are in most documents and the rest are rare, as in news text.
const COMMON = ["reported", "council", "market", "today"];
const RARE = Array.from({ length: 1000 }, (_, i) => `w${[i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((n) => String.fromCharCode(97 + n)).join("")}q`);

function build(texts: string[]) {
  const counter = termCounter(indexTerm);
  const index = new MiniSearch({ ...indexOptions(["text"]), processTerm: counter.processTerm });
  index.addAll(texts.map((text, id) => ({ id, text })));
  counter.done(index.documentCount);
  return { index, lead: { share: counter.share } };
}

/** An index holding each document's terms once, as the sentence index does. */
function buildTermSets(texts: string[]) {
  const counter = termCounter((term) => term);
  const lengths: number[] = [];
  const index = new MiniSearch(termSetOptions("text", counter.processTerm, lengths));
  index.addAll(texts.map((text, id) => ({ id, text })));
  counter.done(index.documentCount);
  return { index, lead: { share: counter.share, lengths } };
}

const doc = fc
  .tuple(fc.subarray(COMMON), fc.array(fc.constantFrom(...RARE), { minLength: 1, maxLength: 6 }))
  .map(([common, rare]) => [...common, ...rare].join(" "));

describe("AND queries led by their rarest word", () => {
  it("find the documents holding every word, with the scores and matched terms of a plain AND search", () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 150, maxLength: 300 }), fc.subarray(COMMON, { minLength: 1 }), fc.constantFrom(...RARE), fc.boolean(), (texts, common, rare, rareFirst) => {
        const { index, lead } = build(texts);
        const words = rareFirst ? [rare, ...common] : [...common, rare];
        const hits = searchLedByRareWords(index, words, lead, {});
        const plain = index.search(words.join(" "), { combineWith: "AND", fuzzy: false });
        expect(hits).toEqual(plain);
        // Through the postings (positioned.ts), whose ties come in position order.
        expect(searchLedByRareWords(positioned(index), words, lead, {})).toEqual(positioned(index).search(words.join(" "), { combineWith: "AND", fuzzy: false }));
        for (const hit of hits ?? []) for (const w of words) expect(hit.terms).toContain(indexTerm(w));
      }),
      { numRuns: 40 },
    );
  });

  it("on an index of term sets, give the first `limit` results of the plain AND search, in its order", () => {
    const vocabulary = [...COMMON, ...RARE.slice(0, 12)];
    const text = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 14 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(text, { minLength: 50, maxLength: 200 }), fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 12 }), (texts, words, limit) => {
        const { index, lead } = buildTermSets(texts);
        const plain = index.search(words.join(" "), { combineWith: "AND", fuzzy: false });
        expect(searchLedByRareWords(index, words, lead, {}, limit)).toEqual(plain.slice(0, limit));
        const ordered = positioned(index).search(words.join(" "), { combineWith: "AND", fuzzy: false });
        expect(searchLedByRareWords(positioned(index), words, lead, {}, limit)).toEqual(ordered.slice(0, limit));
        expect(lead.share(words[0] as string)).toBeCloseTo(texts.filter((t) => t.split(" ").includes(words[0] as string)).length / texts.length);
      }),
      { numRuns: 60 },
    );
  });

  it("keep the caller's own document boost and filter", () => {
    const { index, lead } = build(Array.from({ length: 200 }, (_, i) => `reported council ${RARE[i % 7]}`));
    const options = { boostDocument: (id: unknown) => (Number(id) % 2 === 0 ? 2 : 0), filter: (r: { id: unknown }) => Number(r.id) < 100 };
    const hits = searchLedByRareWords(index, ["council", RARE[3] as string], lead, options);
    const plain = index.search(`council ${RARE[3]}`, { ...options, combineWith: "AND", fuzzy: false });
    expect(hits).toEqual(plain);
    expect(searchLedByRareWords(positioned(index), ["council", RARE[3] as string], lead, options)).toEqual(positioned(index).search(`council ${RARE[3]}`, { ...options, combineWith: "AND", fuzzy: false }));
    expect(hits?.length).toBeGreaterThan(0);
    expect(hits?.every((h) => Number(h.id) % 2 === 0 && Number(h.id) < 100)).toBe(true);
  });

  it("step aside for a query of fewer than two distinct terms, and find nothing when the rarest word is absent", () => {
    const { index, lead } = build(Array.from({ length: 200 }, (_, i) => `reported council ${RARE[i % RARE.length]}`));
    expect(searchLedByRareWords(index, ["council", "the", "Council"], lead, {})).toBeUndefined();
    expect(searchLedByRareWords(index, ["council", "zeppelin"], lead, {})).toEqual([]);
  });

  it("call a word too common to search for alone only in a large index", () => {
    const small = build(Array.from({ length: 500 }, (_, i) => `reported ${RARE[i % RARE.length]}`));
    expect(tooCommon(small.index, small.lead.share, "reported")).toBe(false);
    const large = build(Array.from({ length: 20_000 }, (_, i) => (i % 4 === 0 ? `reported ${RARE[i % RARE.length]}` : `${RARE[i % RARE.length]} ${RARE[(i * 7) % RARE.length]}`)));
    expect(tooCommon(large.index, large.lead.share, "reported")).toBe(true);
    expect(tooCommon(large.index, large.lead.share, RARE[3] as string)).toBe(false);
  });
});

describe("restored term counts warmed in slices", () => {
  const saved = { counts: Array.from({ length: 10_000 }, (_, i): [string, number] => [`term${i}`, (i % 7) + 1]), documents: 500 };

  it("cut the map's making into many short steps, and answer as counts made at once, whenever they are first used", () => {
    const atOnce = termCounter(indexTerm, saved);
    // Every case (13 points of the warm-up, 4 terms): 52 checks, where fast-check's 100 random runs drew many twice
    // and missed some.
    for (let stepsBefore = 0; stepsBefore <= 12; stepsBefore++)
      for (const term of ["term0", "term4321", "term9999", "absent"]) {
        const warmed = termCounter(indexTerm, saved);
        const steps = warmed.warm();
        for (let i = 0; i < stepsBefore; i++) steps.next();
        // Used in the middle of its warm-up: complete counts at once, and the warm-up ends without redoing them.
        expect(warmed.idf(term), `${term} after ${stepsBefore} steps`).toBe(atOnce.idf(term));
        expect(warmed.saved()).toEqual(atOnce.saved());
        let rest = 0;
        while (!steps.next().done) rest++;
        expect(rest).toBeLessThanOrEqual(1);
      }
    const steps = termCounter(indexTerm, saved).warm();
    let count = 0;
    while (!steps.next().done) count++;
    expect(count).toBeGreaterThan(4);
  });
});

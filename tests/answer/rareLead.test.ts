import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { searchLedByRareWords, termCounter, tooCommon } from "../../src/answer/rareLead.ts";
import { indexOptions } from "../../src/answer/search-index.ts";
import { indexTerm } from "../../src/answer/text.ts";

// A vocabulary where a few words are in most documents and the rest are rare, as in news text.
const COMMON = ["reported", "council", "market", "today"];
const RARE = Array.from({ length: 1000 }, (_, i) => `w${[i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((n) => String.fromCharCode(97 + n)).join("")}q`);

function build(texts: string[]) {
  const counter = termCounter(indexTerm);
  const index = new MiniSearch({ ...indexOptions(["text"]), processTerm: counter.processTerm });
  index.addAll(texts.map((text, id) => ({ id, text })));
  counter.done(index.documentCount);
  return { index, lead: { textOf: (id: number) => texts[id] as string, share: counter.share } };
}

const doc = fc
  .tuple(fc.subarray(COMMON), fc.array(fc.constantFrom(...RARE), { minLength: 1, maxLength: 6 }))
  .map(([common, rare]) => [...common, ...rare].join(" "));

describe("queries led by their rare words", () => {
  it("find exactly the documents holding every word, as a plain AND search does", () => {
    let led = 0;
    fc.assert(
      fc.property(fc.array(doc, { minLength: 150, maxLength: 300 }), fc.subarray(COMMON, { minLength: 1 }), fc.constantFrom(...RARE), (texts, common, rare) => {
        const { index, lead } = build(texts);
        const words = [rare, ...common];
        const hits = searchLedByRareWords(index, words, lead, {});
        const plain = index.search(words.join(" "), { combineWith: "AND", fuzzy: false });
        if (hits === undefined) return; // no rare/common mix in this corpus: the plain search runs
        led++;
        expect(hits.map((h) => h.id).sort()).toEqual(plain.map((h) => h.id).sort());
        for (const hit of hits) for (const w of words) expect(hit.terms).toContain(indexTerm(w));
      }),
      { numRuns: 40 },
    );
    expect(led).toBeGreaterThan(30);
  });

  it("step aside for a query of common words only", () => {
    const { index, lead } = build(Array.from({ length: 200 }, (_, i) => `reported council ${RARE[i % RARE.length]}`));
    expect(searchLedByRareWords(index, ["reported", "council"], lead, {})).toBeUndefined();
  });

  it("call a word too common to search for alone only in a large index", () => {
    const small = build(Array.from({ length: 500 }, (_, i) => `reported ${RARE[i % RARE.length]}`));
    expect(tooCommon(small.index, small.lead.share, "reported")).toBe(false);
    const large = build(Array.from({ length: 20_000 }, (_, i) => (i % 4 === 0 ? `reported ${RARE[i % RARE.length]}` : `${RARE[i % RARE.length]} ${RARE[(i * 7) % RARE.length]}`)));
    expect(tooCommon(large.index, large.lead.share, "reported")).toBe(true);
    expect(tooCommon(large.index, large.lead.share, RARE[3] as string)).toBe(false);
  });
});

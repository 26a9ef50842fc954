import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { positioned, type SearchIndex } from "../../src/answer/positioned.ts";
import { documentFrequencies, idfWeights, indexOptions, searchWithFloor, shareOf } from "../../src/answer/search-index.ts";

const texts = [
  "The harbour tram runs along the coast road",
  "The harbour tram stops at the coast station",
  "The harbour tram needs a new coast depot",
  "Engineers propose rerouting the northern line",
];
const index = new MiniSearch(indexOptions<{ id: number; text: string }>(["text"]));
index.addAll(texts.map((text, id) => ({ id, text })));

describe("searchWithFloor", () => {
  it("requires every word first", () => {
    expect(searchWithFloor(index, "harbour tram depot").map((r) => r.id)).toEqual([2]);
  });

  it("falls back to most of the words, but a few common ones are not enough when rare words count more", () => {
    const query = "propose rerouting harbour tram coast";
    const plain = searchWithFloor(index, query).map((r) => r.id);
    expect(plain).toContain(0); // three of five words: enough when all words weigh the same
    const weighted = searchWithFloor(index, query, { weight: idfWeights(documentFrequencies(texts)) }).map((r) => r.id);
    expect(weighted).not.toContain(0);
  });

  it("never answers on one matching word", () => {
    expect(searchWithFloor(index, "harbour submarine periscope")).toEqual([]);
    expect(searchWithFloor(index, "the of and")).toEqual([]);
  });

  it("gives the same results led by the rare words of a query, and with the typo search left out where a short word is missing", () => {
    // Long words (typos forgiven) and short ones (matched exactly), some in no document, and near misses of both.
    const words = ["harbour", "council", "minister", "strike", "court", "river", "budget", "harbeur", "councel", "harbor", "quay"];
    const absent = new Set(["harbeur", "councel", "harbor", "quay"]);
    const docText = fc.array(fc.constantFrom(...words.filter((w) => !absent.has(w))), { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(docText, { minLength: 1, maxLength: 60 }), fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }), fc.boolean(), (docs, q, filtered) => {
        const built = new MiniSearch(indexOptions<{ id: number; text: string }>(["text"]));
        built.addAll(docs.map((text, id) => ({ id, text })));
        const frequencies = documentFrequencies(docs);
        const plain = positioned(built);
        // The same index, its postings unread: every search the plain MiniSearch way.
        const unread: SearchIndex = { search: (query, options) => plain.search(query, options), documentCount: plain.documentCount };
        const options = { weight: idfWeights(frequencies), ...(filtered && { filter: (r: { id: unknown }) => Number(r.id) % 3 !== 0 }) };
        const query = q.join(" ");
        expect(searchWithFloor(plain, query, { ...options, lead: { share: shareOf(frequencies) } })).toEqual(searchWithFloor(unread, query, options));
      }),
      { numRuns: 200 },
    );
  });
});

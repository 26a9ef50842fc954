import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { documentFrequencies, idfWeights, indexOptions, searchWithFloor } from "../../src/answer/search-index.ts";

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
});

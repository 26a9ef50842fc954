import fc from "fast-check";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { documentsWithEvery, searchAmong, termDocuments } from "../../src/answer/postingLists.ts";
import { positioned } from "../../src/answer/positioned.ts";
import { indexOptions } from "../../src/answer/search-index.ts";

// A small vocabulary, so that documents share words and term frequencies above 1 occur.
const WORDS = ["harbour", "council", "voted", "budget", "minister", "river", "strike", "court", "ruling", "quay"];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 12 }).map((w) => w.join(" "));
const docs = fc.array(fc.record({ text, context: text }), { minLength: 1, maxLength: 60 });
const query = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));

/**
 * An index of the documents, their ids their positions in `list`; added in that order (each id then the index's own
 * short id, as in a full build) or, `reversed`, last first (no id its short id).
 */
function build(list: { text: string; context: string }[], removed: number[] = [], reversed = false) {
  const index = new MiniSearch<{ id: number; text: string; context: string }>(indexOptions(["text", "context"], ["text"]));
  const docs = list.map((d, id) => ({ id, ...d }));
  index.addAll(reversed ? docs.reverse() : docs);
  for (const id of new Set(removed)) if (id < list.length) index.remove({ id, ...(list[id] as { text: string; context: string }) });
  return index;
}

const exact = { combineWith: "AND", fuzzy: false, prefix: false } as const;

describe("MiniSearch's postings read directly", () => {
  it("an AND search among some documents gives the plain AND search's results for them, scores equal to the bit", () => {
    fc.assert(
      fc.property(docs, query, fc.array(fc.nat(80)), fc.array(fc.nat(80)), fc.double({ min: 0.5, max: 3, noNaN: true }), fc.boolean(), (list, q, removed, among, boost, reversed) => {
        const index = build(list, removed, reversed);
        const ids = [...new Set(among)];
        const options = { boost: { context: boost }, boostDocument: (id: unknown) => (Number(id) % 5 === 4 ? 0 : 1 + (Number(id) % 3)) };
        const plain = index.search(q, { ...options, ...exact }).filter((r) => ids.includes(r.id as number));
        const fast = searchAmong(index, q, ids, options);
        // Ties in any order: MiniSearch's follows its maps.
        const byScoreThenId = (a: { score: number; id: unknown }, b: { score: number; id: unknown }) => b.score - a.score || Number(a.id) - Number(b.id);
        expect(fast?.sort(byScoreThenId)).toEqual(plain.sort(byScoreThenId));
      }),
      { numRuns: 150 },
    );
  });

  it("the documents holding a word in a field, or in any field, are those a search of the word finds there", () => {
    fc.assert(
      fc.property(docs, fc.constantFrom(...WORDS), fc.array(fc.nat(80)), fc.constantFrom("text", "context", undefined), fc.boolean(), (list, word, removed, field, reversed) => {
        const index = build(list, removed, reversed);
        const walked = index.search(word, { ...exact, ...(field && { fields: [field] }) }).map((r) => r.id as number);
        const docs = termDocuments(index, word, field);
        const listed: number[] = [];
        docs?.forEach((id) => listed.push(id as number));
        expect(listed.sort((a, b) => a - b)).toEqual(walked.sort((a, b) => a - b));
        for (let id = 0; id < list.length; id++) expect(docs?.has(id)).toBe(walked.includes(id));
      }),
      { numRuns: 150 },
    );
  });

  it("the documents holding every word are the rarest word's, in its order, that each other word's postings hold", () => {
    fc.assert(
      fc.property(docs, query, fc.array(fc.nat(80)), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.boolean(), (list, q, removed, hidden, reversed) => {
        const index = build(list, removed, reversed);
        const words = q.split(" ");
        // The reference: walk the rarest word's documents (ties: the first word given), ask each other word's `has`.
        const lists = words.map((w) => termDocuments(index, w) as NonNullable<ReturnType<typeof termDocuments>>).sort((a, b) => a.size - b.size);
        const walked: number[] = [];
        lists[0]?.forEach((id) => lists.slice(1).every((d) => d.has(id)) && walked.push(id as number));
        expect(documentsWithEvery(index, words)).toEqual(walked);
        const anded = index.search(q, exact).map((r) => r.id as number);
        expect([...walked].sort((a, b) => a - b)).toEqual(anded.sort((a, b) => a - b));
        // A snapshot's view: positions in reverse id order, some documents hidden.
        const positions = new Int32Array(list.length).fill(-1);
        let count = 0;
        for (let id = list.length - 1; id >= 0; id--) if (!hidden[id] && !removed.includes(id)) positions[id] = count++;
        const view = positioned(index, { positions, count });
        expect(view.documentsWithEvery?.(words)).toEqual(walked.map((id) => positions[id] as number).filter((at) => at >= 0));
      }),
      { numRuns: 150 },
    );
  });

  it("a snapshot's view (ids translated to positions, hidden documents left out) agrees with its plain search", () => {
    fc.assert(
      fc.property(docs, query, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (list, q, hidden) => {
        const index = build(list);
        // Positions in reverse id order, some documents hidden (as an article being added or removed is).
        const positions = new Int32Array(list.length).fill(-1);
        let count = 0;
        for (let id = list.length - 1; id >= 0; id--) if (!hidden[id]) positions[id] = count++;
        const view = positioned(index, { positions, count });
        const all = Array.from({ length: count }, (_, at) => at);
        expect(view.searchAmong?.(q, all)).toEqual(view.search(q, exact));
        const docs = view.documentsWith?.(q.split(" ")[0] as string);
        const listed: number[] = [];
        docs?.forEach((at) => listed.push(at as number));
        const found = view.search(q.split(" ")[0] as string, exact).map((r) => r.id as number);
        expect(listed.sort((a, b) => a - b)).toEqual(found.sort((a, b) => a - b));
        for (const at of all) expect(docs?.has(at)).toBe(found.includes(at));
      }),
      { numRuns: 100 },
    );
  });

  it("step aside for a word the tokenizer splits, or an index holding discarded documents", () => {
    const index = build([{ text: "harbour council", context: "" }]);
    expect(termDocuments(index, "harbour-council", "text")).toBeUndefined();
    index.discard(0);
    expect(termDocuments(index, "harbour", "text")).toBeUndefined();
    // Emptied and filled again with other ids: the ids are no longer the short ids, and are translated again.
    const refilled = build([{ text: "harbour", context: "" }, { text: "council", context: "" }]);
    expect(documentsWithEvery(refilled, ["harbour"])).toEqual([0]);
    refilled.removeAll();
    refilled.addAll([{ id: 7, text: "council", context: "" }, { id: 8, text: "harbour", context: "" }]);
    expect(documentsWithEvery(refilled, ["harbour"])).toEqual([8]);
    expect(searchAmong(refilled, "harbour", [1, 8])?.map((r) => r.id)).toEqual([8]);
    expect(searchAmong(index, "harbour", [0])).toBeUndefined();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TermDocuments } from "../../src/answer/postingLists.ts";
import { shortestHoldingEvery } from "../../src/answer/shortestHolding.ts";

const termDocuments = (ids: Set<number>): TermDocuments => ({ size: ids.size, has: (id) => ids.has(id as number), forEach: (f) => ids.forEach(f) });

/** The reference: every position holding all the sets and not excluded, by length and then position, the first `limit`. */
function reference(sets: Set<number>[], lengths: number[], limit: number, exclude: (at: number) => boolean): number[] {
  const all = lengths.map((_, at) => at).filter((at) => sets.every((s) => s.has(at)) && !exclude(at));
  return all.sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b).slice(0, limit);
}

const corpus = fc.integer({ min: 0, max: 300 }).chain((n) =>
  fc.record({
    lengths: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
    // Each word's documents, in any order (a live index's postings are not in position order): dense ones, as common words are.
    sets: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }).chain((shares) =>
      fc.tuple(
        ...shares.map((share) =>
          fc
            .shuffledSubarray(Array.from({ length: n }, (_, at) => at), { minLength: Math.floor(share * n), maxLength: Math.floor(share * n) })
            .map((ids) => new Set(ids)),
        ),
      ),
    ),
    limit: fc.integer({ min: 0, max: 30 }),
    excluded: fc.integer({ min: 2, max: 9 }),
  }),
);

describe("the shortest documents holding every word", () => {
  it("are the first `limit` of the documents holding every word, by length and then position", () => {
    fc.assert(
      fc.property(corpus, ({ lengths, sets, limit, excluded }) => {
        const exclude = (at: number) => at % excluded === 1;
        expect(shortestHoldingEvery(sets.map(termDocuments), lengths, limit, exclude)).toEqual(reference(sets, lengths, limit, exclude));
        expect(shortestHoldingEvery(sets.map(termDocuments), lengths, limit)).toEqual(reference(sets, lengths, limit, () => false));
      }),
      { numRuns: 300 },
    );
  });
});

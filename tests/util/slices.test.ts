import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runAtOnce, sortedSliced } from "../../src/util/slices.ts";

describe("sorting in slices", () => {
  it("sorts as Array.prototype.sort does, equal items in their order", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), at: fc.nat() }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 50 }), (items, run, every) => {
        const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(runAtOnce(sortedSliced(items, compare, run, every))).toEqual([...items].sort(compare));
      }),
      { numRuns: 200 },
    );
  });

  it("yields between runs and while merging", () => {
    const work = sortedSliced(Array.from({ length: 100 }, (_, i) => 100 - i), (a, b) => a - b, 10, 10);
    let slices = 0;
    while (!work.next().done) slices++;
    expect(slices).toBeGreaterThan(10);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PositionLists } from "../../src/answer/positionLists.ts";

// The reference: the Map of arrays the lists replace, filled as the indexes filled it.
function model(pairs: [number, number][]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const [p, v] of pairs) {
    const list = map.get(p);
    if (!list) map.set(p, [v]);
    else if (list[list.length - 1] !== v) list.push(v);
  }
  return map;
}

/** The lists filled with `raw`'s pairs in their order, for positions up to the last one's and `extra` more. */
function collected(extra: number, raw: [number, number][]): { size: number; lists: PositionLists } {
  const size = raw.reduce((max, [p]) => Math.max(max, p + 1), 0) + extra;
  const collect = PositionLists.collect(size);
  for (const [p, v] of raw) collect.add(p, v);
  return { size, lists: collect.done() };
}

describe("position lists", () => {
  it("read as the Map of arrays filled with the same pairs: get, has, and every entry in order of position", () => {
    fc.assert(
      fc.property(fc.nat({ max: 30 }), fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 5 })), { maxLength: 60 }), (extra, raw) => {
        const { size, lists } = collected(extra, raw);
        const expected = model(raw);
        for (let p = -1; p <= size; p++) {
          expect(lists.get(p)).toEqual(expected.get(p));
          expect(lists.has(p)).toBe(expected.has(p));
        }
        expect([...lists]).toEqual([...expected].sort(([a], [b]) => a - b));
      }),
    );
  });

  it("made from each value's position (ofValues), reads as collected with the values added in ascending order", () => {
    fc.assert(
      fc.property(fc.nat({ max: 30 }), fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 80 }), (extra, positionOf) => {
        const size = positionOf.reduce((max, p) => Math.max(max, p + 1), 0) + extra;
        const collect = PositionLists.collect(size);
        positionOf.forEach((p, v) => p >= 0 && collect.add(p, v));
        const expected = collect.done();
        const lists = PositionLists.ofValues(size, Int32Array.from(positionOf));
        for (let p = -1; p <= size; p++) expect(lists.get(p)).toEqual(expected.get(p));
        expect([...lists]).toEqual([...expected]);
      }),
    );
    expect(() => PositionLists.ofValues(2, Int32Array.of(0, 2))).toThrow("position lists: position 2 is outside 0-1");
  });

  it("refuses a position outside the size it was made for", () => {
    expect(() => PositionLists.collect(3).add(3, 0)).toThrow("position lists: position 3 is outside 0-2");
  });

  it("is done once: adding after done() is an error, not a list that changes", () => {
    const collect = PositionLists.collect(2);
    collect.add(0, 1);
    expect(collect.done().get(0)).toEqual([1]);
    expect(() => collect.add(1, 2)).toThrow("position lists: the lists are done already");
    expect(() => collect.done()).toThrow("position lists: the lists are done already");
  });

  it("saved as their pairs, are taken back the same (ofPairs: get, has, every entry)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 30 }), fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 5 })), { maxLength: 60 }), (extra, raw) => {
        const { size, lists } = collected(extra, raw);
        const { positions, values } = lists.pairs();
        const back = PositionLists.ofPairs(size, positions, values);
        for (let p = -1; p <= size; p++) {
          expect(back.get(p)).toEqual(lists.get(p));
          expect(back.has(p)).toBe(lists.has(p));
        }
        expect([...back]).toEqual([...lists]);
      }),
    );
  });

  it("refuses saved pairs that do not fit the size, or out of order", () => {
    const pairs = (ps: number[]) => [Int32Array.from(ps), Int32Array.from(ps, () => 0)] as const;
    expect(() => PositionLists.ofPairs(3, ...pairs([0, 3]))).toThrow("position lists: saved position 3 is out of order or outside 0-2");
    expect(() => PositionLists.ofPairs(3, ...pairs([2, 1]))).toThrow("position lists: saved position 1 is out of order or outside 0-2");
    expect(() => PositionLists.ofPairs(3, Int32Array.of(0), Int32Array.of())).toThrow("position lists: 1 positions saved with 0 values");
  });
});

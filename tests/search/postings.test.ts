import { describe, expect, it } from "vitest";
import { intArray } from "../../src/search/postgres/postings.ts";

/** integer[] as PostgreSQL's array_send writes it: dimensions, has-NULL flag, element type, size and lower bound, elements. */
function arraySend(values: (number | null)[]): Buffer {
  if (values.length === 0) return Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 23]);
  const header = [1, values.includes(null) ? 1 : 0, 23, values.length, 1];
  const out = Buffer.alloc(header.length * 4 + values.reduce<number>((n, v) => n + (v === null ? 4 : 8), 0));
  let at = 0;
  for (const h of header) at = out.writeInt32BE(h, at);
  for (const v of values) at = v === null ? out.writeInt32BE(-1, at) : out.writeInt32BE(v, out.writeInt32BE(4, at));
  return out;
}

describe("postings read in PostgreSQL's binary array format", () => {
  it("reads ids in order, a NULL length as -1, and an empty array", () => {
    expect([...intArray(arraySend([3, 17, 2_000_000_000]))]).toEqual([3, 17, 2_000_000_000]);
    expect([...intArray(arraySend([12, null, 0]))]).toEqual([12, -1, 0]);
    expect(intArray(arraySend([])).length).toBe(0);
  });

  it("reads from a view into a larger buffer (as pg hands a row's value)", () => {
    const inner = arraySend([5, 6]);
    const outer = Buffer.concat([Buffer.from([9, 9, 9]), inner]).subarray(3);
    expect([...intArray(outer)]).toEqual([5, 6]);
  });

  it("refuses what is not a one-dimensional integer array", () => {
    const text = arraySend([1]);
    text.writeInt32BE(25, 8); // text[]
    expect(() => intArray(text)).toThrow(/postings: not a one-dimensional integer\[\]/);
  });
});

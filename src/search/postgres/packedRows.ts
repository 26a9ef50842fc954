// Rows the server sends packed: one row per article with its rows' integers as one comma-separated string
// (string_agg of concat_ws), read here into a table of integers. One string per article costs a fraction of a row
// object per row, and a bytea or array column per row left many small buffers to the allocator.
import type pg from "pg";

/**
 * Runs `read` (the statements of one packed read) in one read-only snapshot, without JIT: the planner over-estimates
 * these joins by orders of magnitude and compiles them, most of a second for nothing.
 */
export async function inReadSnapshot<T>(client: pg.PoolClient, read: () => Promise<T>): Promise<T> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    await client.query("SET LOCAL jit = off");
    return await read();
  } finally {
    await client.query("COMMIT");
  }
}

/** The integers of a comma-separated list, `width` to a row (its length must be a multiple of it). */
export function commaSeparatedIntegers(list: string, width: number): Int32Array {
  let count = list.length > 0 ? 1 : 0;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) count++;
  if (count % width !== 0) throw new Error(`kb store: a row holds ${count} numbers, not a multiple of ${width}`);
  const out = new Int32Array(count);
  let n = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c === 44) {
      out[n++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  return out;
}

// Rows the server sends packed: one row per article with its rows' integers as one comma-separated string
// (string_agg of concat_ws), read here into a table of integers. One string per article costs a fraction of a row
// object per row, and a bytea or array column per row left many small buffers to the allocator.
import type pg from "pg";

/**
 * Runs `read` (the statements of one packed read) in one read-only snapshot, without JIT: the planner over-estimates
 * these joins by orders of magnitude and compiles them, most of a second for nothing.
 */
export async function inReadSnapshot<T>(client: pg.PoolClient, read: () => Promise<T>): Promise<T> {
  await beginReadSnapshot(client);
  try {
    await client.query("SET LOCAL jit = off");
    return await read();
  } finally {
    await client.query("COMMIT");
  }
}

/** The snapshot a client's reads are to see (readsIn): another connection's, exported while it stays open. */
const sharedSnapshots = new WeakMap<pg.PoolClient, string>();

/**
 * Makes the read-only snapshots `client` begins from now on see `snapshot` (pg_export_snapshot of a transaction
 * still open): reads on several connections at once, or one after another, then see one state of the database.
 */
export function readsIn(client: pg.PoolClient, snapshot: string | undefined): void {
  if (snapshot === undefined) {
    // A client going back to its pool: its next user begins snapshots of its own.
    sharedSnapshots.delete(client);
    return;
  }
  // A snapshot's name is what pg_export_snapshot made ("00000003-0000001B-1"): SET TRANSACTION takes no parameter.
  if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`kb store: "${snapshot}" is not an exported snapshot's name`);
  sharedSnapshots.set(client, snapshot);
}

/** Begins a read-only repeatable-read transaction on `client`, in the snapshot it was given (readsIn), if any. */
export async function beginReadSnapshot(client: pg.PoolClient): Promise<void> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const snapshot = sharedSnapshots.get(client);
  if (snapshot !== undefined) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
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

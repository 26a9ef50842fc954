// The reads of packed rows (the integers of every article's sentences, events and people as bytes: storedSentences.ts,
// storedEvents.ts, storedPeople.ts) share one read-only snapshot, on one connection or several.
import type pg from "pg";

/**
 * Runs `read` (the statements of one packed read) in one read-only snapshot, without JIT: the planner over-estimates
 * these joins by orders of magnitude and compiles them, most of a second for nothing.
 */
export async function inReadSnapshot<T>(client: pg.PoolClient, read: () => Promise<T>): Promise<T> {
  await beginReadSnapshot(client);
  try {
    await client.query("SET LOCAL jit = off");
    const reading = read(); // its first statement is on its way to the server once this returns
    statementSent(client);
    return await reading;
  } finally {
    await client.query("COMMIT");
  }
}

/** What to tell once a client's read has sent its statement (whenSent). */
const sentHooks = new WeakMap<pg.PoolClient, () => void>();

/**
 * Calls `hook` (undefined: no longer) once the next read in a snapshot on `client` (inReadSnapshot) has sent its first statement: from then
 * on the server works on it whatever this process does (startedRead.ts: a process loading its modules meanwhile).
 */
export function whenSent(client: pg.PoolClient, hook: (() => void) | undefined): void {
  if (hook) sentHooks.set(client, hook);
  else sentHooks.delete(client);
}

function statementSent(client: pg.PoolClient): void {
  const hook = sentHooks.get(client);
  sentHooks.delete(client);
  hook?.();
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
  // A snapshot no longer exported (its transaction ended) fails the import: the transaction is ended here, not left
  // aborted on a client that goes back to its pool (its next user's statements would all fail).
  if (snapshot !== undefined) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`).catch(async (err: unknown) => {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  });
}

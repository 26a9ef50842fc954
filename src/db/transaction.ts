// One transaction on a connection of the pool, the way every writer here needs it: BEGIN, the work, COMMIT, or
// ROLLBACK when the work throws.
import type pg from "pg";

/**
 * Runs `work` in a transaction on one pooled connection. A connection that dies while checked out (the database
 * restarting) emits "error" on the client, which would end the process without a listener: the query under way fails
 * with it instead, and the dead client is thrown away on release rather than handed to the next caller.
 */
export async function inTransaction<R>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error): void => void (lost = err);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.off("error", onError);
    client.release(lost);
  }
}

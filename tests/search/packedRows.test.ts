// Reads in a shared snapshot (src/search/postgres/packedRows.ts): a read that comes after the snapshot's transaction
// ended fails, and leaves its connection usable for the pool's next user.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { inReadSnapshot, readsIn } from "../../src/search/postgres/packedRows.ts";
import { postgresForFile } from "../support/postgresForFile.ts";

const { freshDatabase, closing } = postgresForFile();

describe("reads in a shared snapshot", () => {
  it("a read of a snapshot no longer exported fails, and its connection answers its next user", async () => {
    const db = await openDatabase(await freshDatabase());
    closing.push(() => db.close());
    const holder = await db.pool.connect();
    await holder.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await holder.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id ?? "";
    await holder.query("COMMIT");
    holder.release();
    const client = await db.pool.connect();
    readsIn(client, snapshot);
    await expect(inReadSnapshot(client, () => client.query("SELECT 1"))).rejects.toThrow(/snapshot/i);
    readsIn(client, undefined);
    // Left in an aborted transaction, every statement of its next user failed ("current transaction is aborted").
    expect((await client.query<{ n: number }>("SELECT 2 AS n")).rows).toEqual([{ n: 2 }]);
    client.release();
  });
});

// The role questions' indexes saved with the knowledge base (kb_role_index, migration 012): the writer saves them
// beside the version its write leaves (as the name index: storedNames.ts, and the article order: storedOrders.ts),
// and a process that opens the knowledge base takes them (savedRoles.ts) instead of making them from its first stage:
// some 80 ms of main-thread CPU at 50,000 articles, beside the events' read and take-in that /when waits for. Read by
// the stages' module (storedStages.ts), loaded before the bot's modules: nothing of the answers is imported here.
import type pg from "pg";
import { bigEndian } from "./storedOrders.ts";
import { integersOf } from "./joinedColumns.ts";

/** The role indexes as saved. */
export interface SavedRoles {
  /** The people each sentence mentions, as pairs in sentence position order (src/answer/positionLists.ts pairs). */
  positions: Int32Array;
  /** The person (their position in the knowledge base) of each pair. */
  people: Int32Array;
  /** The index of the people's descriptions, as MiniSearch serialises it (toJSON, as text). */
  descriptions: string;
}

/** Saves `roles` (what the transaction `client` is in leaves stored) beside `version`, the version once it commits. */
export async function saveRoleIndexes(client: pg.PoolClient, roles: SavedRoles, version: string): Promise<void> {
  await client.query("DELETE FROM kb_role_index");
  await client.query("INSERT INTO kb_role_index (version, positions, people, descriptions) VALUES ($1, $2, $3, $4)", [
    version,
    bigEndian(roles.positions),
    bigEndian(roles.people),
    roles.descriptions,
  ]);
}

/** The saved role indexes, if they were saved beside `version` (the one read in the same state): else undefined. */
export async function readRoleIndexes(client: pg.PoolClient, version: string): Promise<SavedRoles | undefined> {
  // The integers as base64 (as storedOrders.ts reads them: less text than bytea's hex, decoded faster); nothing read
  // when saved beside another version.
  const { rows } = await client.query<{ positions: string; people: string; descriptions: string }>(
    "SELECT encode(positions, 'base64') AS positions, encode(people, 'base64') AS people, descriptions FROM kb_role_index WHERE version = $1",
    [version],
  );
  const [row] = rows;
  if (!row) return undefined;
  return { positions: integersOf(Buffer.from(row.positions, "base64")), people: integersOf(Buffer.from(row.people, "base64")), descriptions: row.descriptions };
}

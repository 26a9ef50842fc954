// The name index saved with the knowledge base (kb_name_index, migration 008): the writer saves it with the people it
// is built from, and a process that opens the knowledge base takes it instead of tokenising every person's names and
// sorting the tokens (some 0.2-0.3 s of CPU of a shard's first stage at 50,000 articles).
import type pg from "pg";
import { NameIndex, type SavedNames } from "../../answer/name-index.ts";
import type { KbPerson } from "../../kb/types.ts";
import { runInSlices } from "../../util/slices.ts";

/**
 * Saves the name index of `people` (what the transaction `client` is in leaves stored), beside `version`: the
 * knowledge base's version once that transaction commits.
 */
export async function saveNameIndex(client: pg.PoolClient, people: KbPerson[], version: string): Promise<void> {
  // In slices: the leader answers while it writes.
  const names = (await runInSlices(NameIndex.sliced(people))).saved();
  await client.query("DELETE FROM kb_name_index");
  await client.query("INSERT INTO kb_name_index (version, names) VALUES ($1, $2)", [version, JSON.stringify(names)]);
}

/** The saved name index, if it was saved beside `version` (the one read in the same state): else undefined. */
export async function readNameIndex(client: pg.PoolClient, version: Promise<string>): Promise<SavedNames | undefined> {
  const { rows } = await client.query<{ version: string; names: SavedNames }>("SELECT version, names FROM kb_name_index");
  const [row] = rows;
  return row && row.version === (await version) ? row.names : undefined;
}

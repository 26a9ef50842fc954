// The dates and date texts the stored events name (kb_event_value, migration 010) are numbered once and kept; a value
// whose last event a write removed is pruned by the leader after that write (src/live/corpusWriter.ts), in a
// transaction of its own: the database checks a value against every event by one scan of kb_event (no index on the
// dates: some 0.3-0.4 s at 50,000 articles under load), which inside the write would hold its readers back that long.
// Safe for readers: the numbers are read only with the packed events of the same snapshot (storedEvents.ts
// readStoredEvents), which name no value pruned; a change is read as strings (storedChange.ts); and identity columns
// never give a number again, so a number read before means no other value after.
import type pg from "pg";
import { inTransaction } from "../../db/transaction.ts";
import type { EventTable } from "../../kb/eventTable.ts";
import { KB_WRITE_LOCK } from "./kbStore.ts";

/**
 * The dates and date texts of the events of `articles` in `before` that no event of `after` names: what a write from
 * `before` to `after` may have left no stored event naming. A cheap first sieve (the database decides: pruneEventValues),
 * usually empty: an article changed keeps most of its dates, and most dates are named by other articles too.
 */
export function valuesLeft(before: EventTable, after: EventTable, articles: ReadonlySet<string>): string[] {
  const left = new Set<string>();
  if (articles.size === 0) return [];
  for (let i = 0; i < before.length; i++) {
    if (!articles.has(before.article(i))) continue;
    left.add(before.date(i));
    left.add(before.dateText(i));
  }
  for (let i = 0; i < after.length && left.size > 0; i++) {
    left.delete(after.date(i));
    left.delete(after.dateText(i));
  }
  return [...left];
}

/**
 * Removes those of `values` (every value when omitted: a write that did not say which its articles named, as the
 * console's, src/pipeline/openStored.ts) that no stored event names; returns how many. Under the writes' lock: a write
 * numbering a value (kb_events_packed) while it is removed would pack its events without it.
 */
export async function pruneEventValues(pool: pg.Pool, values?: readonly string[]): Promise<number> {
  if (values?.length === 0) return 0;
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [KB_WRITE_LOCK]);
    // A hash join with the values asked of: not `= ANY($1)` per row, nor NOT EXISTS per value (a scan of kb_event each).
    const { rowCount } = values
      ? await client.query(
          `DELETE FROM kb_event_value WHERE value IN (
             SELECT unnest($1::text[])
             EXCEPT SELECT v.value FROM kb_event e CROSS JOIN LATERAL (VALUES (e.date), (e.date_text)) v(value) JOIN unnest($1::text[]) c(value) ON c.value = v.value)`,
          [values],
        )
      : await client.query(
          `DELETE FROM kb_event_value k WHERE NOT EXISTS (SELECT 1 FROM kb_event e WHERE e.date = k.value)
             AND NOT EXISTS (SELECT 1 FROM kb_event e WHERE e.date_text = k.value)`,
        );
    return rowCount ?? 0;
  });
}

// The stored events read back with no object per row: at 50,000 articles the 199,000 event rows (a row object, its
// article, date and date text each a string of their own) were the largest part of a start's peak (some 70 MB of
// heap, which V8 keeps as pages once it has grown to them). The server sends one row per article, its events'
// integers as one comma-separated string, and every distinct date and date text once (an event names them by number);
// they are read into the knowledge base's packed event table (src/kb/eventTable.ts).
import type pg from "pg";
import { EventTableBuilder, type EventTable } from "../../kb/eventTable.ts";
import { eachSliced, runBesideAnswers, type Sliced } from "../../util/slices.ts";
import { commaSeparatedIntegers, inReadSnapshot } from "./packedRows.ts";

/** Integers per event in the rows read: stable id, sentence, its date's number, its date text's number. */
const READ = 4;

// Every date and date text, numbered in one order (collation "C" or not: both statements number them alike).
const DATE_VALUES = `SELECT value, (row_number() OVER (ORDER BY value))::int - 1 AS n
  FROM (SELECT date AS value FROM kb_event UNION SELECT date_text FROM kb_event) v`;

/**
 * The stored events of these articles (ids in the knowledge base's order; events of other articles are left out), in
 * that order and each article's by index, and their stable ids in the same order. Each event's article is the id
 * string given, and its date and date text one string per distinct value.
 */
export async function readStoredEvents(client: pg.PoolClient, articleIds: readonly string[]): Promise<{ events: EventTable; ids: Int32Array }> {
  const { values, numbersOf } = await inReadSnapshot(client, async () => {
    const values = (await client.query<{ values: string[] | null }>(`SELECT json_agg(value ORDER BY n) AS values FROM (${DATE_VALUES}) d`)).rows[0]?.values ?? [];
    const { rows } = await client.query<{ article: string; numbers: string }>(
      `WITH d AS (${DATE_VALUES})
       SELECT e.article, string_agg(concat_ws(',', e.id, e.sentence, date.n, text.n), ',' ORDER BY e.index) AS numbers
       FROM kb_event e JOIN d date ON date.value = e.date JOIN d text ON text.value = e.date_text
       GROUP BY e.article`,
    );
    return { values, numbersOf: new Map(rows.map((r) => [r.article, r.numbers])) };
  });
  // In slices: at 50,000 articles the 199,000 events held a process that answers meanwhile (storedStages.ts) for half
  // a second under load.
  return runBesideAnswers(eventsOf(articleIds, numbersOf, values));
}

function* eventsOf(articleIds: readonly string[], numbersOf: Map<string, string>, values: string[]): Sliced<{ events: EventTable; ids: Int32Array }> {
  const events = new EventTableBuilder();
  const ids: number[] = [];
  const value = (n: number): string => values[n] ?? fail(`kb store: an event names date value ${n} of ${values.length}`);
  yield* eachSliced(articleIds, (article) => {
    const list = numbersOf.get(article);
    if (list === undefined) return;
    const numbers = commaSeparatedIntegers(list, READ);
    for (let k = 0; k < numbers.length; k += READ) {
      ids.push(numbers[k] as number);
      events.add(article, numbers[k + 1] as number, value(numbers[k + 2] as number), value(numbers[k + 3] as number));
    }
  });
  numbersOf.clear();
  return { events: events.done(), ids: Int32Array.from(ids) };
}

function fail(message: string): never {
  throw new Error(message);
}

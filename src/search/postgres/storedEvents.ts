// The stored events read back with no object per row: at 50,000 articles the 199,000 event rows (a row object, its
// article, date and date text each a string of their own) were the largest part of a start's peak (some 70 MB of
// heap, which V8 keeps as pages once it has grown to them). Each article's row keeps its events packed as bytes
// (migration 010: stable id, sentence, and the numbers of its date and date text in kb_event_value), read as one value
// for all the articles (storedSentences.ts readJoined), and every date and date text once; they are read into the
// knowledge base's packed event table (src/kb/eventTable.ts). The writer packs them in its transaction (packStoredEvents).
import type pg from "pg";
import { EventTableBuilder, type EventTable } from "../../kb/eventTable.ts";
import { eachSliced, runBesideAnswers, type Sliced } from "../../util/slices.ts";
import { inReadSnapshot } from "./packedRows.ts";
import { intArray } from "./postings.ts";
import { readJoined } from "./storedSentences.ts";

/** Integers per event in the packed column: stable id, sentence, its date's number, its date text's number. */
const READ = 4;

/**
 * The stored events of these articles (ids in the knowledge base's order; events of other articles are left out), in
 * that order and each article's by index, and their stable ids in the same order. Each event's article is the id
 * string given, and its date and date text one string per distinct value.
 */
export async function readStoredEvents(client: pg.PoolClient, articleIds: readonly string[]): Promise<{ events: EventTable; ids: Int32Array }> {
  const { values, numbersOf } = await inReadSnapshot(client, async () => {
    const { rows } = await client.query<{ values: string[] | null; numbers: Buffer | null }>(
      "SELECT json_agg(value ORDER BY number) AS values, array_send(array_agg(number ORDER BY number)) AS numbers FROM kb_event_value",
    );
    // Each value by its number (numbers may leave gaps: a value numbered by a write that was rolled back).
    const byNumber: string[] = [];
    const numbers = rows[0]?.numbers ? intArray(rows[0].numbers) : new Int32Array(0);
    const read = rows[0]?.values ?? [];
    numbers.forEach((n, i) => (byNumber[n] = read[i] as string));
    return { values: byNumber, numbersOf: (await readJoined(client, "event_numbers", READ)).byArticle };
  });
  // In slices: at 50,000 articles the 199,000 events held a process that answers meanwhile (storedStages.ts) for half
  // a second under load.
  return runBesideAnswers(eventsOf(articleIds, numbersOf, values));
}

function* eventsOf(articleIds: readonly string[], numbersOf: Map<string, Int32Array>, values: string[]): Sliced<{ events: EventTable; ids: Int32Array }> {
  const events = new EventTableBuilder();
  let count = 0;
  for (const id of articleIds) count += (numbersOf.get(id)?.length ?? 0) / READ;
  const ids = new Int32Array(count);
  let n = 0;
  // Each stored value's number in the table, looked up once (-1: not yet), in the order add would number them.
  const inTable = new Int32Array(values.length).fill(-1);
  const value = (k: number): number => {
    const known = inTable[k];
    if (known !== undefined && known >= 0) return known;
    const v = values[k] ?? fail(`kb store: an event names date value ${k}, which kb_event_value does not hold`);
    return (inTable[k] = events.number(v));
  };
  yield* eachSliced(articleIds, (article) => {
    const numbers = numbersOf.get(article);
    if (numbers === undefined || numbers.length === 0) return;
    const own = events.number(article);
    for (let k = 0; k < numbers.length; k += READ) {
      ids[n++] = numbers[k] as number;
      const date = value(numbers[k + 2] as number);
      events.addNumbered(own, numbers[k + 1] as number, date, value(numbers[k + 3] as number));
    }
  });
  numbersOf.clear();
  return { events: events.done(), ids };
}

/**
 * Stores the packed events of the articles `ids` in their rows, from their event rows (kb_events_packed of migration
 * 010, which numbers their dates and date texts first): the writer calls it in its transaction once their events are
 * written.
 */
export async function packStoredEvents(client: pg.PoolClient, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query("UPDATE kb_article a SET event_numbers = p.numbers FROM kb_events_packed($1) p WHERE p.article = a.id", [ids]);
}

function fail(message: string): never {
  throw new Error(message);
}

// The stored events read back with no object per row: at 50,000 articles the 199,000 event rows (a row object, its
// article, date and date text each a string of their own) were the largest part of a start's peak (some 70 MB of
// heap, which V8 keeps as pages once it has grown to them). Each article's row keeps its events packed as bytes
// (migration 010: stable id, sentence, and the numbers of its date and date text in kb_event_value), read as one value
// for all the articles with their numbers (EVENTS_READ), and every date and date text once; they are read into the
// knowledge base's packed event table (src/kb/eventTable.ts). The writer packs them in its transaction (packStoredEvents).
import type pg from "pg";
import { EventTableBuilder, type EventTable } from "../../kb/eventTable.ts";
import { runBesideAnswers, type Sliced } from "../../util/slices.ts";
import { inReadSnapshot } from "./packedRows.ts";
import { intArray } from "./postings.ts";
import { integersOf } from "./joinedColumns.ts";

/** Integers per event in the packed column: stable id, sentence, its date's number, its date text's number. */
const READ = 4;

/**
 * The events read as one row: every article's number (migration 008) and its packed events' size, their bytes joined,
 * in the order of one scan (every aggregate takes the rows in the order it gives them), and every date and date text
 * with its number. By number, not id: the 50,000 ids as JSON, and a map of them to a view of each one's integers,
 * were half of the read's CPU (some 30 ms), on the way to the first /when.
 */
const EVENTS_READ = `SELECT array_send(array_agg(number)) AS numbers, array_send(array_agg(octet_length(event_numbers))) AS sizes,
  encode(string_agg(event_numbers, ''::bytea), 'base64') AS joined,
  (SELECT json_agg(value ORDER BY number) FROM kb_event_value) AS "values",
  (SELECT array_send(array_agg(number ORDER BY number)) FROM kb_event_value) AS value_numbers
  FROM kb_article`;

interface EventsRow {
  numbers: Buffer | null;
  sizes: Buffer | null;
  joined: string | null;
  values: string[] | null;
  value_numbers: Buffer | null;
}

/** The knowledge base's articles as the first stage read them: their ids in order, and each one's place by its number. */
export interface ArticlePlaces {
  ids: readonly string[];
  /** The place in `ids` of the article of each number (-1, or past the end: none). */
  placeOfNumber: Int32Array;
}

/**
 * The stored events of these articles (events of other articles are left out), in the articles' order and each
 * article's by index, and their stable ids in the same order. Each event's article is the id string given, and its
 * date and date text one string per distinct value.
 */
export async function readStoredEvents(client: pg.PoolClient, articles: ArticlePlaces): Promise<{ events: EventTable; ids: Int32Array }> {
  const row = await inReadSnapshot(client, async () => (await client.query<EventsRow>(EVENTS_READ)).rows[0]);
  // Each value by its number (numbers may leave gaps: a value numbered by a write that was rolled back).
  const values: string[] = [];
  const valueNumbers = row?.value_numbers ? intArray(row.value_numbers) : new Int32Array(0);
  const read = row?.values ?? [];
  valueNumbers.forEach((n, i) => (values[n] = read[i] as string));
  const numbers = row?.numbers ? intArray(row.numbers) : new Int32Array(0);
  const sizes = row?.sizes ? intArray(row.sizes) : new Int32Array(0);
  // (Its line breaks, one every 76 characters, are skipped by the decoder.)
  const integers = integersOf(Buffer.from(row?.joined ?? "", "base64"));
  // In slices: at 50,000 articles the 199,000 events held a process that answers meanwhile (storedStages.ts) for half
  // a second under load.
  return runBesideAnswers(eventsOf(articles, { numbers, sizes, integers }, values));
}

function* eventsOf(
  { ids: articleIds, placeOfNumber }: ArticlePlaces,
  { numbers, sizes, integers }: { numbers: Int32Array; sizes: Int32Array; integers: Int32Array },
  values: string[],
): Sliced<{ events: EventTable; ids: Int32Array }> {
  // Where each article's integers start in the row read, by its place in the knowledge base (-1: none read).
  const startOf = new Int32Array(articleIds.length).fill(-1);
  const countOf = new Int32Array(articleIds.length);
  let at = 0;
  let count = 0;
  for (let i = 0; i < numbers.length; i++) {
    const k = placeOfNumber[numbers[i] as number] ?? -1;
    const size = sizes[i] as number;
    const name = k >= 0 ? `"${articleIds[k]}"` : `article number ${numbers[i]}`;
    // NULL (a writer that did not pack) reads as -1.
    if (size < 0) fail(`kb store: ${name} has no event_numbers (kb_article.event_numbers): its writer did not pack it`);
    if (size % (4 * READ) !== 0) fail(`kb store: ${name} holds ${size / 4} integers in event_numbers, not a multiple of ${READ}`);
    if (k >= 0) {
      startOf[k] = at;
      countOf[k] = size / 4;
      count += size / 4 / READ;
    }
    at += size / 4;
  }
  if (at !== integers.length) fail(`kb store: the articles' event_numbers hold ${integers.length} integers, their sizes say ${at}`);
  yield;
  const events = new EventTableBuilder();
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
  for (let k = 0; k < articleIds.length; k++) {
    const from = startOf[k] as number;
    const to = from + (countOf[k] as number);
    if (from < 0 || to === from) continue;
    const own = events.number(articleIds[k] as string);
    for (let j = from; j < to; j += READ) {
      ids[n++] = integers[j] as number;
      const date = value(integers[j + 2] as number);
      events.addNumbered(own, integers[j + 1] as number, date, value(integers[j + 3] as number));
    }
    if (k % 1024 === 1023) yield;
  }
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

import type { EventTable } from "../kb/eventTable.ts";
import type { KbEvent } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { searchWithFloor } from "./search-index.ts";
import type { TimelineAnswer } from "./types.ts";
import { mergeSameEventsByDate } from "./sameEvent.ts";
import { eventDateOrder } from "./suggestOrders.ts";
import { matchPersonByName } from "./who.ts";

const MAX_EVENTS = 50;

/**
 * /timeline: the events of a person (the sentences that mention them), of a topic, or of the whole corpus, by date
 * (ties in the order they were found), reports of one event merged. The corpus's date order is made once per
 * knowledge base (suggestOrders.ts keeps it), and events are merged only until the shown ones are complete
 * (mergeSameEventsByDate): the whole corpus's timeline no longer sorts and merges every event.
 */
export function timeline(view: CorpusView, indexes: Indexes, subject?: string): TimelineAnswer {
  const asOf = view.asOf;
  const events = view.kb.events;
  const order = eventDateOrder(events);
  const shown = (ids: Iterable<number>) => mergeSameEventsByDate(view, eventsOf(events, ids), MAX_EVENTS);
  if (!subject?.trim()) return { subject: null, events: shown(oldestFirst(order.newestFirst, order.rank)), asOf };
  const person = matchPersonByName(view, indexes, subject);
  if (person && person.score >= 0.85) {
    // Their events: those dated in the sentences that mention them, in the corpus's order, then by date.
    const positions = new Set<number>();
    for (const m of person.person.mentions) {
      const at = indexes.sentencePosition(m);
      if (at !== undefined) positions.add(at);
    }
    const ids: number[] = [];
    for (const at of positions) for (const id of indexes.eventsAt.get(at) ?? []) ids.push(id);
    ids.sort((a, b) => a - b);
    return { subject: person.person.name, events: shown(byDate(ids, order.rank)), asOf };
  }
  const hits = searchWithFloor(indexes.events, subject);
  return { subject: subject.trim(), events: shown(byDate(hits.map((h) => h.id as number), order.rank)), asOf };
}

/** Event ids oldest first, a stable sort (a lower rank is a later date): ties keep their order. */
const byDate = (ids: number[], rank: Int32Array): number[] => ids.sort((a, b) => (rank[b] as number) - (rank[a] as number));

/**
 * Every event id oldest first, ties in id order (as a stable sort of the events by date orders them), read from the
 * kept newest-first order: its runs of one date, last run first, each in its own (id) order.
 */
function* oldestFirst(newestFirst: Int32Array, rank: Int32Array): Iterable<number> {
  const rankAt = (k: number) => rank[newestFirst[k] as number];
  for (let end = newestFirst.length; end > 0; ) {
    let start = end - 1;
    while (start > 0 && rankAt(start - 1) === rankAt(end - 1)) start--;
    for (let k = start; k < end; k++) yield newestFirst[k] as number;
    end = start;
  }
}

/** The events of these ids, made as they are read. */
function* eventsOf(events: EventTable, ids: Iterable<number>): Iterable<KbEvent> {
  for (const id of ids) yield events.at(id) as KbEvent;
}

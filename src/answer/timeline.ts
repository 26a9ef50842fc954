import type { KbEvent } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { searchWithFloor } from "./search-index.ts";
import type { TimelineAnswer } from "./types.ts";
import { mergeSameEvents } from "./sameEvent.ts";
import { matchPersonByName } from "./who.ts";

const MAX_EVENTS = 50;

const byDate = (a: KbEvent, b: KbEvent) => a.date.localeCompare(b.date);

/** /timeline: the events of a person (the sentences that mention them), of a topic, or of the whole corpus, by date. */
export function timeline(view: CorpusView, indexes: Indexes, subject?: string): TimelineAnswer {
  const asOf = view.asOf;
  const events = view.kb.events;
  if (!subject?.trim()) {
    return { subject: null, events: mergeSameEvents(view, [...events].sort(byDate)).slice(0, MAX_EVENTS), asOf };
  }
  const person = matchPersonByName(view, indexes, subject);
  if (person && person.score >= 0.85) {
    const mentioned = new Set(person.person.mentions.map((m) => `${m.article}#${m.sentence}`));
    // By field first: an event object is made for theirs only.
    const theirs: KbEvent[] = [];
    for (let i = 0; i < events.length; i++) if (mentioned.has(`${events.article(i)}#${events.sentence(i)}`)) theirs.push(events.at(i) as KbEvent);
    theirs.sort(byDate);
    return { subject: person.person.name, events: mergeSameEvents(view, theirs).slice(0, MAX_EVENTS), asOf };
  }
  const hits = searchWithFloor(indexes.events, subject);
  const topical = hits.map((h) => events.at(h.id as number) as KbEvent).sort(byDate);
  return { subject: subject.trim(), events: mergeSameEvents(view, topical).slice(0, MAX_EVENTS), asOf };
}

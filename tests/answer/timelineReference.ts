// The reference model of /timeline: its first implementation (main before the timeline branch), which sorted every
// event of the subject by date and merged reports of one event over all of them, before showing the first 50. The
// fast one (src/answer/timeline.ts) must answer exactly as it does (tests/answer/timeline.test.ts).
import type { CorpusView } from "../../src/answer/context.ts";
import type { Indexes } from "../../src/answer/indexes.ts";
import { searchWithFloor } from "../../src/answer/search-index.ts";
import { contentTokens, stem } from "../../src/answer/text.ts";
import type { Event, TimelineAnswer } from "../../src/answer/types.ts";
import { matchPersonByName } from "../../src/answer/who.ts";
import type { KbEvent } from "../../src/kb/types.ts";

const MAX_EVENTS = 50;
const SAME_EVENT_OVERLAP = 0.3;
const byDate = (a: KbEvent, b: KbEvent) => a.date.localeCompare(b.date);
const stems = (text: string) => new Set(contentTokens(text).map(stem));

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

function mergeSameEvents(view: CorpusView, events: KbEvent[]): Event[] {
  // The words of a statement read only to compare it with another of the same date, as the first implementation did.
  const merged: { event: Event; words: () => Set<string>; key: string }[] = [];
  for (const e of events) {
    const statement = view.sentence(e);
    let read: Set<string> | undefined;
    const words = () => (read ??= stems(statement));
    const key = `${e.article}#${statement}`;
    const same = merged.find((m) => m.event.date === e.date && (m.key === key || overlap(m.words(), words()) >= SAME_EVENT_OVERLAP));
    if (same) {
      if (!same.event.sources.some((s) => s.article === e.article)) same.event.sources.push(view.source(e.article));
      continue;
    }
    const source = view.source(e.article);
    merged.push({ event: { date: e.date, text: statement, source, sources: [source] }, words, key });
  }
  return merged.map((m) => m.event);
}

export function referenceTimeline(view: CorpusView, indexes: Indexes, subject?: string): TimelineAnswer {
  const asOf = view.asOf;
  const events = view.kb.events;
  if (!subject?.trim()) return { subject: null, events: mergeSameEvents(view, [...events].sort(byDate)).slice(0, MAX_EVENTS), asOf };
  const person = matchPersonByName(view, indexes, subject);
  if (person && person.score >= 0.85) {
    const mentioned = new Set(person.person.mentions.map((m) => `${m.article}#${m.sentence}`));
    const theirs: KbEvent[] = [];
    for (let i = 0; i < events.length; i++) if (mentioned.has(`${events.article(i)}#${events.sentence(i)}`)) theirs.push(events.at(i) as KbEvent);
    theirs.sort(byDate);
    return { subject: person.person.name, events: mergeSameEvents(view, theirs).slice(0, MAX_EVENTS), asOf };
  }
  const hits = searchWithFloor(indexes.events, subject);
  const topical = hits.map((h) => events.at(h.id as number) as KbEvent).sort(byDate);
  return { subject: subject.trim(), events: mergeSameEvents(view, topical).slice(0, MAX_EVENTS), asOf };
}

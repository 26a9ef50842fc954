/**
 * Reports of one event merged into one answer: the same date and enough content words in common, from several
 * sentences or articles, keep the best-ranked report with every source.
 */
import type { KbEvent } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import { contentTokens, stem } from "./text.ts";
import type { Event } from "./types.ts";

// Two reports of one event: same date and this share of their content words in common.
const SAME_EVENT_OVERLAP = 0.3;

/** A dated event as ranked, with the statement it answers for when that is not its own sentence. */
export interface RankedEvent {
  event: KbEvent;
  /** The statement, when it is not the event's own sentence (the date is borrowed from a neighbour). */
  text?: string;
}

const stems = (text: string) => new Set(contentTokens(text).map(stem));

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/** Merges reports of the same event from several sentences or articles, keeping the best-ranked first. */
export function mergeSameEvents(view: CorpusView, events: KbEvent[]): Event[] {
  return mergeCandidates(view, events.map((event) => ({ event })));
}

export function mergeCandidates(view: CorpusView, ranked: RankedEvent[]): Event[] {
  // The words of a statement are read only to compare it with another of the same date.
  const merged: { event: Event; words: () => Set<string>; key: string }[] = [];
  const lazy = (text: string) => {
    let words: Set<string> | undefined;
    return () => (words ??= stems(text));
  };
  for (const { event: e, text } of ranked) {
    const own = view.sentence(e);
    const statement = text ?? own;
    const words = lazy(statement);
    const key = `${e.article}#${statement}`;
    const same = merged.find((m) => m.event.date === e.date && (m.key === key || overlap(m.words(), words()) >= SAME_EVENT_OVERLAP));
    if (same) {
      if (!same.event.sources.some((s) => s.article === e.article)) same.event.sources.push(view.source(e.article));
      continue;
    }
    const source = view.source(e.article);
    const event: Event = { date: e.date, text: statement, source, sources: [source] };
    if (text !== undefined) event.dateSentence = own;
    merged.push({ event, words, key });
  }
  return merged.map((m) => m.event);
}

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
export function mergeCandidates(view: CorpusView, ranked: RankedEvent[]): Event[] {
  const merger = sameEventMerger(view);
  for (const candidate of ranked) merger.add(candidate);
  return merger.merged();
}

/**
 * The first `limit` merged events of events in date order (by localeCompare of their dates, as /timeline sorts them):
 * the same as the first `limit` of mergeCandidates over them all, without reading the rest. An event merges only into one of its
 * own date, and one whose date sorts after the date of the `limit`-th merged event (the latest of them, as they come
 * in date order) cannot have theirs: from there on, every event would only add to or make events past the `limit`-th.
 */
export function mergeSameEventsByDate(view: CorpusView, events: Iterable<KbEvent>, limit: number): Event[] {
  const merger = sameEventMerger(view);
  for (const event of events) {
    const last = merger.count >= limit ? merger.at(limit - 1) : undefined;
    if (last && event.date.localeCompare(last.date) > 0) break;
    merger.add({ event });
  }
  return merger.merged().slice(0, limit);
}

function sameEventMerger(view: CorpusView) {
  // The words of a statement are read only to compare it with another of the same date.
  const merged: { event: Event; words: () => Set<string>; key: string }[] = [];
  // The merged events of each date, in merged order: an event is compared with those of its own date alone (the first
  // that fits among them is the first that fits among all, which must have its date).
  const ofDate = new Map<string, typeof merged>();
  const lazy = (text: string) => {
    let words: Set<string> | undefined;
    return () => (words ??= stems(text));
  };
  return {
    get count() {
      return merged.length;
    },
    at: (index: number): Event | undefined => merged[index]?.event,
    merged: () => merged.map((m) => m.event),
    add({ event: e, text }: RankedEvent): void {
      const own = view.sentence(e);
      const statement = text ?? own;
      const words = lazy(statement);
      const key = `${e.article}#${statement}`;
      const sameDate = ofDate.get(e.date);
      const same = sameDate?.find((m) => m.key === key || overlap(m.words(), words()) >= SAME_EVENT_OVERLAP);
      if (same) {
        if (!same.event.sources.some((s) => s.article === e.article)) same.event.sources.push(view.source(e.article));
        return;
      }
      const source = view.source(e.article);
      const event: Event = { date: e.date, text: statement, source, sources: [source] };
      if (text !== undefined) event.dateSentence = own;
      const entry = { event, words, key };
      merged.push(entry);
      if (sameDate) sameDate.push(entry);
      else ofDate.set(e.date, [entry]);
    },
  };
}

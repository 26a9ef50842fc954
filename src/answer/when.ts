import type { SearchResult } from "minisearch";
import type { KbEvent } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { tooCommon } from "./rareLead.ts";
import { queryTerms, searchWithFloor } from "./search-index.ts";
import { contentTokens, stem, tokenize } from "./text.ts";
import type { Event, WhenAnswer } from "./types.ts";

const MAX_EVENTS = 10;
const RERANK = 200;
// Two reports of one event: same date and this share of their content words in common.
const SAME_EVENT_OVERLAP = 0.3;

function toEvent(view: CorpusView, e: KbEvent): Event {
  const source = view.source(e.article);
  return { date: e.date, text: view.sentence(e), source, sources: [source] };
}

const stems = (text: string) => new Set(contentTokens(text).map(stem));

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/**
 * When a sentence holds several dates, the one nearest the words the query matched is the answer
 * ("In 2022, the patches went from version 5 to version 10, before being merged for Linux 6.1").
 */
function proximity(view: CorpusView, e: KbEvent, hit: SearchResult): number {
  const text = view.sentence(e).toLowerCase();
  const at = text.indexOf(e.dateText.toLowerCase());
  if (at < 0) return 0;
  const positions = hit.terms.map((t) => text.indexOf(t)).filter((p) => p >= 0);
  if (positions.length === 0) return 0;
  const distance = Math.min(...positions.map((p) => Math.abs(p - at)));
  return 1 / (1 + distance / 40);
}

/** Share of the query's adjacent word pairs that stand side by side in the sentence too ("first pull request"). */
function phraseFit(queryWords: string[], sentence: string): number {
  if (queryWords.length < 2) return 0;
  const text = ` ${tokenize(sentence).join(" ")} `;
  let pairs = 0;
  for (let i = 1; i < queryWords.length; i++) if (text.includes(` ${queryWords[i - 1]} ${queryWords[i]} `)) pairs++;
  return pairs / (queryWords.length - 1);
}

/** Merges reports of the same event from several sentences or articles, keeping the best-ranked first. */
export function mergeSameEvents(view: CorpusView, events: KbEvent[]): Event[] {
  const merged: { event: Event; words: Set<string>; key: string }[] = [];
  for (const e of events) {
    const words = stems(view.sentence(e));
    const key = `${e.article}#${e.sentence}`;
    const same = merged.find(
      (m) => m.event.date === e.date && (m.key === key || overlap(m.words, words) >= SAME_EVENT_OVERLAP),
    );
    if (!same) merged.push({ event: toEvent(view, e), words, key });
    else if (!same.event.sources.some((s) => s.article === e.article)) same.event.sources.push(view.source(e.article));
  }
  return merged.map((m) => m.event);
}

/** /when: dated events matching the query, best first; nothing when the corpus does not cover it. */
export function when(view: CorpusView, indexes: Indexes, query: string): WhenAnswer {
  if (queryTerms(query).length === 0) return { events: [], asOf: view.asOf };
  // As /search does: a word in a tenth of all events ("year", "said") dates nothing and costs a scan of them all.
  const content = contentTokens(query);
  if (content.every((w) => tooCommon(indexes.events, indexes.eventLead.share, w))) return { events: [], tooCommon: [...new Set(content)], asOf: view.asOf };
  const hits = searchWithFloor(indexes.events, query, { boost: { text: 2 }, weight: indexes.eventWeight, lead: indexes.eventLead });
  const words = tokenize(query);
  // Only the best hits are re-ranked: the boosts below at most triple a score, and a common word can match
  // thousands of events, each of which would be tokenised again.
  const ranked = hits
    .slice(0, RERANK)
    .map((h) => {
      const e = view.kb.events[h.id as number] as KbEvent;
      const sentence = view.sentence(e);
      return { e, score: h.score * (1 + 0.5 * proximity(view, e, h)) * (1 + phraseFit(words, sentence)) };
    })
    .sort((a, b) => b.score - a.score)
    .map((r) => r.e);
  // Merging compares each event with those kept before it: only the best few are worth it.
  return { events: mergeSameEvents(view, ranked.slice(0, MAX_EVENTS * 5)).slice(0, MAX_EVENTS), asOf: view.asOf };
}

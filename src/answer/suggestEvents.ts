// The /when box's suggestions: the events whose sentence holds every typed word (the last as a prefix from three
// letters), newest first, one choice per sentence. Their order is the events' dates' ranks (suggestOrders.ts), then
// the search's (score, then position): whatever way the events are found, the choices are those of searching every
// event and sorting the results by rank.
import type { EventTable } from "../kb/eventTable.ts";
import type { KbEvent } from "../kb/types.ts";
import type { SearchOptions } from "minisearch";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { dateRanksOf, eventDateOrder, MAX_CHOICE_LENGTH, MAX_CHOICES, type DateRanks } from "./suggestOrders.ts";
import { clip, contentTokens, fold, tokenize } from "./text.ts";
import type { Suggestion } from "./types.ts";

// The last word may still be being typed, so it matches as a prefix, but only from three letters: a one- or
// two-letter prefix expands to thousands of index terms on a large corpus, at every keystroke.
const MIN_PREFIX = 3;

/**
 * Events whose sentence holds every typed word, newest first: looked up in the events index, never scanned. Only the
 * events of the newest dates are scored: where the index tells the events the search finds without scoring them
 * (documentsMatching: MiniSearch's postings, or the PostgreSQL engine's in kb_posting), those of the newest dates that
 * hold MAX_CHOICES sentences; elsewhere (a live index with documents removed and not yet vacuumed) the newest
 * sixteenth of all events, then the newest quarter, then all, until they fill the box. The choices are the same
 * either way, as the results are sorted by date and equal scores by position. Scoring the newest sixteenth that a
 * short prefix finds read and split some 17,000 sentences at 50,000 articles on PostgreSQL (0.2 s of CPU).
 */
export function eventSuggestions(view: CorpusView, indexes: Indexes, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  if (typed.length === 0) return choices(view, eventsOf(view.kb.events, eventDateOrder(view.kb.events).newestFirst), typed);
  const last = typed.length - 1;
  const query = typed.join(" ");
  const options: SearchOptions = { fields: ["text"], combineWith: "AND", fuzzy: false, prefix: (term, i) => i === last && term.length >= MIN_PREFIX };
  // The events found asked before the events are read (an engine that reads them after it answers throws where they
  // are): their words are looked up meanwhile.
  const found = indexes.events.documentsMatching?.(query, options);
  const { events } = view.kb;
  const ranks = dateRanksOf(events);
  const newest = (within = Infinity): KbEvent[] =>
    indexes.events
      .search(query, { ...options, ...(within < Infinity && { boostDocument: (id) => ((ranks.ofEvent[id as number] ?? Infinity) <= within ? 1 : 0) }) })
      .map((h) => ({ e: events.at(h.id as number) as KbEvent, rank: ranks.ofEvent[h.id as number] ?? 0 }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ e }) => e);
  // Told exactly, the events of the newest ranks that fill the box are all searched, and the box is full: a search
  // that finds fewer has not read every document yet (the PostgreSQL engine's scope fetches their texts for its next run).
  if (found) return choices(view, newest(newestFilling(events, ranks, found)), typed);
  for (const within of ranks.recent) {
    const recent = choices(view, newest(within), typed);
    if (recent.length === MAX_CHOICES) return recent;
  }
  return choices(view, newest(), typed);
}

/**
 * The newest rank whose events, with those of every newer rank, among `found` are of MAX_CHOICES distinct sentences
 * at least (Infinity: all of them are fewer): the found events counted by rank, then walked newest first.
 */
function newestFilling(events: EventTable, ranks: DateRanks, found: ArrayLike<number>): number {
  const starts = new Int32Array(ranks.count + 1);
  for (let k = 0; k < found.length; k++) {
    const r = ranks.ofEvent[found[k] as number] as number;
    starts[r + 1] = (starts[r + 1] as number) + 1;
  }
  for (let r = 1; r <= ranks.count; r++) starts[r] = (starts[r] as number) + (starts[r - 1] as number);
  const byRank = new Int32Array(found.length);
  const next = starts.slice(0, ranks.count);
  for (let k = 0; k < found.length; k++) {
    const id = found[k] as number;
    const r = ranks.ofEvent[id] as number;
    byRank[next[r] as number] = id;
    next[r] = (next[r] as number) + 1;
  }
  const sentences = new Set<string>();
  for (let r = 0; r < ranks.count; r++) {
    for (let k = starts[r] as number; k < (starts[r + 1] as number); k++) sentences.add(`${events.article(byRank[k] as number)}#${events.sentence(byRank[k] as number)}`);
    if (sentences.size >= MAX_CHOICES) return r;
  }
  return Infinity;
}

/** The events of these ids, made as they are read. */
function* eventsOf(events: EventTable, ids: Iterable<number>): Iterable<KbEvent> {
  for (const id of ids) yield events.at(id) as KbEvent;
}

/** The first events of distinct sentences, as choices. */
function choices(view: CorpusView, events: Iterable<KbEvent>, typed: string[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const e of events) {
    const key = `${e.article}#${e.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = around(view.sentence(e), typed);
    out.push({ name: clip(`${e.date} · ${shown}`, MAX_CHOICE_LENGTH), value: eventQuery(shown) });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/** Query options are short (64 characters): the value of an event choice is its content words, enough to find it. */
export const MAX_EVENT_VALUE = 60;

/** The sentence from a few words before the first typed word, so a choice shows why it matched. */
function around(sentence: string, typed: string[]): string {
  const first = typed[0];
  if (!first) return sentence;
  const words = sentence.split(" ");
  const at = words.findIndex((w) => fold(w).replace(/^\W+/, "").startsWith(first));
  return at > 3 ? `…${words.slice(at - 2).join(" ")}` : sentence;
}

function eventQuery(sentence: string): string {
  const words = contentTokens(sentence);
  let out = "";
  for (const w of words) {
    if (out.length + w.length + 1 > MAX_EVENT_VALUE) break;
    out = out ? `${out} ${w}` : w;
  }
  return out;
}

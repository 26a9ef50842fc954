// The /when box's suggestions: the events whose sentence holds every typed word (the last as a prefix from three
// letters), newest first, one choice per sentence. Their order is the events' dates' ranks (suggestOrders.ts), then
// the search's (score, then position).
import type { EventTable } from "../kb/eventTable.ts";
import type { KbEvent } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { dateRanksOf, eventDateOrder, MAX_CHOICE_LENGTH, MAX_CHOICES } from "./suggestOrders.ts";
import { clip, contentTokens, fold, tokenize } from "./text.ts";
import type { Suggestion } from "./types.ts";

// The last word may still be being typed, so it matches as a prefix, but only from three letters: a one- or
// two-letter prefix expands to thousands of index terms on a large corpus, at every keystroke.
const MIN_PREFIX = 3;

/**
 * Events whose sentence holds every typed word, newest first: looked up in the events index, never scanned. A word
 * in thousands of events (a letter or two typed) fills the box from its newest: those are searched first (the newest
 * sixteenth of all events, then the newest quarter), and the others only when they are too few (the same choices
 * either way, as equal scores are ordered by position).
 */
export function eventSuggestions(view: CorpusView, indexes: Indexes, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  const { events } = view.kb;
  if (typed.length === 0) return choices(view, eventsOf(events, eventDateOrder(events).newestFirst), typed);
  const last = typed.length - 1;
  const ranks = dateRanksOf(events);
  const newest = (within = Infinity): KbEvent[] =>
    indexes.events
      .search(typed.join(" "), {
        fields: ["text"],
        combineWith: "AND",
        fuzzy: false,
        prefix: (term, i) => i === last && term.length >= MIN_PREFIX,
        ...(within < Infinity && { boostDocument: (id) => ((ranks.ofEvent[id as number] ?? Infinity) <= within ? 1 : 0) }),
      })
      .map((h) => ({ e: events.at(h.id as number) as KbEvent, rank: ranks.ofEvent[h.id as number] ?? 0 }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ e }) => e);
  for (const within of ranks.recent) {
    const recent = choices(view, newest(within), typed);
    if (recent.length === MAX_CHOICES) return recent;
  }
  return choices(view, newest(), typed);
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

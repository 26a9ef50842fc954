import type { KbArticle, KbEvent, KbPerson } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import type { NameIndex } from "./name-index.ts";
import { nameTokens, tokenMatch } from "./names.ts";
import { clip, contentTokens, fold, tokenize } from "./text.ts";
import type { Suggestion, SuggestKind } from "./types.ts";

/** Discord's limits for autocomplete: 25 choices, 100 characters each. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

const choice = (name: string, value: string = name): Suggestion => ({
  name: clip(name, MAX_CHOICE_LENGTH),
  value: clip(value, MAX_CHOICE_LENGTH),
});

/** How well a typed prefix fits a name: whole-name prefix, then a word's prefix, then a near miss. */
function nameFit(prefix: string, typed: string[], folded: string, forms: string[][]): number {
  if (folded.startsWith(prefix)) return 3;
  if (typed.length === 0) return 0;
  const words = forms.flat();
  const fits = typed.map((t) => Math.max(0, ...words.map((w) => tokenMatch(t, w))));
  if (fits.some((f) => f === 0)) return 0;
  return 1 + fits.reduce((a, b) => a + b, 0) / fits.length;
}

// The most mentioned people, per knowledge base: what an empty name box offers, computed once.
const mostMentioned = new WeakMap<KbPerson[], Suggestion[]>();

function people(view: CorpusView, names: NameIndex, prefix: string): Suggestion[] {
  if (!prefix) {
    let top = mostMentioned.get(view.kb.people);
    if (!top) mostMentioned.set(view.kb.people, (top = rankPeople(view, names, "")));
    return top;
  }
  return rankPeople(view, names, prefix);
}

function rankPeople(view: CorpusView, names: NameIndex, prefix: string): Suggestion[] {
  const typed = nameTokens(prefix);
  // Only people with a name token the typed words could match are worth ranking.
  const candidates = prefix ? names.candidates(typed) : view.kb.people.map((_, i) => i);
  const ranked = candidates
    .map((i) => ({ p: view.kb.people[i] as KbPerson, fit: prefix ? nameFit(prefix, typed, names.folded[i] ?? "", names.forms[i] ?? []) : 1 }))
    .filter((r) => r.fit > 0)
    .sort((a, b) => b.fit - a.fit || b.p.mentions.length - a.p.mentions.length || a.p.name.localeCompare(b.p.name));
  return ranked.slice(0, MAX_CHOICES).map((r) => choice(r.p.name));
}

// Events newest first, per knowledge base: what an empty /when box offers, computed once.
const newestFirst = new WeakMap<KbEvent[], KbEvent[]>();
const byDate = (events: KbEvent[]): KbEvent[] => {
  let sorted = newestFirst.get(events);
  if (!sorted) newestFirst.set(events, (sorted = [...events].sort((a, b) => b.date.localeCompare(a.date))));
  return sorted;
};

// The last word may still be being typed, so it matches as a prefix, but only from three letters: a one- or
// two-letter prefix expands to thousands of index terms on a large corpus, at every keystroke.
const MIN_PREFIX = 3;

/** Events whose sentence holds every typed word, newest first: looked up in the events index, never scanned. */
function events(view: CorpusView, indexes: Indexes, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  const last = typed.length - 1;
  const matching =
    typed.length === 0
      ? byDate(view.kb.events)
      : indexes.events
          .search(typed.join(" "), {
            fields: ["text"],
            combineWith: "AND",
            fuzzy: false,
            prefix: (term, i) => i === last && term.length >= MIN_PREFIX,
          })
          .map((h) => view.kb.events[h.id as number] as KbEvent)
          .sort((a, b) => b.date.localeCompare(a.date));
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const e of matching) {
    const key = `${e.article}#${e.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = around(view.sentence(e), typed);
    out.push({ name: clip(`${e.date} · ${shown}`, MAX_CHOICE_LENGTH), value: eventQuery(shown) });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

// Articles newest first with their title words, per knowledge base: computed once, not at every keystroke.
const titleWords = new WeakMap<KbArticle[], { a: KbArticle; words: string[] }[]>();
function articlesNewestFirst(articles: KbArticle[]): { a: KbArticle; words: string[] }[] {
  let list = titleWords.get(articles);
  if (!list) {
    list = [...articles]
      .sort((a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title))
      .map((a) => ({ a, words: tokenize(a.title) }));
    titleWords.set(articles, list);
  }
  return list;
}

function articles(view: CorpusView, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  const out: Suggestion[] = [];
  for (const { a, words } of articlesNewestFirst(view.kb.articles)) {
    if (!typed.every((t) => words.some((w) => w.startsWith(t)))) continue;
    out.push(choice(a.title, a.id));
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

/** Autocomplete candidates: at most 25, each at most 100 characters; an empty prefix gives the most mentioned. */
export function suggest(view: CorpusView, indexes: Indexes, kind: SuggestKind, prefix: string): Suggestion[] {
  const typed = fold(prefix.trim()).slice(0, 100);
  if (kind === "person") return people(view, indexes.names, typed);
  if (kind === "event") return events(view, indexes, typed);
  return articles(view, typed);
}

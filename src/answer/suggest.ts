import type { KbPerson } from "../kb/types.ts";
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

function people(view: CorpusView, names: NameIndex, prefix: string): Suggestion[] {
  const typed = nameTokens(prefix);
  // Only people with a name token the typed words could match are worth ranking.
  const candidates = prefix ? names.candidates(typed) : view.kb.people.map((_, i) => i);
  const ranked = candidates
    .map((i) => ({ p: view.kb.people[i] as KbPerson, fit: prefix ? nameFit(prefix, typed, names.folded[i] ?? "", names.forms[i] ?? []) : 1 }))
    .filter((r) => r.fit > 0)
    .sort((a, b) => b.fit - a.fit || b.p.mentions.length - a.p.mentions.length || a.p.name.localeCompare(b.p.name));
  return ranked.slice(0, MAX_CHOICES).map((r) => choice(r.p.name));
}

function events(view: CorpusView, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  const ranked = view.kb.events
    .map((e) => ({ e, text: view.sentence(e) }))
    .filter(({ text }) => {
      if (typed.length === 0) return true;
      const words = tokenize(text);
      // Every typed word must appear; the last one may still be being typed.
      return typed.every((t, i) => words.some((w) => (i === typed.length - 1 ? w.startsWith(t) : w === t)));
    })
    .sort((a, b) => b.e.date.localeCompare(a.e.date));
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const { e, text } of ranked) {
    const key = `${e.article}#${e.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = around(text, typed);
    out.push({ name: clip(`${e.date} · ${shown}`, MAX_CHOICE_LENGTH), value: eventQuery(shown) });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

function articles(view: CorpusView, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  return [...view.kb.articles]
    .filter((a) => {
      const words = tokenize(a.title);
      return typed.every((t) => words.some((w) => w.startsWith(t)));
    })
    .sort((a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title))
    .slice(0, MAX_CHOICES)
    .map((a) => choice(a.title, a.id));
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
  if (kind === "event") return events(view, typed);
  return articles(view, typed);
}

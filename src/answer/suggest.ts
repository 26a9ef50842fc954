// Autocomplete: a command's suggestions for what a member is typing, at most MAX_CHOICES of at most MAX_CHOICE_LENGTH
// characters. People by how well the typed words fit their names, articles by their titles' words, newest first;
// events in suggestEvents.ts; what each empty box offers, and the orders all of them read, in suggestOrders.ts.
import type { KbArticle, KbPerson } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import type { NameIndex } from "./name-index.ts";
import { nameTokens, tokenMatch } from "./names.ts";
import { eventSuggestions } from "./suggestEvents.ts";
import { articleOrderOf, byMentions, MAX_CHOICE_LENGTH, MAX_CHOICES, mostMentionedOf } from "./suggestOrders.ts";
import { clip, fold, tokenize } from "./text.ts";
import { matchingPlaces } from "./titleWords.ts";
import type { Suggestion, SuggestKind } from "./types.ts";

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
  if (!prefix) return mostMentionedOf(view.kb.people).map((p) => choice(p.name));
  const typed = nameTokens(prefix);
  // Only people with a name token the typed words could match are worth ranking.
  const ranked = names
    .candidates(typed)
    .map((i) => ({ p: view.kb.people[i] as KbPerson, fit: nameFit(prefix, typed, names.folded[i] ?? "", names.forms[i] ?? []) }))
    .filter((r) => r.fit > 0)
    .sort((a, b) => b.fit - a.fit || byMentions(a.p, b.p));
  return ranked.slice(0, MAX_CHOICES).map((r) => choice(r.p.name));
}

/** Articles whose title has a word starting with each typed word, newest first. */
function articles(view: CorpusView, prefix: string): Suggestion[] {
  const titles = articleOrderOf(view.kb.articles);
  const out: Suggestion[] = [];
  for (const place of matchingPlaces(titles, tokenize(prefix))) {
    const a = titles.articles[place] as KbArticle;
    out.push(choice(a.title, a.id));
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/** Autocomplete candidates: at most 25, each at most 100 characters; an empty prefix gives the most mentioned. */
export function suggest(view: CorpusView, indexes: Indexes, kind: SuggestKind, prefix: string): Suggestion[] {
  const typed = fold(prefix.trim()).slice(0, 100);
  if (kind === "person") return people(view, indexes.names, typed);
  if (kind === "event") return eventSuggestions(view, indexes, typed);
  return articles(view, typed);
}

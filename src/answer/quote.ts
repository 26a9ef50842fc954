import type { KbQuote } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { searchWithFloor } from "./search-index.ts";
import { tokenize } from "./text.ts";
import { eachSliced, runAtOnce, type Sliced } from "../util/slices.ts";
import type { Quote, QuoteAnswer } from "./types.ts";
import { matchPersonByName } from "./who.ts";

const MAX_QUOTES = 25;

export function toQuote(view: CorpusView, q: KbQuote, fragment = false): Quote {
  return { text: q.text, speaker: q.speaker, source: view.source(q.article), context: view.sentence(q), ...(fragment && { fragment: true as const }) };
}

/** A document of the quote index: direct quotes first, then fragments (the ids of indexDocuments.ts's quoteDocs). */
function quoteDoc(view: CorpusView, id: number): Quote {
  const { quote, fragment } = quoteAt(view, id);
  return toQuote(view, quote, fragment);
}

/** The quote an id of the quote index stands for: the direct quotes first, then the fragments (quoteDocs). */
function quoteAt(view: CorpusView, id: number): { quote: KbQuote; fragment: boolean } {
  const { quotes, fragments } = view.kb;
  return id < quotes.length ? { quote: quotes[id] as KbQuote, fragment: false } : { quote: fragments[id - quotes.length] as KbQuote, fragment: true };
}

// Each speaker's quotes (their places in the list, in corpus order), grouped once per list: /who and /quote ask for
// one speaker's quotes at every answer, and reading every quote of a large corpus each time was most of their cost.
const bySpeaker = new WeakMap<KbQuote[], Map<string | null, number[]>>();

function placesOf(quotes: KbQuote[], speaker: string): number[] {
  if (!bySpeaker.has(quotes)) runAtOnce(groupedBySpeaker(quotes));
  return bySpeaker.get(quotes)?.get(speaker) ?? [];
}

/** Groups a list's quotes by speaker ahead of the first answer that needs it, in slices (a full pass over every quote). */
export function* groupedBySpeaker(quotes: KbQuote[]): Sliced<void> {
  if (bySpeaker.has(quotes)) return;
  const made = new Map<string | null, number[]>();
  yield* eachSliced(quotes, (q, i) => {
    const places = made.get(q.speaker);
    if (places) places.push(i);
    else made.set(q.speaker, [i]);
  }, 8192);
  if (!bySpeaker.has(quotes)) bySpeaker.set(quotes, made);
}

/** Every direct quote of one speaker, in corpus order; with `fragments`, then the words quoted from them inside
 * reporters' sentences. */
export function quotesBy(view: CorpusView, name: string, fragments = false): Quote[] {
  const { quotes, fragments: quoted } = view.kb;
  const direct = placesOf(quotes, name).map((i) => toQuote(view, quotes[i] as KbQuote));
  return fragments ? [...direct, ...placesOf(quoted, name).map((i) => toQuote(view, quoted[i] as KbQuote, true))] : direct;
}

/** True when the quote's words contain the query's words in the same order (punctuation and case ignored). */
function containsPhrase(quoteText: string, phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  // Text of plain ASCII folds to its lower case (lexicon/fold.ts: no marks, no apostrophe or dash variants but the
  // backtick): a phrase word missing from it rules the phrase out without the text being split into words, which
  // a common word's thousands of matching quotes would each cost.
  if (PLAIN.test(quoteText)) {
    const lower = quoteText.toLowerCase();
    if (!phrase.every((w) => lower.includes(w))) return false;
  }
  return ` ${tokenize(quoteText).join(" ")} `.includes(` ${phrase.join(" ")} `);
}

const PLAIN = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;

/** Quotes and fragments whose words match `text`: an exact phrase first, then by relevance, a direct quote before
 * a fragment. */
function quotesMatching(view: CorpusView, indexes: Indexes, text: string, among?: Set<number>): Quote[] {
  const phrase = tokenize(text);
  const filter = among ? (r: { id: unknown }) => among.has(r.id as number) : undefined;
  const hits = searchWithFloor(indexes.quotes, text, {
    minCoverage: 0.6,
    weight: indexes.quoteWeight,
    ...(indexes.quoteLead && { lead: indexes.quoteLead }),
    ...(filter && { filter }),
  });
  // A hit's Quote (citation and all) is made for the best only.
  const ranked = hits
    .map((h) => {
      const id = h.id as number;
      const { quote, fragment } = quoteAt(view, id);
      return { id, fragment, score: h.score + (containsPhrase(quote.text, phrase) ? 1e6 : 0) };
    })
    // A direct quote holding the phrase comes before a fragment holding it: the fragment is usually the
    // reporter's echo of it.
    .sort((a, b) => Math.floor(b.score / 1e6) - Math.floor(a.score / 1e6) || Number(a.fragment) - Number(b.fragment) || b.score - a.score);
  return ranked.slice(0, MAX_QUOTES).map(({ id }) => quoteDoc(view, id));
}

/**
 * /quote: a query that names a person gives only that person's words (their direct quotes, then fragments quoted
 * inside reporters' sentences; none if they have none: never someone else's words); any other query gives the
 * quotes and fragments whose words match best, exact phrase first.
 */
export function quote(view: CorpusView, indexes: Indexes, query: string | { speaker?: string; text?: string }): QuoteAnswer {
  const { speaker, text } = typeof query === "string" ? { speaker: undefined, text: query } : query;
  const asOf = view.asOf;
  if (speaker?.trim()) {
    const match = matchPersonByName(view, indexes, speaker);
    if (!match) return { quotes: [], speaker: null, asOf };
    const name = match.person.name;
    if (!text?.trim()) return { quotes: quotesBy(view, name, true).slice(0, MAX_QUOTES), speaker: name, asOf };
    // Ids of the quote index: the direct quotes, then the fragments.
    const { quotes, fragments } = view.kb;
    const theirs = new Set([...placesOf(quotes, name), ...placesOf(fragments, name).map((i) => quotes.length + i)]);
    return { quotes: quotesMatching(view, indexes, text, theirs), speaker: name, asOf };
  }
  if (!text?.trim()) return { quotes: [], speaker: null, asOf };
  // A bare query that is a person's name means "what did they say".
  // One fuzzy word is too weak to read as a name ("Linux" is one letter from "Linus"); two words are not.
  const named = matchPersonByName(view, indexes, text);
  if (named && (named.score >= 1 || (named.score >= 0.7 && tokenize(text).length >= 2))) {
    return { quotes: quotesBy(view, named.person.name, true).slice(0, MAX_QUOTES), speaker: named.person.name, asOf };
  }
  return { quotes: quotesMatching(view, indexes, text), speaker: null, asOf };
}

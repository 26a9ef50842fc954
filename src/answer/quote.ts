import type { KbQuote } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { searchWithFloor } from "./search-index.ts";
import { tokenize } from "./text.ts";
import type { Quote, QuoteAnswer } from "./types.ts";
import { matchPersonByName } from "./who.ts";

const MAX_QUOTES = 25;

export function toQuote(view: CorpusView, q: KbQuote): Quote {
  return { text: q.text, speaker: q.speaker, source: view.source(q.article), context: view.sentence(q) };
}

/** Every quote of one speaker, in corpus order. */
export function quotesBy(view: CorpusView, name: string): Quote[] {
  return view.kb.quotes.filter((q) => q.speaker === name).map((q) => toQuote(view, q));
}

/** True when the quote's words contain the query's words in the same order (punctuation and case ignored). */
function containsPhrase(quoteText: string, phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  return ` ${tokenize(quoteText).join(" ")} `.includes(` ${phrase.join(" ")} `);
}

/** Quotes whose words match `text`: an exact phrase first, then by relevance. */
function quotesMatching(view: CorpusView, indexes: Indexes, text: string, among?: Set<number>): Quote[] {
  const phrase = tokenize(text);
  const filter = among ? (r: { id: unknown }) => among.has(r.id as number) : undefined;
  const hits = searchWithFloor(indexes.quotes, text, { minCoverage: 0.6, weight: indexes.quoteWeight, ...(filter && { filter }) });
  const ranked = hits
    .map((h) => {
      const q = view.kb.quotes[h.id as number] as KbQuote;
      return { q, score: h.score + (containsPhrase(q.text, phrase) ? 1e6 : 0) };
    })
    .sort((a, b) => b.score - a.score);
  return ranked.slice(0, MAX_QUOTES).map(({ q }) => toQuote(view, q));
}

/**
 * /quote: a query that names a person gives only that person's direct quotes (none if they have none: never
 * someone else's words); any other query gives the quotes whose words match best, exact phrase first.
 */
export function quote(view: CorpusView, indexes: Indexes, query: string | { speaker?: string; text?: string }): QuoteAnswer {
  const { speaker, text } = typeof query === "string" ? { speaker: undefined, text: query } : query;
  const asOf = view.asOf;
  if (speaker?.trim()) {
    const match = matchPersonByName(view, indexes, speaker);
    if (!match) return { quotes: [], speaker: null, asOf };
    const name = match.person.name;
    if (!text?.trim()) return { quotes: quotesBy(view, name).slice(0, MAX_QUOTES), speaker: name, asOf };
    const theirs = new Set(view.kb.quotes.flatMap((q, i) => (q.speaker === name ? [i] : [])));
    return { quotes: quotesMatching(view, indexes, text, theirs), speaker: name, asOf };
  }
  if (!text?.trim()) return { quotes: [], speaker: null, asOf };
  // A bare query that is a person's name means "what did they say".
  // One fuzzy word is too weak to read as a name ("Linux" is one letter from "Linus"); two words are not.
  const named = matchPersonByName(view, indexes, text);
  if (named && (named.score >= 1 || (named.score >= 0.7 && tokenize(text).length >= 2))) {
    return { quotes: quotesBy(view, named.person.name).slice(0, MAX_QUOTES), speaker: named.person.name, asOf };
  }
  return { quotes: quotesMatching(view, indexes, text), speaker: null, asOf };
}

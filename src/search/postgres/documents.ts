// What one article adds to the PostgreSQL search tables: the index terms of each sentence, event and quote (as the
// MiniSearch indexes of src/answer/indexDocuments.ts make them, so both engines find the same documents), what it adds to
// each term's counts (as their term counters count), and to the field lengths BM25 averages. Written with the
// article, and worked out again from its stored rows to take it out (the same function both ways).
import { eventDocument } from "../../answer/indexDocuments.ts";
import { indexTerm, indexTokenize, tokenize } from "../../answer/text.ts";
import type { Sentence } from "../../extract/sentences.ts";
import type { KbEvent, KbQuote } from "../../kb/types.ts";

/** Counts an article adds: documents and summed field lengths per index (distinct tokens, as MiniSearch counts). */
export interface ArticleStats {
  sentences: number;
  sentenceLength: number;
  events: number;
  eventText: number;
  eventContext: number;
  /** Quotes and fragments: one index. */
  quotes: number;
  quoteLength: number;
}

/**
 * Per term: sentences holding it, its occurrences in events (sentence and context), quotes holding it (as `tokenize`
 * splits them: the quote weights), then the documents holding it in each field of the events and quotes indexes
 * (BM25's document frequencies there: quotes as their index splits them, events' sentence and context apart).
 */
export type TermCounts = Map<string, Counts>;
export type Counts = [sentences: number, events: number, quotes: number, quoteDocs: number, eventTextDocs: number, eventContextDocs: number];
/** kb_term's columns, in the order of Counts. */
export const COUNT_COLUMNS = ["sentences", "events", "quotes", "quote_docs", "event_text_docs", "event_context_docs"] as const;

export interface ArticleSearchRows {
  sentenceTerms: string[][];
  eventTerms: string[][];
  quoteTerms: string[][];
  stats: ArticleStats;
  counts: TermCounts;
}

// PostgreSQL refuses lexemes over 2 KB: a longer "word" (a run of letters with no space) is left out of the search
// tables, and out of their counts, rather than refusing the article.
export const MAX_TERM_LENGTH = 500;

/** The rows' search data for an article's sentences, events and quotes (direct quotes, then fragments). */
export function searchRows(sentences: readonly Sentence[], events: readonly Pick<KbEvent, "sentence">[], quotes: readonly Pick<KbQuote, "text">[]): ArticleSearchRows {
  const counts: TermCounts = new Map();
  const add = (term: string, at: 0 | 1 | 2 | 3 | 4 | 5): void => {
    if (term.length > MAX_TERM_LENGTH) return;
    let c = counts.get(term);
    if (!c) counts.set(term, (c = [0, 0, 0, 0, 0, 0]));
    c[at]++;
  };
  const stats: ArticleStats = { sentences: sentences.length, sentenceLength: 0, events: events.length, eventText: 0, eventContext: 0, quotes: quotes.length, quoteLength: 0 };
  const sentenceTerms = sentences.map((s) => {
    const terms = distinctTerms(s.text);
    stats.sentenceLength += terms.length;
    for (const t of terms) add(t, 0);
    return terms;
  });
  const eventTerms = events.map((e) => {
    const doc = eventDocument(0, { sentences }, e);
    stats.eventText += fieldLength(doc.text);
    stats.eventContext += fieldLength(doc.context);
    // The events index counts every occurrence of a term (its term counter sees each token it processes).
    for (const token of [...indexTokenize(doc.text), ...indexTokenize(doc.context)]) {
      const t = indexTerm(token);
      if (t !== null) add(t, 1);
    }
    for (const t of distinctTerms(doc.text)) add(t, 4);
    for (const t of distinctTerms(doc.context)) add(t, 5);
    return distinctTerms(`${doc.text} ${doc.context}`);
  });
  const quoteTerms = quotes.map((q) => {
    stats.quoteLength += fieldLength(q.text);
    // Quote weights count documents by `tokenize` (search-index.ts documentFrequencies); the index holds indexTokenize's.
    for (const t of new Set(tokenize(q.text).map(indexTerm))) if (t !== null) add(t, 2);
    const terms = distinctTerms(q.text);
    for (const t of terms) add(t, 3);
    return terms;
  });
  return { sentenceTerms, eventTerms, quoteTerms, stats, counts };
}

/** The distinct index terms of a text, as the indexes hold them. */
export function distinctTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const token of indexTokenize(text)) {
    const t = indexTerm(token);
    if (t !== null) terms.add(t);
  }
  return [...terms];
}

/** A field's length as MiniSearch records it: its distinct tokens, before stop words are dropped. */
function fieldLength(text: string): number {
  return new Set(indexTokenize(text)).size;
}

/** A tsvector literal holding exactly these lexemes (no parsing, no stemming: they are index terms already). */
export function tsvectorOf(terms: readonly string[]): string {
  return terms.filter((t) => t.length <= MAX_TERM_LENGTH).map(lexeme).join(" ");
}

/** A tsquery literal matching a document holding any of these terms. */
export function anyOf(terms: readonly string[]): string {
  return terms.map(lexeme).join(" | ");
}

function lexeme(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

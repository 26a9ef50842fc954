import type { ArticlePeople, ArticleText, ExtractedFragment, ExtractedQuote } from "../types.ts";
import { findBlockQuotes } from "./blockQuotes.ts";
import { toCandidates, type Candidate } from "./candidate.ts";
import { findQuotedSpans } from "./marks.ts";
import { indexPeople } from "./mentions.ts";
import { keepFragment, keepQuote } from "./refiners.ts";
import { assignSpeakers } from "./speakers.ts";

/**
 * Finds direct quotes and their speakers. A small pipeline in the style of chrono-node: find quoted spans, read
 * the attribution clause around each, resolve speakers in text order, then let refiners drop
 * what is not reported speech (scare quotes, titles, unattributed fragments).
 */
export function extractQuotes(article: ArticleText, people: ArticlePeople): ExtractedQuote[] {
  return extractQuoted(article, people).quotes;
}

/** The direct quotes, and the quoted fragments of the reporter's own sentences, each with its speaker. */
export function extractQuoted(article: ArticleText, people: ArticlePeople): { quotes: ExtractedQuote[]; fragments: ExtractedFragment[] } {
  const quotes: ExtractedQuote[] = [];
  const fragments: ExtractedFragment[] = [];
  for (const c of quoteCandidates(article, people)) {
    const out = { text: c.text, start: c.start, end: c.end, speaker: c.speaker, sentence: c.sentence };
    if (keepQuote(c)) quotes.push(out);
    else if (keepFragment(c)) fragments.push(out);
  }
  return { quotes, fragments };
}

/** Every candidate with its attribution and speaker, before the refiners: for tests and error analysis. */
export function quoteCandidates(article: ArticleText, people: ArticlePeople): Candidate[] {
  const blocks = findBlockQuotes(article);
  // Marks inside a block quote are the speaker's own scare quotes, not separate quotes.
  const spans = findQuotedSpans(article.text, article.paragraphs).filter((s) => !blocks.some((b) => s.start >= b.start && s.end <= b.end));
  const candidates = [...toCandidates(article, spans), ...blocks].sort((a, b) => a.start - b.start);
  // Most articles quote no one; the people index is the costly part, so only build it when needed.
  if (candidates.length) assignSpeakers(article, candidates, indexPeople(article, people));
  return candidates;
}

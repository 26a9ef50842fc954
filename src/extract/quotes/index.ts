import type { ArticlePeople, ArticleText, ExtractedQuote } from "../types.ts";
import { findBlockQuotes } from "./blockQuotes.ts";
import { toCandidates, type Candidate } from "./candidate.ts";
import { findQuotedSpans } from "./marks.ts";
import { indexPeople } from "./mentions.ts";
import { keepQuote } from "./refiners.ts";
import { assignSpeakers } from "./speakers.ts";
import { mergeSplitQuotes } from "./splitQuotes.ts";

/**
 * Finds direct quotes and their speakers. A small pipeline in the style of chrono-node: find quoted spans, read
 * the attribution clause around each, join split quotes, resolve speakers in text order, then let refiners drop
 * what is not reported speech (scare quotes, titles, unattributed fragments).
 */
export function extractQuotes(article: ArticleText, people: ArticlePeople): ExtractedQuote[] {
  return quoteCandidates(article, people)
    .filter((c) => keepQuote(c))
    .map((c) => ({ text: c.text, start: c.start, end: c.end, speaker: c.speaker, sentence: c.sentence }));
}

/** Every candidate with its attribution and speaker, before the refiners: for tests and error analysis. */
export function quoteCandidates(article: ArticleText, people: ArticlePeople): Candidate[] {
  const blocks = findBlockQuotes(article);
  // Marks inside a block quote are the speaker's own scare quotes, not separate quotes.
  const spans = findQuotedSpans(article.text, article.paragraphs).filter((s) => !blocks.some((b) => s.start >= b.start && s.end <= b.end));
  const candidates = [...mergeSplitQuotes(article.text, toCandidates(article, spans)), ...blocks].sort((a, b) => a.start - b.start);
  // Most articles quote no one; the people index is the costly part, so only build it when needed.
  if (candidates.length) assignSpeakers(article, candidates, indexPeople(article, people));
  return candidates;
}

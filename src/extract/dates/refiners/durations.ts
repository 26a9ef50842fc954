/**
 * Drops spans of time that read like dates: "the last year" and "the past month" (the twelve months up to now, not
 * the previous calendar year), and "over the next year", "for the following month". TimeML calls them DURATION,
 * and a /when answer cannot place them on a calendar.
 */
import type { Candidate } from "../types.ts";

const SPAN_WORDS = /^(?:last|next|past|coming)\s+(?:year|month|week)s?\b/i;
const SPAN_PREPOSITION = /\b(?:over|for|within|throughout)\s+(?:the\s+)?$/i;

export function dropDurations(text: string, cands: Candidate[]): Candidate[] {
  return cands.filter((c) => {
    const expr = text.slice(c.start, c.end);
    const before = text.slice(Math.max(0, c.start - 30), c.start);
    if (SPAN_WORDS.test(expr) && /\bthe\s+$/i.test(before)) return false;
    if (/^(?:the\s+)?(?:next|following|coming|past)\s+(?:year|month|week|day)\b/i.test(expr) && SPAN_PREPOSITION.test(before)) return false;
    return true;
  });
}

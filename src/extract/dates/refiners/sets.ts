/**
 * Drops recurring times, which TimeML calls SET and the scorer counts as false alarms: "every Monday",
 * "each year", "every summer". They say how often, not when.
 */
import type { Candidate } from "../types.ts";

const RECURRING_BEFORE = /\b(?:every|each|per|once\s+a|twice\s+a)\s+(?:other\s+)?$/i;

export function dropSets(text: string, cands: Candidate[]): Candidate[] {
  return cands.filter((c) => !RECURRING_BEFORE.test(text.slice(Math.max(0, c.start - 20), c.start)));
}

/**
 * A rough tense for the words around a date expression. It only has to tell "Friday" (last Friday, in a report) from
 * "Friday" (next Friday, in an announcement), so it looks for future markers near the expression and defaults to the
 * past, which is what news mostly reports.
 */
import type { Tense } from "./types.ts";

const FUTURE =
  /\b(?:will|won't|wo n't|shall|'ll|going to|plans? to|planning to|planned|schedul(?:ed|es?)|expects? to|expected to|is (?:set )?to|are (?:set )?to|due to|to be held|upcoming|would|until|by)\b/i;
const PAST = /\b(?:was|were|had|did|said|says|\w{3,}ed|ago|earlier|last)\b/i;

/** How many characters either side of the expression decide its tense: about the clause it sits in. */
const WINDOW = 80;

export function tenseAround(sentence: string, start: number, end: number): "past" | "present" | "future" {
  const before = sentence.slice(Math.max(0, start - WINDOW), start);
  const after = sentence.slice(end, end + WINDOW);
  const near = `${before} ${after}`;
  if (FUTURE.test(near)) return "future";
  if (PAST.test(near)) return "past";
  return "present";
}

export type { Tense };

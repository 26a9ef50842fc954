/**
 * A rough tense for the words around a date expression. It only has to tell "Friday" (last Friday, in a report) from
 * "Friday" (next Friday, in an announcement). The tense marker nearest to the expression wins, so a report of a
 * plan ("said Friday it will ...") follows the verb next to the date; with no marker, news defaults to the past.
 */
import type { Tense } from "./types.ts";

const FUTURE =
  /\b(?:will|won't|wo n't|shall|'ll|going to|plan(?:s|ned|ning)?|schedul(?:ed|es?)|expects? to|expected to|(?:is|are|was|were) (?:set |due )?to|to be held|upcoming|next|until|till)\b/gi;
// For a month or a day named without a year, planning and deadline words also point ahead: "by February",
// "would be paid in January", "effective June 1". For a weekday they mislead ("had filed reports by Wednesday"), and a
// weekday's error costs a week where a month's costs a year, so only months use them.
const FUTURE_WIDE = new RegExp(FUTURE.source.replace("|until|till)", "|until|till|would|could|by|through|effective|to be)"), "gi");
// "-ed" past forms, but not the verbs that merely end in "eed" ("succeed", "proceed", "need").
const PAST = /\b(?:was|were|had|did|said|says|(?!(?:succ|proc|exc|n|ind|sp|f|s|h)eed\b)\w{3,}ed|ago|earlier|last)\b/gi;
const PRESENT = /\b(?:is|are|am|has|have|does|do)\b/gi;

/** How many characters either side of the expression can decide its tense: about the clause it sits in. */
const WINDOW = 40;
/** Extra distance for markers after the expression: the verb that governs a date usually comes before it. */
const AFTER_PENALTY = 8;

export function tenseAround(sentence: string, start: number, end: number, wide = false): Tense {
  const before = sentence.slice(Math.max(0, start - WINDOW), start);
  const after = sentence.slice(end, end + WINDOW);
  let best: Tense = "past";
  let bestDistance = Infinity;
  const consider = (re: RegExp, tense: Tense, weight: number) => {
    for (const m of before.matchAll(re)) {
      const d = (before.length - (m.index + m[0].length)) * weight;
      if (d < bestDistance) [best, bestDistance] = [tense, d];
    }
    for (const m of after.matchAll(re)) {
      const d = (m.index + AFTER_PENALTY) * weight;
      if (d < bestDistance) [best, bestDistance] = [tense, d];
    }
  };
  consider(wide ? FUTURE_WIDE : FUTURE, "future", 1);
  consider(PAST, "past", 1);
  // Present-tense auxiliaries are weak evidence: "is expected to", "has said" carry the real tense further on.
  consider(PRESENT, "present", 2);
  return best;
}

export type { Tense };

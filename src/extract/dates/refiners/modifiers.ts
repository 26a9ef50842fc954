/**
 * Widens an expression over the modifiers in front of it that TimeML keeps inside the TIMEX3: "early 2021",
 * "late November", "mid-2019", "the end of 1990", "the beginning of October", "earlier this year", "later that
 * year". A part of a period keeps the period's value at the period's precision, so only the extent changes.
 */
import { relativeDays } from "../parsers/relativeDays.ts";
import { weekdays } from "../parsers/weekdays.ts";
import type { Candidate } from "../types.ts";

const MODIFIER =
  /(?:\b(?:[Tt]he\s+)?(?:[Vv]ery\s+)?(?:[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)(?:\s+in(?:\s+the)?)?\s+|\b[Mm]id-|\b(?:[Tt]he\s+)?(?:[Vv]ery\s+)?(?:beginning|start|end|middle|turn|first\s+half|second\s+half|first\s+part|latter\s+part|early\s+part)\s+of\s+(?:the\s+)?)$/;

export function extendModifiers(text: string, cands: Candidate[]): Candidate[] {
  return cands.map((c) => {
    // "Earlier Friday", "late yesterday": TimeML mostly leaves the day alone, and the same day would be counted twice.
    if (c.parser === weekdays || c.parser === relativeDays) return c;
    const before = text.slice(Math.max(0, c.start - 40), c.start);
    const m = MODIFIER.exec(before);
    if (!m) return c;
    return { ...c, start: c.start - m[0].length };
  });
}

/**
 * Expressions that point back into the narrative: "that year", "the same year", "the following year",
 * "the previous month", "the next day", "the next morning", "that night". They resolve against the last explicitly dated expression or named day
 * ("By early 2021 ... that year" is 2021), falling back to the publication date when the text has none yet.
 * "Three days later" and "two months after" are left out: TimeML reads them as durations, and the scorer with it.
 */
import { addDays, addMonths } from "../calendar.ts";
import type { Candidate, DateParser, ResolveContext, SentenceView } from "../types.ts";
import { scan } from "./scan.ts";

const RE = new RegExp(
  `\\b(that|the\\s+same|the\\s+following|the\\s+next|the\\s+previous|the\\s+prior|the\\s+preceding)\\s+(year|month|day|morning|afternoon|evening|night)\\b`,
  "gi",
);
// A part of a day is in that day: "the next morning" is the day after, "that night" the same day.
const PART_OF_DAY = /^(?:morning|afternoon|evening|night)$/;

export const anaphora: DateParser = {
  name: "anaphora",
  gate: /\b(?:year|month|day|morning|afternoon|evening|night)\b/i,
  parse,
  // The narrative stays where they put it: "the next day ... the following day" walks on from there.
  movesNarrative: true,
};

function parse(s: SentenceView): Candidate[] {
  return scan(anaphora, RE, s, (m) => {
    const [, det = "", unitText = ""] = m;
    const unit = PART_OF_DAY.test(unitText.toLowerCase()) ? "day" : unitText.toLowerCase();
    const d = det.toLowerCase().replace(/\s+/g, " ");
    const n = d === "that" || d === "the same" ? 0 : d === "the following" || d === "the next" ? 1 : -1;
    return { resolve: (ctx) => shift(ctx, unit, n) };
  });
}

function shift(ctx: ResolveContext, unit: string, n: number) {
  const base = ctx.narrative ?? ctx.anchor.value;
  if (unit === "year") return { year: base.year + n };
  if (unit === "month") {
    if (base.month === undefined) return { year: base.year };
    return addMonths(base.year, base.month, n);
  }
  if (base.month === undefined || base.day === undefined) return base.month === undefined ? { year: base.year } : { year: base.year, month: base.month };
  return addDays({ year: base.year, month: base.month, day: base.day }, n);
}

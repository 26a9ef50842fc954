/**
 * "the day before Tuesday's hearing", "the day after the May 3 vote": a day counted from a dated day. TimeML keeps the
 * count inside the TIMEX3, and the value is the day before or after; a date coarser than a day stays as it is (the
 * day before "March" is not known).
 */
import { addDays } from "../calendar.ts";
import type { Candidate } from "../types.ts";

const COUNTED = /\b(?:(?:[Tt]he|[Aa]|[Oo]ne)\s+)?day\s+(before|after)\s+(?:the\s+)?$/;

export function dayBeforeAfter(text: string, cands: Candidate[]): Candidate[] {
  return cands.map((c) => {
    const m = COUNTED.exec(text.slice(Math.max(0, c.start - 24), c.start));
    if (!m) return c;
    const shift = m[1] === "before" ? -1 : 1;
    return {
      ...c,
      start: c.start - m[0].length,
      resolve: (ctx) => {
        const v = c.resolve(ctx);
        return v?.month !== undefined && v.day !== undefined ? addDays({ year: v.year, month: v.month, day: v.day }, shift) : v;
      },
    };
  });
}

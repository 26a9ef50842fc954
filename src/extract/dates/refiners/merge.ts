/**
 * Joins neighbouring expressions that are one date: "Friday, Oct. 23" (weekday + day date, the date decides),
 * "January nineteen ninety-seven" and "March, 1998" (month + year the month parser did not take).
 */
import { chronoDates } from "../parsers/chronoDates.ts";
import { holidays } from "../parsers/holidays.ts";
import { months } from "../parsers/months.ts";
import { spelledYears } from "../parsers/spelledYears.ts";
import { weekdays } from "../parsers/weekdays.ts";
import { years } from "../parsers/years.ts";
import type { Candidate, DateParser } from "../types.ts";

const DAY_DATES = new Set<DateParser>([chronoDates, holidays]);
const YEARS = new Set<DateParser>([years, spelledYears]);

export function mergeAdjacent(text: string, cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => a.start - b.start);
  const out: Candidate[] = [];
  for (const c of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.end <= c.start) {
      const gap = text.slice(prev.end, c.start);
      if (prev.parser === weekdays && DAY_DATES.has(c.parser) && /^,?\s+$/.test(gap)) {
        out[out.length - 1] = { ...c, start: prev.start };
        continue;
      }
      if (prev.parser === months && !prev.explicit && YEARS.has(c.parser) && /^,?\s+(?:of\s+)?$/.test(gap)) {
        const month = prev;
        const year = c;
        out[out.length - 1] = {
          ...year,
          start: month.start,
          parser: months,
          resolve: (ctx) => {
            const m = month.resolve(ctx);
            const y = year.resolve(ctx);
            return m && y ? { year: y.year, month: m.month } : y;
          },
        };
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

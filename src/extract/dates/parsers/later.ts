/**
 * A span after the narrative's date: "one year later", "two days later", "a month afterwards". After a dated
 * sentence ("The firm was founded in 2010. One year later it went public"), they date what follows; with no date
 * before them they only measure time, and are left out. TimeML calls them durations; a /when answer needs the date.
 */
import { addDays, addMonths, daysInMonth } from "../calendar.ts";
import type { Candidate, DateParser, ResolveContext, SentenceView } from "../types.ts";
import { NUMBER, numberValue } from "../vocab.ts";
import { scan } from "./scan.ts";

const RE = new RegExp(`\\b(${NUMBER})\\s+(year|month|week|day)s?\\s+(?:later|afterwards?)\\b`, "gi");

export const later: DateParser = {
  name: "later",
  gate: /\b(?:later|afterwards?)\b/i,
  parse,
  // The narrative moves on to the date it names: "One year later ... that autumn".
  movesNarrative: true,
};

function parse(s: SentenceView): Candidate[] {
  return scan(later, RE, s, (m) => {
    const n = numberValue(m[1] ?? "");
    const unit = (m[2] ?? "").toLowerCase();
    if (n === null) return null;
    return { resolve: (ctx) => after(ctx, unit, n) };
  });
}

function after(ctx: ResolveContext, unit: string, n: number) {
  const base = ctx.narrative;
  if (!base) return null;
  // A year on keeps the narrative's precision (29 February a year on is the 28th).
  if (unit === "year") return { ...base, year: base.year + n, ...(base.day !== undefined && base.month !== undefined && { day: Math.min(base.day, daysInMonth(base.year + n, base.month)) }) };
  if (base.month === undefined) return { year: base.year };
  if (unit === "month") return addMonths(base.year, base.month, n);
  if (base.day === undefined) return { year: base.year, month: base.month };
  return addDays({ year: base.year, month: base.month, day: base.day }, unit === "week" ? 7 * n : n);
}

/**
 * Periods relative to the publication date: "this year", "last month", "next week", "a year ago", "two months ago",
 * "year-earlier". Each resolves at the precision of its unit, and never finer than the publication date itself is
 * known. The days ("today", "yesterday") are relativeDays'.
 */
import { addDays, weekday } from "../calendar.ts";
import { relativeDay, relativeMonth, relativeYear } from "../resolve.ts";
import type { Candidate, DateParser, ResolveContext, SentenceView } from "../types.ts";
import { NUMBER, numberValue } from "../vocab.ts";
import { scan, type Resolver, textBefore } from "./scan.ts";

const UNIT_REL = /\b(?:this|last|next|the\s+current|this\s+past|the\s+coming)\s+(year|month|week(?:end)?)\b/gi;
const AGO = new RegExp(
  `\\b(?:(?:almost|nearly|about|some|roughly|more\\s+than|less\\s+than|over|just|only)\\s+)?(${NUMBER})\\s+(?:or\\s+so\\s+)?(year|month|week|day|decade)s?\\s+(?:or\\s+so\\s+)?ago\\b`,
  "gi",
);
// Attributive "year-earlier"/"year-ago" ("year-earlier profit") and "a year earlier": the comparison period of an
// earnings report, one year before the one the article is about. The gold, and earnings news, count it back from
// the publication date, not from the last year the text named (often a distant comparison year).
const YEAR_BEFORE = /\b(?:(?:a|one)\s+year\s+(?:earlier|before)|year-(?:earlier|ago))\b/gi;

export const relative: DateParser = { name: "relative", gate: /year|month|week|ago/i, parse };

function parse(s: SentenceView): Candidate[] {
  return [
    ...scan(relative, UNIT_REL, s, (m) => {
      // "ABC's This Week", "Next Year in Jerusalem": title case inside a sentence is a title.
      if (/^\p{Lu}\S*\s+\p{Lu}/u.test(m[0]) && /\S/.test(textBefore(s, m.index).replace(/["'“‘(]+$/, ""))) return null;
      const words = m[0].toLowerCase();
      const unit = (m[1] ?? "").toLowerCase();
      const n = /^last|past/.test(words) ? -1 : /^next|coming/.test(words) ? 1 : 0;
      return { resolve: unitResolver(unit, n) };
    }),
    ...scan(relative, AGO, s, (m) => {
      const n = numberValue(m[1] ?? "");
      const unit = (m[2] ?? "").toLowerCase();
      if (n === null) return null;
      // "about two weeks ago", "a week or so ago": only the month is sure.
      const hedged = /\bor\s+so\b/i.test(m[0]) || /^(?:almost|nearly|about|some|roughly|more|less|over|just|only)\b/i.test(m[0]);
      return { resolve: agoResolver(unit, n, hedged) };
    }),
    ...scan(relative, YEAR_BEFORE, s, () => ({
      resolve: (ctx) => ({ year: ctx.anchor.day.year - 1 }),
    })),
  ];
}

function unitResolver(unit: string, n: number): Resolver {
  if (unit === "year") return (ctx) => relativeYear(ctx, n);
  if (unit === "month") return (ctx) => relativeMonth(ctx, n);
  // A week has no calendar value of its own; its Monday's month is the finest honest precision.
  return (ctx) => weekMonth(ctx, n);
}

function weekMonth(ctx: ResolveContext, n: number): ReturnType<Resolver> {
  const { anchor } = ctx;
  if (anchor.precision !== "day") return anchor.value;
  const monday = addDays(anchor.day, -((weekday(anchor.day) + 6) % 7) + 7 * n);
  return { year: monday.year, month: monday.month };
}

function agoResolver(unit: string, n: number, hedged: boolean): Resolver {
  return (ctx) => {
    const { anchor } = ctx;
    if (unit === "year") return relativeYear(ctx, -n);
    if (unit === "decade") return relativeYear(ctx, -10 * n);
    if (unit === "month") return relativeMonth(ctx, -n);
    if (anchor.precision !== "day") return anchor.value;
    if (unit === "week") {
      // "two weeks ago" is that day two weeks back, as "three days ago" is; hedged, its month.
      const d = addDays(anchor.day, -7 * n);
      return hedged ? { year: d.year, month: d.month } : d;
    }
    return relativeDay(ctx, -n);
  };
}



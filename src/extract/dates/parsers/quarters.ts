/**
 * Quarters and halves of a year, common in business news: "the third quarter", "third-quarter profit",
 * "the fourth quarter of 1989", "the year-ago quarter", "the first half", "Q3 2024". A calendar date cannot say "Q3", so they
 * resolve to their year, the finest precision that is still true. Fiscal quarters are reported as the calendar year
 * they are named for.
 */
import type { Candidate, DateParser, ResolveContext, SentenceView } from "../types.ts";
import { YEAR } from "../vocab.ts";
import { scan } from "./scan.ts";

const ORD = "(first|second|third|fourth|1st|2nd|3rd|4th)";
const RE = new RegExp(
  `\\b(?:(?:the|this\\s+year['’]s|last\\s+year['’]s)\\s+)?(?:(?:fiscal|calendar)\\s+)?(?:` +
    `${ORD}(?:\\s+fiscal)?(?:\\s+|-)(quarter|half)(?:\\s+of\\s+(?:fiscal\\s+)?(${YEAR}))?` +
    `|(this|that|latest|last|previous|current|same|comparable|year-earlier|year-ago|prior-year|year-before|past|recent|most\\s+recent|corresponding|(?:comparable\\s+)?year-(?:earlier|ago))\\s+(quarter|half|period|fiscal\\s+year)(?:\\s+(?:of|in)\\s+(?:fiscal\\s+)?(${YEAR})|\\s+(last|this|next)\\s+year)?` +
    `)(?![\\w-])`,
  "gi",
);

// "that period", "the same period" (no quarter, half or fiscal year named) are more often any stretch of time ("during
// that period") than a reporting period, which a sentence with no number and no other time word rarely means. This is
// the list every sentence had to match before any parser ran, kept for this one phrase: without it, 23 more are found
// in 19,165 BBC and Reuters articles ("during that period", "that period of his life"), each dated to the publication
// year whatever period it points back to.
const TIME_CLUE =
  /\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|\b(?:Thanksgiving|Christmas|New Year|Election Day|Independence Day|Memorial Day|Labou?r Day|Halloween|Valentine|nineteen|eighteen|thousand|weekend|today|tonight|yesterday|tomorrow|day|year|month|week|quarter|half|spring|summer|autumn|fall|winter|ago)/i;

// "the quarter"/"the half" alone: only in a sentence that talks about results, where it is the reporting period.
const BARE = /\bthe\s+(quarter|period)\b(?![\w-])/gi;
const RESULTS = /\b(?:profit|earnings|loss|revenue|sales|net|income|results|quarter)\b/i;

// Analysts' shorthand, common in tech and business news: "Q3 2024", "Q4", "2024 Q1", "H1 2025", "Q2 FY2024".
const SHORTHAND = new RegExp(
  `\\b(?:(?:Q[1-4]|H[12])(?:\\s+|-)(?:FY\\s?)?(${YEAR})|Q[1-4]|(${YEAR})[\\s-]?(?:Q[1-4]|H[12]))\\b`,
  "g",
);

export const quarters: DateParser = {
  name: "quarters",
  gate: /quarter|half|period|fiscal year|\b(?:Q[1-4]|H[12])\b|\dQ[1-4]|\dH[12]/i,
  parse,
};

function parse(s: SentenceView): Candidate[] {
  const out = scan(quarters, RE, s, (m) => {
    const [whole, , , ordYear, , unit, relYear, yearRel] = m;
    if (unit?.toLowerCase() === "period" && !TIME_CLUE.test(s.text)) return null;
    const yearText = ordYear ?? relYear;
    if (yearText) {
      const year = Number(yearText);
      return { explicit: true, resolve: () => ({ year }) };
    }
    const w = whole.toLowerCase();
    const back =
      /last\s+year['’]s|year-earlier|year-ago|prior-year|year-before/.test(w) || yearRel?.toLowerCase() === "last"
        ? 1
        : yearRel?.toLowerCase() === "next"
          ? -1
          : 0;
    return { resolve: (ctx: ResolveContext) => ({ year: (ctx.anchor.day.year) - back }) };
  });
  out.push(
    ...scan(quarters, SHORTHAND, s, (m) => {
      const yearText = m[1] ?? m[2];
      if (yearText) {
        const year = Number(yearText);
        return { explicit: true, resolve: () => ({ year }) };
      }
      return { resolve: (ctx) => ({ year: ctx.anchor.day.year }) };
    }),
  );
  if (RESULTS.test(s.text)) {
    out.push(
      ...scan(quarters, BARE, s, (m) => {
        if (/period/i.test(m[1] ?? "") && !/\bquarter\b/i.test(s.text)) return null;
        return { resolve: (ctx) => ({ year: ctx.anchor.day.year }) };
      }),
    );
  }
  return out;
}

/**
 * Quarters and halves of a year, common in business news: "the third quarter", "third-quarter profit",
 * "the fourth quarter of 1989", "the year-ago quarter", "the first half", "Q3 2024". A calendar date cannot say "Q3", so they
 * resolve to their year, the finest precision that is still true. Fiscal quarters are reported as the calendar year
 * they are named for.
 */
import type { Candidate, ResolveContext, SentenceView } from "../types.ts";
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

// "the quarter"/"the half" alone: only in a sentence that talks about results, where it is the reporting period.
const BARE = /\bthe\s+(quarter|period)\b(?![\w-])/gi;
const RESULTS = /\b(?:profit|earnings|loss|revenue|sales|net|income|results|quarter)\b/i;

// Analysts' shorthand, common in tech and business news: "Q3 2024", "Q4", "2024 Q1", "H1 2025", "Q2 FY2024".
const SHORTHAND = new RegExp(
  `\\b(?:(?:Q[1-4]|H[12])(?:\\s+|-)(?:FY\\s?)?(${YEAR})|Q[1-4]|(${YEAR})[\\s-]?(?:Q[1-4]|H[12]))\\b`,
  "g",
);

/** Cheap test run first: most sentences hold none of these words, and the full patterns are slower. */
const GATE = /quarter|half|period|fiscal year|\b(?:Q[1-4]|H[12])\b|\dQ[1-4]|\dH[12]/i;

export function quarters(s: SentenceView): Candidate[] {
  if (!GATE.test(s.text)) return [];
  const out = scan("quarters", RE, s, (m) => {
    const [whole, , , ordYear, , , relYear, yearRel] = m;
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
    ...scan("quarters", SHORTHAND, s, (m) => {
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
      ...scan("quarters", BARE, s, (m) => {
        if (/period/i.test(m[1] ?? "") && !/\bquarter\b/i.test(s.text)) return null;
        return { resolve: (ctx) => ({ year: ctx.anchor.day.year }) };
      }),
    );
  }
  return out;
}

/**
 * Named periods relative to the publication date that are not "this/last/next <unit>": "the weekend",
 * "year-end", "the end of the year", "the fiscal year", "the full year", "the current fiscal year".
 * The weekend resolves to its month, the year's periods to the year.
 */
import { addDays, weekday } from "../calendar.ts";
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { scan } from "./scan.ts";

const WEEKEND = /\b(?:the|over\s+the|this\s+past)\s+weekend\b/gi;
const YEAR_PERIOD =
  /\b(?:(?:around\s+)?year[-\s]end|(?:the\s+)?year['’]s\s+end|the\s+(?:end|rest|remainder|balance)\s+of\s+the\s+year|(?:the|this)\s+(?:current\s+|full\s+|latest\s+)?fiscal\s+year|the\s+full\s+year|earlier\s+in\s+the\s+year|later\s+in\s+the\s+year)\b(?![-\w])/gi;

export const periods: DateParser = { name: "periods", gate: /weekend|year/i, parse };

function parse(s: SentenceView): Candidate[] {
  return [
    ...scan(periods, WEEKEND, s, (m) => ({
      lead: /^over\s+/i.test(m[0]) ? m[0].search(/the/i) : 0,
      resolve: (ctx) => {
        const { anchor } = ctx;
        if (anchor.precision !== "day") return anchor.value;
        // The weekend just past, or the one coming when the article is written late in the week.
        const wd = weekday(anchor.day);
        const saturday = addDays(anchor.day, wd === 6 ? 0 : wd === 0 ? -1 : ctx.tense === "future" ? 6 - wd : -(wd + 1));
        return { year: saturday.year, month: saturday.month };
      },
    })),
    ...scan(periods, YEAR_PERIOD, s, () => ({ resolve: (ctx) => ({ year: ctx.anchor.day.year }) })),
  ];
}

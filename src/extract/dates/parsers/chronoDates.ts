/**
 * Day dates written out: "Sept. 20, 2021", "March 12", "20 September 2021", "2021-09-20", "9/20/2021". chrono-node's
 * strict parsers read these formats well; only its choice of year for "March 12" is replaced, because it picks the
 * nearest one while news means the last one (or, in future tense, the next).
 */
import * as chrono from "chrono-node";
import { isValidDay } from "../calendar.ts";
import { yearForMonthDay } from "../resolve.ts";
import type { Candidate, DateParser, SentenceView } from "../types.ts";

// Only the parsers for written-out day dates; weekdays, times and "within 3 days" are this module's siblings' job.
const KEEP = new Set([
  "ENYearMonthDayParser",
  "ISOFormatParser",
  "SlashDateFormatParser",
  "ENMonthNameLittleEndianParser",
  "ENMonthNameMiddleEndianParser",
]);
const parser = chrono.en.strict.clone();
parser.parsers = parser.parsers.filter((p) => KEEP.has(p.constructor.name));

/** A month name must be capitalised: "may 5" is a verb and a number. */
const LOWER_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/;

export const chronoDates: DateParser = {
  name: "chronoDates",
  // chrono is slow next to a regex: it runs only where a month name meets a number, or on a numeric date.
  gate: /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[a-zA-Z]*\.?\s*\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}/,
  parse,
  movesNarrative: true,
  textStable: true,
};

function parse(s: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  // The reference date does not matter: a year chrono had to guess is re-resolved below.
  for (const r of parser.parse(s.text, new Date(Date.UTC(2000, 0, 1)))) {
    const c = r.start;
    if (!c.isCertain("month") || !c.isCertain("day")) continue;
    if (LOWER_MONTH.test(r.text)) continue;
    const month = c.get("month") as number;
    const day = c.get("day") as number;
    const year = c.isCertain("year") ? (c.get("year") as number) : null;
    if (year !== null && !isValidDay(year, month, day)) continue;
    // "1/4" and "3/8" are fractions far more often than dates.
    if (year === null && /^\d+[/-]\d+$/.test(r.text.trim())) continue;
    // chrono keeps a leading "on" ("on 30 September") and sometimes trailing punctuation; the date is without them.
    const lead = /^(?:on|On|ON)\s+/.exec(r.text)?.[0].length ?? 0;
    const text = r.text.replace(/[\s,.]+$/, (t) => (/^\.$/.test(t) && /[A-Za-z]\.$/.test(r.text) ? t : ""));
    out.push({
      start: s.offset + r.index + lead,
      end: s.offset + r.index + text.length,
      parser: chronoDates,
      explicit: year !== null,
      resolve: (ctx) => {
        const y = year ?? yearForMonthDay(ctx, month, day);
        // "Feb. 29" exists only in leap years; a day that does not exist is not a date.
        return isValidDay(y, month, day) ? { year: y, month, day } : null;
      },
    });
  }
  return out;
}

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

// A range whose end is a date of its own ("from Aug. 26 to Oct. 20") is two dates, as TimeML marks them; one whose
// end is a bare day ("24-26 June") stays one expression, dated by its start.
const RANGE_END = /(\s*(?:-|\u2013|\bto\b|\bthrough\b|\buntil\b|\btill\b)\s*)((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d.*)$/;
// "April 24 and 25": a second day of the same month, when nothing after the number makes it a count ("25 people").
const SECOND_DAY = /^(\s*(?:and|or|&)\s+)(\d{1,2})(?=\s*(?:[,;.)]|$))/;

type Part = { index: number; text: string; month: number; day: number; year: number | null };

function parse(s: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  // The reference date does not matter: a year chrono had to guess is re-resolved below.
  for (const r of parser.parse(s.text, new Date(Date.UTC(2000, 0, 1)))) {
    const c = r.start;
    if (!c.isCertain("month") || !c.isCertain("day")) continue;
    if (LOWER_MONTH.test(r.text)) continue;
    const month = c.get("month") as number;
    const year = c.isCertain("year") ? (c.get("year") as number) : null;
    const range = r.end?.isCertain("month") && r.end.isCertain("day") ? RANGE_END.exec(r.text) : null;
    const first = range ? r.text.slice(0, range.index) : r.text;
    const parts: Part[] = [{ index: r.index, text: first, month, day: c.get("day") as number, year }];
    if (range && r.end) {
      const endYear = r.end.isCertain("year") ? (r.end.get("year") as number) : null;
      const at = r.index + range.index + (range[1] as string).length;
      parts.push({ index: at, text: range[2] as string, month: r.end.get("month") as number, day: r.end.get("day") as number, year: endYear });
    }
    const tail = SECOND_DAY.exec(s.text.slice(r.index + r.text.replace(/[\s,.]+$/, "").length));
    if (!range && tail) {
      const at = r.index + r.text.replace(/[\s,.]+$/, "").length + (tail[1] as string).length;
      parts.push({ index: at, text: tail[2] as string, month, day: Number(tail[2]), year });
    }
    for (const part of parts) {
      const candidate = dayDate(s, part);
      if (candidate) out.push(candidate);
    }
  }
  return out;
}

function dayDate(s: SentenceView, { index, text: raw, month, day, year }: Part): Candidate | null {
  if (year !== null && !isValidDay(year, month, day)) return null;
  // "1/4" and "3/8" are fractions far more often than dates.
  if (year === null && /^\d+[/-]\d+$/.test(raw.trim())) return null;
  // chrono keeps a leading "on" ("on 30 September") and sometimes trailing punctuation; the date is without them.
  const lead = /^(?:on|On|ON)\s+/.exec(raw)?.[0].length ?? 0;
  const text = raw.replace(/[\s,.]+$/, (t) => (/^\.$/.test(t) && /[A-Za-z]\.$/.test(raw) ? t : ""));
  return {
    start: s.offset + index + lead,
    end: s.offset + index + text.length,
    parser: chronoDates,
    explicit: year !== null,
    resolve: (ctx) => {
      const y = year ?? yearForMonthDay(ctx, month, day);
      // "Feb. 29" exists only in leap years; a day that does not exist is not a date.
      return isValidDay(y, month, day) ? { year: y, month, day } : null;
    },
  };
}

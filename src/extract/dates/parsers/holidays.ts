/**
 * Named days: "Thanksgiving Day", "Christmas", "New Year's Day", "Election Day", "Independence Day". Their dates
 * follow a rule per holiday; the year follows the tense like any day named without one ("last Thanksgiving").
 */
import { addDays, weekday } from "../calendar.ts";
import { yearForMonthDay } from "../resolve.ts";
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { scan, textAfter, textBefore } from "./scan.ts";
import { YEAR } from "../vocab.ts";

/** The nth given weekday of a month (n = -1 for the last). */
function nthWeekday(year: number, month: number, wd: number, n: number): { month: number; day: number } {
  if (n < 0) {
    const last = { year, month: month + 1 > 12 ? 1 : month + 1, day: 1 };
    if (month === 12) last.year++;
    let d = addDays(last, -1);
    while (weekday(d) !== wd) d = addDays(d, -1);
    return d;
  }
  let d = { year, month, day: 1 };
  while (weekday(d) !== wd) d = addDays(d, 1);
  return addDays(d, 7 * (n - 1));
}

type Rule = (year: number) => { month: number; day: number };
const HOLIDAYS: [RegExp, Rule][] = [
  [/^thanksgiving/i, (y) => nthWeekday(y, 11, 4, 4)],
  [/^christmas\s+eve/i, () => ({ month: 12, day: 24 })],
  [/^christmas/i, () => ({ month: 12, day: 25 })],
  [/^new\s+year['’]?s\s+eve/i, () => ({ month: 12, day: 31 })],
  [/^new\s+year['’]?s/i, () => ({ month: 1, day: 1 })],
  [/^election\s+day/i, (y) => addDays({ year: y, ...nthWeekday(y, 11, 1, 1) }, 1)],
  [/^independence\s+day|^(?:the\s+)?fourth\s+of\s+july/i, () => ({ month: 7, day: 4 })],
  [/^memorial\s+day/i, (y) => nthWeekday(y, 5, 1, -1)],
  [/^labou?r\s+day/i, (y) => nthWeekday(y, 9, 1, 1)],
  [/^halloween/i, () => ({ month: 10, day: 31 })],
  [/^valentine['’]?s\s+day/i, () => ({ month: 2, day: 14 })],
];

const RE = new RegExp(
  String.raw`(?:\b([Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]?s(?:\s+(?:Eve|Day))|Election\s+Day|Independence\s+Day|Fourth\s+of\s+July|Memorial\s+Day|Labou?r\s+Day|Halloween|Valentine['’]?s\s+Day)\b(?:,?\s+(${YEAR})\b)?`,
  "g",
);

export const holidays: DateParser = {
  name: "holidays",
  gate: /Thanksgiving|Christmas|New Year|Election Day|Independence Day|Fourth of July|Memorial Day|Labou?r Day|Halloween|Valentine/,
  parse,
  // A named day, like a weekday, is what "the next day" counts from.
  movesNarrative: true,
  textStable: true,
};

function parse(s: SentenceView): Candidate[] {
  return scan(holidays, RE, s, (m) => {
    const name = m[0].replace(/^(?:last|next|this)\s+/i, "");
    const explicitYear = m[2] ? Number(m[2]) : null;
    // "Father Christmas" is a person.
    if (/\bFather\s+$/.test(textBefore(s, m.index))) return null;
    const rule = HOLIDAYS.find(([re]) => re.test(name))?.[1];
    if (!rule) return null;
    const rel = m[1]?.toLowerCase();
    // "Christmas shopping", "Christmas sales": the season, not the day.
    if (/^christmas$/i.test(name) && /^\s+[a-z]/.test(textAfter(s, m.index + m[0].length))) return null;
    if (explicitYear !== null) return { explicit: true, resolve: () => ({ year: explicitYear, ...rule(explicitYear) }) };
    return {
      resolve: (ctx) => {
        const a = ctx.anchor.day;
        let year = yearForMonthDay(ctx, rule(a.year).month, rule(a.year).day);
        if (rel === "last") year = dayBefore(rule, a) ? a.year : a.year - 1;
        if (rel === "next") year = dayBefore(rule, a) ? a.year + 1 : a.year;
        return { year, ...rule(year) };
      },
    };
  });
}

function dayBefore(rule: Rule, a: { year: number; month: number; day: number }): boolean {
  const d = rule(a.year);
  return d.month < a.month || (d.month === a.month && d.day < a.day);
}

/**
 * A weekday with its week: "a meeting next week on Thursday", "on Friday last week", "Monday of this week". The week
 * says which Thursday, whatever the tense; the two stay separate expressions (TimeML marks each), the weekday
 * resolved within the week named beside it.
 */
import { addDays, weekday } from "../calendar.ts";
import { relative } from "../parsers/relative.ts";
import { weekdays } from "../parsers/weekdays.ts";
import type { Candidate } from "../types.ts";
import { weekdayNumber } from "../vocab.ts";

const WEEK = /^(?:(next|the\s+coming)|(last|this\s+past)|this)\s+week$/i;
/** What may stand between the two: "next week on Thursday", "Thursday of last week", "Friday, last week". */
const BETWEEN = /^[\s,]*(?:(?:on|of|in)\s+)?$/i;

export function weekOfWeekday(text: string, cands: Candidate[]): Candidate[] {
  const weeks = cands.flatMap((c) => {
    const m = c.parser === relative ? WEEK.exec(text.slice(c.start, c.end)) : null;
    return m ? [{ c, shift: m[1] ? 1 : m[2] ? -1 : 0 }] : [];
  });
  if (weeks.length === 0) return cands;
  return cands.map((c) => {
    if (c.parser !== weekdays) return c;
    const day = /^(\w+)/.exec(text.slice(c.start, c.end))?.[1] ?? "";
    const wd = weekdayNumber(day);
    const week = weeks.find(({ c: w }) => BETWEEN.test(w.end <= c.start ? text.slice(w.end, c.start) : text.slice(c.end, w.start)));
    if (wd === null || !week) return c;
    return {
      ...c,
      resolve: (ctx) => {
        const { anchor } = ctx;
        if (anchor.precision !== "day") return anchor.value;
        // Weeks run Monday to Sunday.
        const monday = addDays(anchor.day, -((weekday(anchor.day) + 6) % 7) + 7 * week.shift);
        return addDays(monday, (wd + 6) % 7);
      },
    };
  });
}

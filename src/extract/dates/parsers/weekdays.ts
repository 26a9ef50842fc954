/**
 * Weekdays: "Friday", "last Friday", "next Tuesday", "Wednesday night". News uses a bare weekday for a day within a
 * week of publication; resolve.ts picks the one the tense points to. A part of the day stays in the expression, as
 * TimeML keeps it ("Wednesday night" is one DATE).
 */
import { addDays, weekday } from "../calendar.ts";
import { weekdayDate } from "../resolve.ts";
import type { Candidate, DateParser, ResolveContext, SentenceView } from "../types.ts";
import { WEEKDAY, weekdayNumber } from "../vocab.ts";
import { scan, textBefore } from "./scan.ts";

const RE = new RegExp(
  `(?:\\b([Ll]ast|[Nn]ext|[Tt]his|the\\s+previous|the\\s+following)\\s+)?\\b(${WEEKDAY})(?:\\s+(morning|afternoon|evening|night))?\\b`,
  "g",
);

export const weekdays: DateParser = {
  name: "weekdays",
  gate: /(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day/,
  parse,
  // A named day is what "the next day" counts from: "on Monday ... The next day".
  movesNarrative: true,
  textStable: true,
};

function parse(s: SentenceView): Candidate[] {
  return scan(weekdays, RE, s, (m) => {
    const wd = weekdayNumber(m[2] ?? "");
    if (wd === null) return null;
    const rel = m[1]?.toLowerCase().replace(/\s+/g, " ");
    // "Black Friday", "Super Tuesday", "Good Friday" are named days; "Friday Night Lights" is a title.
    const before = textBefore(s, m.index);
    if (!rel && /\b(?:Black|Super|Good|Bloody|Ash|Cyber|Holy|Palm|Easter)\s+$/.test(before)) return null;
    const r = rel === "last" || rel === "the previous" ? "last" : rel === "next" || rel === "the following" ? "next" : rel === "this" ? "this" : null;
    const anaphoric = rel === "the previous" || rel === "the following";
    return { resolve: (ctx) => (anaphoric && fromNarrative(ctx, wd, r === "next" ? 1 : -1)) || weekdayDate(ctx, wd, r) };
  });
}

/**
 * "the previous Friday", "the following Monday" count from the day the story is at, not from the publication date:
 * "Shares closed lower on Friday, down 4% from the previous Friday" is the Friday a week before.
 */
function fromNarrative(ctx: ResolveContext, wd: number, direction: 1 | -1) {
  const n = ctx.narrative;
  if (n?.month === undefined || n.day === undefined) return undefined;
  const day = { year: n.year, month: n.month, day: n.day };
  const gap = ((direction * (wd - weekday(day)) + 7) % 7) || 7;
  return addDays(day, direction * gap);
}

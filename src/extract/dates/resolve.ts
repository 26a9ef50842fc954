/**
 * Resolution rules shared by the parsers: how an expression that leaves out the year (or the whole date) gets it from
 * the publication date and the tense of its sentence. News reports the recent past, so past tense looks back from
 * the publication date and future tense looks ahead (the TimeML convention the TempEval gold follows).
 */
import { addDays, addMonths, weekday, type CalendarValue, type Day } from "./calendar.ts";
import type { Anchor, ResolveContext, Tense } from "./types.ts";

export function anchorFrom(value: CalendarValue): Anchor {
  const precision = value.day !== undefined ? "day" : value.month !== undefined ? "month" : "year";
  // Unknown parts sit mid-period so "last month" from a year-only anchor is still in the right year.
  const day: Day = { year: value.year, month: value.month ?? 7, day: value.day ?? 15 };
  return { value, precision, day };
}

/** A day relative to the publication date; a month- or year-precision anchor can only give its own precision. */
export function relativeDay(ctx: ResolveContext, n: number): CalendarValue {
  const { anchor } = ctx;
  if (anchor.precision !== "day") return anchor.value;
  return addDays(anchor.day, n);
}

export function relativeMonth(ctx: ResolveContext, n: number): CalendarValue {
  const { anchor } = ctx;
  if (anchor.precision === "year") return n === 0 ? anchor.value : { year: addMonths(anchor.day.year, anchor.day.month, n).year };
  return addMonths(anchor.day.year, anchor.day.month, n);
}

export function relativeYear(ctx: ResolveContext, n: number): CalendarValue {
  return { year: ctx.anchor.day.year + n };
}

/** The year an anaphoric expression ("that year", "that March") is in: the narrative's, else the publication year. */
export function narrativeYear(ctx: ResolveContext): number {
  return ctx.narrative?.year ?? ctx.anchor.day.year;
}

/**
 * How far, in months, a month or day named without a year may lie from the publication date, by tense. News mostly
 * looks back, but an announcement ("will meet on Feb. 10") looks ahead, and a date a few weeks ahead is common even
 * in past-tense sentences ("said it expects to close the deal Nov. 21").
 */
const WINDOWS: Record<Tense, [number, number]> = { past: [-9, 3], present: [-8, 4], future: [-3, 9] };
/**
 * The windows when the verb governing the expression gave the tense (clauseTense.ts): a past clause is in the past
 * ("an accord forged in December", in a November article, is last December), a future one ahead.
 */
const CLAUSE_WINDOWS: Record<Tense, [number, number]> = { past: [-11, 0], present: [-8, 4], future: [0, 11] };

const windowOf = (ctx: ResolveContext): [number, number] => (ctx.clause ? CLAUSE_WINDOWS[ctx.clause] : WINDOWS[ctx.tenseWide]);

/**
 * The year of a month named without one ("in September"): the one that puts the month inside the tense's window
 * around the publication month.
 */
export function yearForMonth(ctx: ResolveContext, month: number): number {
  const { anchor } = ctx;
  const a = anchor.day;
  if (anchor.precision === "year") return a.year;
  const [lo, hi] = windowOf(ctx);
  return pickYear(a.year, ctx, (y) => (y - a.year) * 12 + (month - a.month), lo, hi);
}

/**
 * The year whose month falls in the window: the publication year first, but in a present-tense clause the nearer one
 * ("can take part in the April summit", in a December article, is the April ahead).
 */
function pickYear(year: number, ctx: ResolveContext, diffOf: (y: number) => number, lo: number, hi: number): number {
  const years = [year, year - 1, year + 1].filter((y) => diffOf(y) >= lo && diffOf(y) <= hi);
  if (ctx.clause === "present") years.sort((x, y) => Math.abs(diffOf(x)) - Math.abs(diffOf(y)));
  return years[0] ?? year;
}

/** The same for a day of a month ("November 30"), measuring in fractional months. */
export function yearForMonthDay(ctx: ResolveContext, month: number, day: number): number {
  const { anchor } = ctx;
  const a = anchor.day;
  if (anchor.precision === "year") return a.year;
  const [lo, hi] = windowOf(ctx);
  const diffOf = (y: number) => (y - a.year) * 12 + (month - a.month) + (anchor.precision === "day" ? (day - a.day) / 31 : 0);
  return pickYear(a.year, ctx, diffOf, lo - 0.5, hi + 0.5);
}

/**
 * A weekday named alone ("Friday"): within the week around the publication date. Past tense means the last such day
 * (the publication day itself included: news on a Friday says "Friday" for that day), future tense the next one.
 */
export function weekdayDate(ctx: ResolveContext, wd: number, rel: "last" | "next" | "this" | null): CalendarValue {
  const { anchor } = ctx;
  if (anchor.precision !== "day") return anchor.value;
  const today = weekday(anchor.day);
  const back = (today - wd + 7) % 7;
  const ahead = (wd - today + 7) % 7;
  if (rel === "last") return addDays(anchor.day, -(back === 0 ? 7 : back));
  if (rel === "next") return addDays(anchor.day, ahead === 0 ? 7 : ahead);
  if (ctx.tense === "future") return addDays(anchor.day, ahead);
  if (ctx.tense === "past") return addDays(anchor.day, -back);
  return addDays(anchor.day, back <= ahead ? -back : ahead);
}

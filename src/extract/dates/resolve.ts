/**
 * Resolution rules shared by the parsers: how an expression that leaves out the year (or the whole date) gets it from
 * the publication date and the tense of its sentence. News reports the recent past, so past tense looks back from
 * the publication date and future tense looks ahead (the TimeML convention the TempEval gold follows).
 */
import { addDays, addMonths, weekday, type CalendarValue, type Day } from "./calendar.ts";
import type { Anchor, ResolveContext } from "./types.ts";

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
 * The year of a month named without one ("in September"): the publication year, unless the tense says the month is
 * the last one (past tense, month still ahead this year) or the next one (future tense, month already gone).
 */
export function yearForMonth(ctx: ResolveContext, month: number): number {
  const { anchor } = ctx;
  const y = anchor.day.year;
  if (anchor.precision === "year") return y;
  if (ctx.tense === "past" && month > anchor.day.month) return y - 1;
  if (ctx.tense === "future" && month < anchor.day.month) return y + 1;
  return y;
}

/** The same for a day of a month ("November 30"), comparing whole days. */
export function yearForMonthDay(ctx: ResolveContext, month: number, day: number): number {
  const { anchor } = ctx;
  const y = anchor.day.year;
  if (anchor.precision === "year") return y;
  const a = anchor.day;
  const later = month > a.month || (month === a.month && day > a.day && anchor.precision === "day");
  const earlier = month < a.month || (month === a.month && day < a.day && anchor.precision === "day");
  if (ctx.tense === "past" && later) return y - 1;
  if (ctx.tense === "future" && earlier) return y + 1;
  return y;
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

/** Calendar arithmetic on plain {year, month, day} values, so resolution never depends on the host time zone. */

/** A calendar value at the precision the text supports: a year, a month of a year, or a day. */
export interface CalendarValue {
  year: number;
  month?: number;
  day?: number;
}

/** A full day, for arithmetic. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** "2013", "2024-08", "2021-09-20". */
export function toIso(v: CalendarValue): string {
  let s = pad(v.year, 4);
  if (v.month !== undefined) {
    s += `-${pad(v.month)}`;
    if (v.day !== undefined) s += `-${pad(v.day)}`;
  }
  return s;
}

/** Parses the article's publication date ("YYYY", "YYYY-MM", "YYYY-MM-DD", possibly with a time part). */
export function parseIso(s: string): CalendarValue | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s.trim());
  if (!m) return null;
  const v: CalendarValue = { year: Number(m[1]) };
  if (m[2]) v.month = Number(m[2]);
  if (m[2] && m[3]) v.day = Number(m[3]);
  return v;
}

function toUtc(d: Day): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function fromUtc(t: Date): Day {
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: Day, n: number): Day {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

/** Shifts a month by n months; returns {year, month}. */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const idx = year * 12 + (month - 1) + n;
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(d: Day): number {
  return toUtc(d).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// Feed dates come as RFC 822 (RSS: "Tue, 03 Jun 2025 23:30:00 -0700") or ISO 8601 (Atom: "2025-06-03T23:30:00-07:00").
// The corpus wants the day the publisher printed, so the calendar date is read as written: converting to UTC first
// would move a late-evening story in California to the next day.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "YYYY-MM-DD" from a feed or page date, or undefined when the text holds no usable date. */
export function publishedDay(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rfc = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})/i.exec(text);
  if (rfc) {
    const month = MONTHS.indexOf((rfc[2] as string).toLowerCase()) + 1;
    let year = Number(rfc[3]);
    if (year < 100) year += year < 70 ? 2000 : 1900; // RFC 822 allowed two-digit years
    if (month > 0) return valid(year, month, Number(rfc[1]));
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().slice(0, 10);
}

/** The UTC day of `now`: what an undated item gets, the day it was fetched. */
export function fetchedDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function valid(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (year < 1900) return undefined;
  return date.toISOString().slice(0, 10);
}

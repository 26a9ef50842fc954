// A string column of many rows read as one value: the server joins every row's value with a separator (string_agg),
// the process splits it. V8 makes each piece of 13 characters or more a view of the one string read, so the texts are
// not copied, and the parse makes no array or string per row (storedArticles.ts titles, storedQuotes.ts texts).

/** What parts the joined values: a control character no news text is expected to hold (a reader checks the count). */
export const SEPARATOR = "\u001f";

/** The separator as an SQL literal, for string_agg(value, JOINED_BY). */
export const JOINED_BY = "E'\\x1f'";

/** `joined` split into its `n` values, or undefined when a value held the separator (the reader then reads by row). */
export function splitJoined(joined: string | null, n: number): string[] | undefined {
  const values = n === 0 ? [] : (joined ?? "").split(SEPARATOR);
  return values.length === n ? values : undefined;
}

/**
 * `one` (one string per value in the process), the value before's string taken again without a lookup: values that
 * repeat from one row to the next (an article's outlet and date, a quote's speaker) cost no map lookup.
 */
export function lastOrOne(one: (value: string) => string): (value: string) => string {
  let [last, kept] = ["", one("")];
  return (value) => (value === last ? kept : (kept = one((last = value))));
}

/** Shared word lists and regex fragments for the date parsers. */

const MONTH_NAMES: [string, number][] = [
  ["january", 1], ["jan", 1], ["february", 2], ["feb", 2], ["march", 3], ["mar", 3], ["april", 4], ["apr", 4],
  ["may", 5], ["june", 6], ["jun", 6], ["july", 7], ["jul", 7], ["august", 8], ["aug", 8], ["september", 9],
  ["sept", 9], ["sep", 9], ["october", 10], ["oct", 10], ["november", 11], ["nov", 11], ["december", 12], ["dec", 12],
];
const MONTHS = new Map(MONTH_NAMES);

/**
 * A month name, capitalised as in running text: lower-case "may" and "march" are a verb and a noun far more often.
 * Abbreviations may carry a period. Longest alternatives first so "September" is not cut to "Sep".
 */
export const MONTH =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|" +
  "(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)";

export function monthNumber(word: string): number | null {
  return MONTHS.get(word.toLowerCase().replace(/\.$/, "")) ?? null;
}

const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
export const WEEKDAY = "(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)";

export function weekdayNumber(word: string): number | null {
  const i = WEEKDAY_NAMES.indexOf(word.toLowerCase());
  return i < 0 ? null : i;
}

/** A four-digit year the news could plausibly talk about. */
export const YEAR = "(?:1[5-9]\\d\\d|20\\d\\d)";

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};
export const NUMBER = "(?:\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)";

export function numberValue(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  return Object.hasOwn(NUMBER_WORDS, w) ? (NUMBER_WORDS[w] ?? null) : null;
}


export const SEASON = "(?:spring|summer|autumn|fall|winter)";

/** Nouns of things that happen on a date, which a month or a day names before them: "a March speech", "the June vote". */
export const EVENT_NOUNS =
  "speech|address|meeting|summit|conference|election|elections|vote|referendum|primary|caucus|caucuses|poll|debate|" +
  "rally|visit|trip|tour|hearing|trial|ruling|verdict|decision|announcement|report|survey|deadline|launch|release|" +
  "deal|agreement|accord|ceremony|festival|match|game|final|race|attack|bombing|raid|storm|flood|crash|strike|" +
  "session|sale|auction|offering|filing|interview|statement|memo|letter|order|massacre|coup|uprising|protest|march";

/**
 * Nouns for the people or the state of an era, which "today's" or "tomorrow's" before them names in general, not a
 * day: "today's youth", "in today's world", "tomorrow's leaders".
 */
export const ERA_NOUNS =
  "world|youth|society|generation|generations|children|kids|young|teenagers|teens|students|parents|families|leaders|" +
  "consumers|workers|economy|culture|age|era|climate|environment|standards";

import { HONORIFICS, NAME_QUERY_TITLES } from "../lexicon/people.ts";
import { editDistance } from "../util/editDistance.ts";
import { fold, tokenize } from "./text.ts";

/** The tokens of a name as a user might type it: folded, honorifics and possessive 's dropped. */
export function nameTokens(text: string): string[] {
  return tokenize(text)
    .map((t) => t.replace(/'s$/, ""))
    // Honorifics, titles and possessives are not part of what a user means by a name.
    .filter((t) => t && !HONORIFICS.has(t) && !NAME_QUERY_TITLES.has(t));
}

/**
 * How well a query token matches one name token: 1 exact, 0.85 prefix (3+ letters typed), 0.7 a letter or two
 * off (longer names tolerate two). 0 otherwise.
 */
export function tokenMatch(query: string, name: string): number {
  if (query === name) return 1;
  if (query.length >= 3 && name.startsWith(query)) return 0.85;
  // Spelling variants that are not typos: "Kroah-Hartman" typed as "kroahhartman", "T'so" as "tso".
  // (Only where either has one: this runs for every similar name token of a large corpus.)
  if ((query.includes("'") || name.includes("'")) && query.replace(/'/g, "") === name.replace(/'/g, "")) return 1;
  const limit = Math.min(query.length, name.length) >= 7 ? 2 : Math.min(query.length, name.length) >= 4 ? 1 : 0;
  if (limit > 0 && editDistance(query, name, limit) <= limit) return 0.7;
  return 0;
}

/**
 * Scores a person, given as the token lists of their names, against a name query: every query token must match
 * a token of one of the names (in any order, so reversed names match). 0 when any token fails: no weak guesses.
 */
export function scoreName(queryTokens: string[], forms: string[][]): number {
  if (queryTokens.length === 0) return 0;
  let best = 0;
  const joinedQuery = queryTokens.join("");
  for (const form of forms) {
    let total = 0;
    const used = new Set<number>();
    for (const q of queryTokens) {
      let bestTok = 0;
      let bestIdx = -1;
      form.forEach((n, i) => {
        if (used.has(i)) return;
        const m = tokenMatch(q, n);
        if (m > bestTok) [bestTok, bestIdx] = [m, i];
      });
      if (bestTok === 0) {
        total = 0;
        break;
      }
      used.add(bestIdx);
      total += bestTok;
    }
    // "kroahhartman" for "Kroah-Hartman": the query typed as one word.
    if (total === 0 && queryTokens.length === 1 && form.length > 1 && tokenMatch(joinedQuery, form.join("")) > 0)
      total = tokenMatch(joinedQuery, form.join(""));
    let score = total / queryTokens.length;
    if (score > 0 && used.size === form.length) score += 0.5; // the whole name, not a part of it
    best = Math.max(best, score);
  }
  return best;
}

export const foldName = (s: string): string => nameTokens(fold(s)).join(" ");

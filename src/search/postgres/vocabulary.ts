// The stored terms a query term stands for besides itself: those it is a prefix of, or those within a few edits of it
// (a search's `prefix` and `fuzzy` options), read from kb_term with their counts.
import type pg from "pg";
import { editDistance } from "../../util/editDistance.ts";
import type { Counts } from "./documents.ts";
import { COUNTS } from "./scopeLookups.ts";

/**
 * The stored terms starting with `term`, or within `distance` edits of it (MiniSearch's Levenshtein distance), each
 * with its counts: the answer looks those up next, and they come in the same round trip.
 */
export async function vocabularyOf(pool: pg.Pool, term: string, prefix: boolean, distance: number): Promise<{ term: string; counts: Counts }[]> {
  if (prefix) {
    const { rows } = await pool.query<{ term: string; counts: Counts }>(`SELECT term, ${COUNTS} FROM kb_term WHERE term LIKE $1`, [`${term.replace(/[\\%_]/g, "\\$&")}%`]);
    return rows;
  }
  // fuzzystrmatch compares characters (at most 255), editDistance UTF-16 units: the server's answer holds every term
  // editDistance accepts, which then decides.
  const { rows } =
    term.length + distance <= 255
      ? await pool.query<{ term: string; counts: Counts }>({
          name: "kb-term-near",
          text: `SELECT term, ${COUNTS} FROM kb_term WHERE length(term) BETWEEN $1 AND $2 AND levenshtein_less_equal(term, $3, $4) <= $4`,
          values: [term.length - distance, term.length + distance, term, distance],
        })
      : await pool.query<{ term: string; counts: Counts }>(`SELECT term, ${COUNTS} FROM kb_term WHERE length(term) BETWEEN $1 AND $2`, [term.length - distance, term.length + distance]);
  return rows.filter((r) => editDistance(term, r.term, distance) <= distance);
}

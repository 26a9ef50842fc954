// The ranking of a partial match's candidates (statements.ts finds them): the share of the query's weight each
// covers, a term found only around a document counting less, and the best `limit` of them kept as they come, most
// candidates passed over by the bits of the terms they hold before anything of them is read.
import type { Match, MatchOptions } from "./statements.ts";
import type { MarkedDocuments } from "./marks.ts";
import type { QueryTerm } from "./queryPlan.ts";

/**
 * What a term found only around a document counts for: in its context (the next sentence of its paragraph, which
 * often says what the dated one did not) or in its article's title (what every sentence of the article is about).
 */
const CONTEXT_CREDIT = 0.75;
const TITLE_CREDIT = 0.5;

/**
 * Which of the query's terms a document holds, one bit each, packed in one number: the low bits for its text, the
 * high ones (shifted by MAX_TERMS) for its context. Queries are short (a Discord option holds 64 characters): past
 * MAX_TERMS terms, the rest are not looked up.
 */
export const MAX_TERMS = 15;
const inText = (held: number) => held & ((1 << MAX_TERMS) - 1);
const inContext = (held: number) => held >>> MAX_TERMS;

/** The best covered candidates, equal coverages ranked by length, with the terms each holds. */
export function best(terms: QueryTerm[], total: number, held: MarkedDocuments, options: MatchOptions): Match[] {
  // The best `limit` by coverage, then length, then position (as search results are ordered: positioned.ts), so the
  // same corpus gives the same answer however its index was put together. Kept in a small array, worst last: most
  // candidates of a common word fall below its worst at once, and their length is never read. The order is total,
  // so the best are the same whatever order the candidates are read in.
  const top: Ranked[] = [];
  const limit = options.limit;
  if (limit <= 0) return [];
  const offer = (id: number, c: number) => {
    const worst = top[limit - 1];
    if (worst && c < worst.coverage) return;
    const x = { id, coverage: c, length: options.length?.(id) ?? options.lead.lengths?.[id] ?? 0 };
    if (worst && ranksBefore(worst, x)) return;
    let at = Math.min(top.length, limit - 1);
    while (at > 0 && ranksBefore(x, top[at - 1] as Ranked)) at--;
    top.splice(at, 0, x);
    if (top.length > limit) top.pop();
  };
  // The candidates holding every term in their text first: they cover all of it, and once `limit` of them are in,
  // the others are passed over by their bits alone, without reading their context or their article's title
  // (thousands of candidates for a question of common words).
  const every = 2 ** terms.length - 1;
  held.forEach((h, id) => {
    if (inText(h) === every && !options.exclude?.(id)) offer(id, 1);
  });
  held.forEach((h, id) => {
    if (inText(h) === every) return;
    const worst = top[limit - 1];
    // The most it could cover (coverage's own bound), with a margin for the rounding of a sum in another order.
    if (worst && upperCoverage(terms, total, h) + 1e-9 < worst.coverage) return;
    if (!options.exclude?.(id)) offer(id, coverage(id, terms, total, h, options));
  });
  return top.map((x) => describe(x.id, terms, x.coverage, held.get(x.id) ?? 0, options));
}

interface Ranked {
  id: number;
  coverage: number;
  length: number;
}

/** The share of the query a document could cover at most: its text's terms, and every other as if its context or its title held it. */
function upperCoverage(terms: QueryTerm[], total: number, held: number): number {
  const text = inText(held);
  const context = inContext(held);
  let sum = 0;
  for (let i = 0; i < terms.length; i++) {
    const w = (terms[i] as QueryTerm).weight;
    sum += text & (1 << i) ? w : w * (context & (1 << i) ? CONTEXT_CREDIT : TITLE_CREDIT);
  }
  return sum / total;
}

const ranksBefore = (a: Ranked, b: Ranked): boolean =>
  b.coverage - a.coverage < 0 || (a.coverage === b.coverage && (a.length < b.length || (a.length === b.length && a.id < b.id)));

/** What a term found in a document counts for: 1 in its text, less in its context or its article's title, else 0. */
function credit(id: number, t: QueryTerm, i: number, held: number, found: { continued?: boolean; title?: readonly string[] | null }, options: MatchOptions): number {
  if (inText(held) & (1 << i)) return 1;
  if (inContext(held) & (1 << i) && (found.continued ??= options.context?.continues(id) ?? false)) return CONTEXT_CREDIT;
  if (found.title === undefined) found.title = options.title(id) ?? null;
  return found.title && t.terms.every((term) => found.title?.includes(term)) ? TITLE_CREDIT : 0;
}

function coverage(id: number, terms: QueryTerm[], total: number, held: number, options: MatchOptions): number {
  // Holding every term in the text needs no closer look; nor does a document that cannot reach the floor even if its
  // context and title held every other term: it is a near miss, ranked by what its text holds.
  const text = inText(held);
  if (text === 2 ** terms.length - 1) return 1;
  const context = inContext(held);
  let found = 0;
  let upper = 0;
  for (let i = 0; i < terms.length; i++) {
    const w = (terms[i] as QueryTerm).weight;
    if (text & (1 << i)) found += w;
    else upper += w * (context & (1 << i) ? CONTEXT_CREDIT : TITLE_CREDIT);
  }
  if (found + upper < options.floor * total) return found / total;
  const seen = {};
  let sum = 0;
  for (let i = 0; i < terms.length; i++) sum += (terms[i] as QueryTerm).weight * credit(id, terms[i] as QueryTerm, i, held, seen, options);
  return sum / total;
}

function describe(id: number, terms: QueryTerm[], coverage: number, held: number, options: MatchOptions): Match {
  const found = {};
  const credits = terms.map((t, i) => credit(id, t, i, held, found, options));
  return { id, coverage, found: terms.filter((_, i) => credits[i] === 1), count: credits.filter((c) => c > 0).length };
}

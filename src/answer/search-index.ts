import type { default as MiniSearch, Options, SearchResult } from "minisearch";
import { indexTerm, indexTokenize, tokenize } from "./text.ts";

/** Options shared by every index: the same tokens and stems at index and query time. */
export function indexOptions<T>(fields: string[], storeFields: string[] = []): Options<T> {
  return {
    fields,
    storeFields,
    tokenize: indexTokenize,
    processTerm: indexTerm,
    searchOptions: {
      // Typos are forgiven only on long words, where a fuzzy match is cheap and rarely wrong.
      fuzzy: (term) => (term.length >= 7 ? 0.2 : false),
      maxFuzzy: 2,
    },
  };
}

export interface FloorOptions {
  /** Share of the query's content terms a result must match when not all match (default 0.6). */
  minCoverage?: number;
  boost?: Record<string, number>;
  filter?: (r: SearchResult) => boolean;
}

/** The distinct index terms of a query (stop words dropped, stemmed). */
export function queryTerms(query: string): string[] {
  return [...new Set(tokenize(query).map(indexTerm).filter((t): t is string => t !== null))];
}

/**
 * Searches with every term required first; only when that finds nothing, any term, keeping results that match
 * enough of the query. "Some word matched" is never enough for an answer.
 */
export function searchWithFloor(index: MiniSearch, query: string, options: FloorOptions = {}): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  // The words as typed (MiniSearch stems them itself); the distinct stems only count what must match.
  const q = tokenize(query).join(" ");
  const common = { ...(options.boost && { boost: options.boost }), ...(options.filter && { filter: options.filter }) };
  const all = index.search(q, { ...common, combineWith: "AND" });
  if (all.length > 0 || terms.length < 3) return all;
  const need = Math.max(2, Math.ceil(terms.length * (options.minCoverage ?? 0.6)));
  return index.search(q, { ...common, combineWith: "OR" }).filter((r) => new Set(r.queryTerms).size >= need);
}

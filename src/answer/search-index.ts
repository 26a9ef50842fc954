import type { Options, SearchResult } from "minisearch";
import type { SearchIndex } from "./positioned.ts";
import { searchLedByRareWords, type RareLead, type SavedCounts } from "./rareLead.ts";
import { indexTerm, indexTokenize, tokenize } from "./text.ts";
import type { Sliced } from "../util/slices.ts";

/** Terms this long or longer are matched with typo tolerance. */
const FUZZY_FROM = 7;

/** Options shared by every index: the same tokens and stems at index and query time. */
export function indexOptions<T>(fields: string[], storeFields: string[] = []): Options<T> {
  return {
    fields,
    storeFields,
    tokenize: indexTokenize,
    processTerm: indexTerm,
    searchOptions: {
      // Typos are forgiven only on long words, where a fuzzy match is cheap and rarely wrong.
      fuzzy: (term) => (term.length >= FUZZY_FROM ? 0.2 : false),
      maxFuzzy: 2,
    },
  };
}

/**
 * Options for an index of one field and numeric ids that holds each document's terms once, with `processTerm`
 * seeing each processed term (to count it): every term frequency is 1, so results of an AND query rank by document
 * length alone, which `lengths` (distinct terms per document id, filled while documents are added) records.
 */
export function termSetOptions<T>(field: string, processTerm: (term: string) => string | null, lengths: number[]): Options<T> {
  const plain = indexOptions<T>([field]);
  let adding = 0;
  return {
    ...plain,
    extractField: (doc, field) => {
      adding = (doc as { id: number }).id;
      return (doc as Record<string, string>)[field] as string;
    },
    tokenize: (text) => {
      const terms = new Set<string>();
      for (const token of indexTokenize(text)) {
        const term = indexTerm(token);
        if (term !== null) terms.add(term);
      }
      lengths[adding] = terms.size;
      return [...terms];
    },
    // Terms arrive processed: only the counting is left. Queries are tokenised and processed as usual.
    processTerm,
    searchOptions: { ...plain.searchOptions, tokenize: indexTokenize, processTerm: indexTerm },
  };
}

export interface FloorOptions {
  /** Share of the query's content terms a result must match when not all match (default 0.6). */
  minCoverage?: number;
  boost?: Record<string, number>;
  filter?: (r: SearchResult) => boolean;
  /** How much each term counts towards coverage (default: all alike); rare words should count more. */
  weight?: (term: string) => number;
  /** Lets a query that mixes rare and common words be led by the rare ones (rareLead.ts); default: not. */
  lead?: RareLead;
  /** Only the best this many results are wanted (the others may be left out); default: all. */
  limit?: number;
}

/** In how many of the texts each index term occurs (saved with the indexes, so a restart need not count again). */
export function documentFrequencies(texts: Iterable<string>): SavedCounts {
  const df = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    const seen = new Set(tokenize(text).map(indexTerm).filter((t): t is string => t !== null));
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { counts: [...df], documents };
}

/** Document frequencies of index terms: saved as pairs (SavedCounts), held as a map by a live corpus. */
export interface Frequencies {
  counts: [string, number][] | ReadonlyMap<string, number>;
  documents: number;
}

// Each set of frequencies becomes a map once, when first asked (idfWeights and shareOf read the same quote counts).
const countMaps = new WeakMap<Frequencies, ReadonlyMap<string, number>>();

function countsOf(frequencies: Frequencies): ReadonlyMap<string, number> {
  if (frequencies.counts instanceof Map) return frequencies.counts;
  let df = countMaps.get(frequencies);
  if (!df) countMaps.set(frequencies, (df = new Map(frequencies.counts)));
  return df;
}

/** Makes the map of a set of frequencies ahead of its first use, in slices (a use before then makes its own at once). */
export function* countsWarmed(frequencies: Frequencies, every = 4096): Sliced<void> {
  const { counts } = frequencies;
  if (!Array.isArray(counts) || countMaps.has(frequencies)) return;
  const df = new Map<string, number>();
  for (let i = 0; i < counts.length; i++) {
    const [term, n] = counts[i] as [string, number];
    df.set(term, n);
    if ((i + 1) % every === 0) yield;
  }
  if (!countMaps.has(frequencies)) countMaps.set(frequencies, df);
}

/** Inverse document frequency of index terms: a rare word says more than a common one (the counts read when first asked). */
export function idfWeights(frequencies: Frequencies): (term: string) => number {
  return (term) => Math.log(1 + frequencies.documents / (1 + (countsOf(frequencies).get(term) ?? 0)));
}

/** Share of the documents holding a word's term, by document frequencies. */
export function shareOf(frequencies: Frequencies): (word: string) => number {
  return (word) => {
    const term = indexTerm(word);
    return term === null ? 1 : Math.min(1, (countsOf(frequencies).get(term) ?? 0) / Math.max(1, frequencies.documents));
  };
}

/** The distinct index terms of a query (stop words dropped, stemmed). */
export function queryTerms(query: string): string[] {
  return [...new Set(tokenize(query).map(indexTerm).filter((t): t is string => t !== null))];
}

/** Whether a word is matched exactly only (see indexOptions) and no document of the index holds it. */
function shortAndAbsent(index: SearchIndex, word: string): boolean {
  const term = indexTerm(word);
  return term !== null && term.length < FUZZY_FROM && index.documentsWith?.(word)?.size === 0;
}

/**
 * Searches with every term required first; only when that finds nothing, any term, keeping results that match
 * enough of the query. "Some word matched" is never enough for an answer. Typo tolerance is tried only when the
 * words as typed find nothing: fuzzy matching walks the whole vocabulary, which is most of the cost of a query on
 * a large corpus, and a correctly spelt query does not need it.
 */
export function searchWithFloor(index: SearchIndex, query: string, options: FloorOptions = {}): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  // The words as typed (MiniSearch stems them itself); the distinct stems only count what must match.
  const q = tokenize(query).join(" ");
  const common = { ...(options.boost && { boost: options.boost }), ...(options.filter && { filter: options.filter }) };
  const led = options.lead && searchLedByRareWords(index, tokenize(query), options.lead, common, options.limit);
  if (led && led.length > 0) return led;
  const exact = led ? [] : index.search(q, { ...common, combineWith: "AND", fuzzy: false });
  if (exact.length > 0) return exact;
  // Typo tolerance applies to long terms only (see indexOptions): without one, the fuzzy search is the exact one; and
  // a short word no document holds leaves every document out of it, so its walk of the vocabulary is not needed.
  const typos = terms.some((t) => t.length >= FUZZY_FROM) && !tokenize(query).some((w) => shortAndAbsent(index, w));
  const all = typos ? index.search(q, { ...common, combineWith: "AND" }) : exact;
  if (all.length > 0 || terms.length < 3) return all;
  const weight = options.weight ?? (() => 1);
  const total = terms.reduce((sum, t) => sum + weight(t), 0);
  const minCoverage = options.minCoverage ?? 0.6;
  return index.search(q, { ...common, combineWith: "OR" }).filter((r) => {
    const matched = new Set(r.queryTerms);
    const covered = [...matched].reduce((sum, t) => sum + weight(t), 0);
    return matched.size >= 2 && covered >= total * minCoverage;
  });
}

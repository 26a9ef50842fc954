// Queries led by their rare words. MiniSearch scores every document a word occurs in, so a word that half the
// corpus uses ("said", "year") makes a query slow whatever else it holds. When a query mixes rare and common
// words, the rare ones find the few candidates and the common ones are checked in those candidates' text: the
// same documents as an AND of every word, at a fraction of the cost.
import type { default as MiniSearch, SearchOptions, SearchResult } from "minisearch";
import { indexTerm, indexTokenize } from "./text.ts";

export interface RareLead {
  /** The indexed text of a document (every field), by id. */
  textOf: (id: number) => string;
  /** Share of the index's documents that hold a word's term (0–1). */
  share: (word: string) => number;
}

/** A word is common above this share of the documents (1 %: "said" is in about a quarter of news sentences). */
const COMMON_SHARE = 0.01;
/** Candidates checked one by one at most; beyond that the plain search is as cheap. */
const MAX_CANDIDATES = 2000;
/**
 * Words in more than a tenth of the documents are too common to search for on their own, once the index is large
 * enough for that to be slow (in a small corpus on one subject, its subject is in most sentences, and cheap).
 */
export function tooCommon(index: MiniSearch, share: (word: string) => number, word: string): boolean {
  return index.documentCount >= 20_000 && share(word) > 0.1;
}

export interface TermCounter {
  processTerm: (term: string) => string | null;
  share: (word: string) => number;
  done: (documents: number) => void;
  /** The counts, to be saved with the index they describe. */
  saved: () => SavedCounts;
}

export interface SavedCounts {
  counts: [string, number][];
  documents: number;
}

/**
 * Counts how often each term is indexed, through the index's own processTerm, while documents are added; `share`
 * then answers from the counts (occurrences, a close stand-in for documents). Call `done` once the index is
 * filled, so that query terms are not counted.

 * Restored from saved counts, it counts nothing more.
 */
export function termCounter(processTerm: (term: string) => string | null, restored?: SavedCounts): TermCounter {
  const counts = new Map<string, number>(restored?.counts);
  let counting = restored === undefined;
  let documents = restored?.documents ?? 1;
  return {
    processTerm: (term) => {
      const t = processTerm(term);
      if (counting && t !== null) counts.set(t, (counts.get(t) ?? 0) + 1);
      return t;
    },
    share: (word) => {
      const t = indexTerm(word);
      return t === null ? 1 : Math.min(1, (counts.get(t) ?? 0) / documents);
    },
    done: (n) => {
      counting = false;
      documents = Math.max(1, n);
    },
    saved: () => ({ counts: [...counts], documents }),
  };
}

/**
 * The documents holding every word of the query, found through its rare words; undefined when the query has no
 * mix of rare and common words, or too many candidates (the caller then searches as usual).
 */
export function searchLedByRareWords(index: MiniSearch, words: string[], lead: RareLead, options: SearchOptions): SearchResult[] | undefined {
  const content = words.filter((w) => indexTerm(w) !== null);
  if (content.length < 2) return undefined;
  const rare = content.filter((w) => lead.share(w) <= COMMON_SHARE);
  const common = content.filter((w) => lead.share(w) > COMMON_SHARE);
  if (rare.length === 0 || common.length === 0) return undefined;
  const candidates = index.search(rare.join(" "), { ...options, combineWith: "AND", fuzzy: false });
  if (candidates.length > MAX_CANDIDATES) return undefined;
  const needed = [...new Set(common.map((w) => indexTerm(w) as string))];
  return candidates
    .filter((hit) => {
      const terms = new Set(indexTokenize(lead.textOf(hit.id as number)).map(indexTerm));
      return needed.every((t) => terms.has(t));
    })
    .map((hit) => ({ ...hit, terms: [...hit.terms, ...needed], queryTerms: [...hit.queryTerms, ...needed] }));
}

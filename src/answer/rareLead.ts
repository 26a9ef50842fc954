// AND queries led by their rarest word. MiniSearch builds a scored result for every document each query word
// occurs in, then keeps those holding every word, so a word that a quarter of the corpus uses ("said", "year")
// makes a query slow whatever else it holds. Finding the documents that hold every word first, rarest word first,
// and skipping every other document while the whole query is searched gives the same results and scores for a
// fraction of the work.
import type { SearchOptions, SearchResult } from "minisearch";
import type { SearchIndex } from "./positioned.ts";
import type { TermDocuments } from "./postingLists.ts";
import { shortestHoldingWords } from "./shortestHolding.ts";
import { indexTerm } from "./text.ts";
import type { Sliced } from "../util/slices.ts";

export interface RareLead {
  /** Share of the index's documents that hold a word's term (0–1). */
  share: (word: string) => number;
  /**
   * The number of distinct terms of each document, by id, for an index that holds each document's terms once
   * (tf = 1 everywhere). Its AND results then rank by length alone (BM25 falls as a document grows), so the best
   * `limit` results are among the shortest documents that hold every word, and only those need scoring.
   */
  lengths?: ArrayLike<number>;
}
/**
 * Words in more than a tenth of the documents are too common to search for on their own, once the index is large
 * enough for that to be slow (in a small corpus on one subject, its subject is in most sentences, and cheap).
 */
export function tooCommon(index: SearchIndex, share: (word: string) => number, word: string): boolean {
  return index.documentCount >= 20_000 && share(word) > 0.1;
}

export interface TermCounter {
  processTerm: (term: string) => string | null;
  share: (word: string) => number;
  /** Inverse document frequency of an index term (already processed): a rare word says more than a common one. */
  idf: (term: string) => number;
  done: (documents: number) => void;
  /**
   * Counts again, until `done`: the terms of documents added (1) or removed (-1) from now on, as a live corpus
   * updates its index in place (livePostings.ts).
   */
  recount: (sign: 1 | -1) => void;
  /** The counts, to be saved with the index they describe. */
  saved: () => SavedCounts;
  /** Makes restored counts' map in slices (a use before it is done finishes it at once). */
  warm: () => Sliced<void>;
}

export interface SavedCounts {
  counts: [string, number][];
  documents: number;
}

/**
 * Counts how often each term is indexed, through the index's own processTerm, while documents are added; `share`
 * then answers from the counts (occurrences, a close stand-in for documents). Call `done` once the index is
 * filled, so that query terms are not counted.

 * Restored from saved counts, it counts nothing more; the saved counts (and their document count) are read when first
 * used and become a map then (tens of thousands of terms: a first answer that does not need them does not wait for
 * them, and a warm start parses them after its first answers).
 */
export function termCounter(processTerm: (term: string) => string | null, restored?: SavedCounts): TermCounter {
  let made: Map<string, number> | undefined;
  // The map as far as a warm-up has made it: tens of thousands of terms at once held answers for 30-60 ms.
  let partial: { map: Map<string, number>; next: number } | undefined;
  const finish = (): Map<string, number> => {
    const list = restored?.counts ?? [];
    const map = partial?.map ?? new Map<string, number>();
    for (let i = partial?.next ?? 0; i < list.length; i++) map.set((list[i] as [string, number])[0], (list[i] as [string, number])[1]);
    partial = undefined;
    return map;
  };
  const counts = (): Map<string, number> => (made ??= finish());
  let counting: 0 | 1 | -1 = restored === undefined ? 1 : 0;
  let known: number | undefined = restored === undefined ? 1 : undefined;
  const documents = (): number => (known ??= restored?.documents ?? 1);
  return {
    processTerm: (term) => {
      const t = processTerm(term);
      if (counting !== 0 && t !== null) {
        const n = (counts().get(t) ?? 0) + counting;
        if (n > 0) counts().set(t, n);
        else counts().delete(t);
      }
      return t;
    },
    share: (word) => {
      const t = indexTerm(word);
      return t === null ? 1 : Math.min(1, (counts().get(t) ?? 0) / documents());
    },
    idf: (term) => Math.log(1 + documents() / (1 + (counts().get(term) ?? 0))),
    done: (n) => {
      counting = 0;
      known = Math.max(1, n);
    },
    recount: (sign) => {
      counting = sign;
    },
    saved: () => ({ counts: [...counts()], documents: documents() }),
    *warm() {
      if (made) return;
      const list = restored?.counts ?? []; // the saved section is parsed here
      yield;
      partial ??= { map: new Map(), next: 0 };
      while (!made && partial.next < list.length) {
        const end = Math.min(list.length, partial.next + 2048);
        for (let i = partial.next; i < end; i++) partial.map.set((list[i] as [string, number])[0], (list[i] as [string, number])[1]);
        partial.next = end;
        yield;
      }
      counts();
    },
  };
}

/**
 * The results of an AND search of `words` (exact terms, no typo tolerance): the same documents with the same scores,
 * in the same order, as `index.search(words, { combineWith: "AND", fuzzy: false })`, with results built only for the
 * documents that hold every word, or only for the best `limit` of them where `lead.lengths` allows. Undefined when
 * there is nothing to gain: no term, or a single term and no limit.
 */
export function searchLedByRareWords(index: SearchIndex, words: string[], lead: RareLead, options: SearchOptions, limit?: number): SearchResult[] | undefined {
  const byTerm = new Map<string, string>();
  for (const w of words) {
    const t = indexTerm(w);
    if (t !== null && !byTerm.has(t)) byTerm.set(t, w);
  }
  // A document's own boost or a filter would break the order by length.
  const topOnly = limit !== undefined && lead.lengths !== undefined && !options.boostDocument && !options.filter;
  if (byTerm.size === 0 || (byTerm.size === 1 && !topOnly)) return undefined;
  const exact = { ...options, combineWith: "AND", fuzzy: false, prefix: false } as const;
  const top = topOnly && lead.lengths && limit !== undefined ? shortestHoldingWords(index, [...byTerm.values()], lead.lengths, limit) : undefined;
  if (top) return (index.searchAmong?.(words.join(" "), top, options) ?? searchWithin(index, words, new Set(top), exact)).slice(0, limit);
  const found = candidatesFromPostings(index, [...byTerm.values()]) ?? [...candidatesByWalking(index, [...byTerm.values()], lead, exact)];
  if (found.length === 0) return [];
  const kept = topOnly && lead.lengths && limit !== undefined && found.length > limit ? shortest(found, lead.lengths, limit) : found;
  const results = index.searchAmong?.(words.join(" "), kept as number[], options) ?? searchWithin(index, words, new Set(kept), exact);
  return topOnly ? results.slice(0, limit) : results;
}

/**
 * The documents holding every word, read from the index's postings: the rarest word's documents, kept where each
 * other word's postings hold them (a lookup per candidate, not a walk of a common word's documents). Undefined where
 * the postings cannot be read.
 */
function candidatesFromPostings(index: SearchIndex, words: string[]): unknown[] | undefined {
  const every = index.documentsWithEvery?.(words);
  if (every) return every;
  if (!index.documentsWith) return undefined;
  const lists: TermDocuments[] = [];
  for (const w of words) {
    const docs = index.documentsWith(w);
    if (!docs) return undefined;
    lists.push(docs);
  }
  lists.sort((a, b) => a.size - b.size);
  const [rarest, ...others] = lists;
  const candidates: unknown[] = [];
  rarest?.forEach((id) => {
    for (const docs of others) if (!docs.has(id)) return;
    candidates.push(id);
  });
  return candidates;
}

/**
 * The same, through searches: MiniSearch calls boostDocument for each document a term occurs in, before it builds a
 * result for it, and a falsy boost skips the document (a documented use). Walking each word's documents that way,
 * rarest first, narrows the candidates to the documents holding every word, building no result: twenty times
 * cheaper per document than a result, which is what a common word costs in a plain search.
 */
function candidatesByWalking(index: SearchIndex, words: string[], lead: RareLead, exact: SearchOptions): Set<unknown> {
  let candidates: Set<unknown> | undefined;
  for (const word of [...words].sort((a, b) => lead.share(a) - lead.share(b))) {
    const holding = new Set<unknown>();
    const within = candidates;
    index.search(word, { ...exact, boostDocument: (id) => ((!within || within.has(id)) && holding.add(id), 0) });
    if (holding.size === 0) return holding;
    candidates = holding;
  }
  return candidates ?? new Set();
}

/** The AND search of `words`, with results built only for the documents of `found`. */
function searchWithin(index: SearchIndex, words: string[], found: Set<unknown>, exact: SearchOptions): SearchResult[] {
  const boost = exact.boostDocument;
  return index.search(words.join(" "), {
    ...exact,
    boostDocument: (id, term, stored) => (!found.has(id) ? 0 : boost ? boost(id, term, stored) : 1),
  });
}

/** The documents no longer than the `limit`-th shortest of them (ties included, so the cut never splits equals). */
function shortest(ids: unknown[], lengths: ArrayLike<number>, limit: number): unknown[] {
  const byLength: number[] = [];
  for (const id of ids) {
    const length = lengths[id as number] ?? 0;
    byLength[length] = (byLength[length] ?? 0) + 1;
  }
  let longest = 0;
  for (let seen = 0; longest < byLength.length && seen < limit; longest++) seen += byLength[longest] ?? 0;
  return ids.filter((id) => (lengths[id as number] ?? 0) < longest);
}

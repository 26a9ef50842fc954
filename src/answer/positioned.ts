// A search index as the answers see it: a result's id is the document's position in the knowledge base (the
// index of a quote in kb.quotes, of an event in kb.events, of a sentence for Indexes.sentenceRef). A full build
// numbers its documents that way; a live corpus (livePostings.ts) keeps its documents under ids of its own and
// hands each snapshot a table from those ids to the snapshot's positions, which also hides documents the snapshot
// does not hold (an article being added, one being removed). Results of equal score come in position order, so
// that the same corpus gives the same answers however its index was put together.
import type { default as MiniSearch, Query, SearchOptions, SearchResult } from "minisearch";
import { documentsMatching, documentsWithEvery, searchAmong, termDocuments, type TermDocuments } from "./postingLists.ts";

/** What the answers use of a MiniSearch index. */
export interface SearchIndex {
  search(query: Query, options?: SearchOptions): SearchResult[];
  /** Documents in the index (as the snapshot sees it). */
  readonly documentCount: number;
  /**
   * The documents holding a word (one index term) in a field (any field if none), read from the postings without walking them; undefined
   * where that cannot be done (the word is several terms, the index is not a MiniSearch one): search instead.
   */
  documentsWith?(word: string, field?: string): TermDocuments | undefined;
  /** The documents holding every word (each one index term), rarest word's order (postingLists.ts); undefined as above. */
  documentsWithEvery?(words: readonly string[]): number[] | undefined;
  /** An exact AND search among the given documents only (postingLists.ts); undefined where that cannot be done. */
  searchAmong?(query: string, among: Iterable<number>, options?: SearchOptions): SearchResult[] | undefined;
  /**
   * The documents `search(query, options)` finds with `combineWith: "AND"` (a variant of each word in a searched
   * field), unscored, ascending; undefined where they are not told without scoring them (search instead). Where it is
   * told, a search of the same query and fields after it looks among these documents only.
   */
  documentsMatching?(query: string, options: SearchOptions): ArrayLike<number> | undefined;
}

/** A snapshot's view of a live index: for each document id, its position, or -1 when the snapshot does not hold it. */
export interface PositionTable {
  positions: Int32Array;
  /** Documents the snapshot holds. */
  count: number;
}

/** `index` as a snapshot sees it: ids are positions already (a full build), or translated by `table`. */
export function positioned(index: MiniSearch, table?: PositionTable): SearchIndex {
  return {
    get documentCount() {
      return table ? table.count : index.documentCount;
    },
    search: (query, options = {}) => {
      const results = index.search(query, table ? translated(options, table.positions) : options);
      if (table) for (const r of results) r.id = table.positions[r.id as number];
      return inPositionOrderWithinTies(results);
    },
    documentsWith: (word, field) => {
      const docs = termDocuments(index, word, field);
      if (!docs || !table) return docs;
      const ids = idsOf(table);
      return {
        // Hidden documents too: a bound, which is what callers use it for.
        size: docs.size,
        has: (at) => docs.has(ids[at as number]),
        forEach: (f) => docs.forEach((id) => {
          const at = table.positions[id as number] ?? -1;
          if (at >= 0) f(at);
        }),
      };
    },
    documentsWithEvery: (words) => {
      const ids = documentsWithEvery(index, words) as number[] | undefined;
      if (!ids || !table) return ids;
      const out: number[] = [];
      for (const id of ids) {
        const at = table.positions[id] ?? -1;
        if (at >= 0) out.push(at);
      }
      return out;
    },
    documentsMatching: (query, options) => {
      const ids = documentsMatching(index, query, options) as number[] | undefined;
      if (!ids || !table) return ids;
      const out: number[] = [];
      for (const id of ids) {
        const at = table.positions[id] ?? -1;
        if (at >= 0) out.push(at);
      }
      return out.sort((a, b) => a - b);
    },
    searchAmong: (query, among, options = {}) => {
      if (!table) return mapped(searchAmong(index, query, among, options), (r) => r);
      const ids = idsOf(table);
      const results = searchAmong(index, query, [...among].map((at) => ids[at]), translated(options, table.positions));
      return mapped(results, (r) => ((r.id = table.positions[r.id as number]), r));
    },
  };
}

const mapped = (results: SearchResult[] | undefined, f: (r: SearchResult) => SearchResult) => results && inPositionOrderWithinTies(results.map(f));

// Each table's ids by position, made when first needed (a snapshot's table never changes).
const idsByTable = new WeakMap<PositionTable, Int32Array>();
function idsOf(table: PositionTable): Int32Array {
  let ids = idsByTable.get(table);
  if (!ids) {
    ids = new Int32Array(table.count);
    table.positions.forEach((at, id) => {
      if (at >= 0) (ids as Int32Array)[at] = id;
    });
    idsByTable.set(table, ids);
  }
  return ids;
}

/** The options with every callback seeing positions, and documents the snapshot does not hold skipped. */
function translated(options: SearchOptions, positions: Int32Array): SearchOptions {
  const { boostDocument, filter } = options;
  return {
    ...options,
    // MiniSearch asks boostDocument about each document before it builds a result for it; 0 skips it.
    boostDocument: (id, term, stored) => {
      const at = positions[id as number] ?? -1;
      if (at < 0) return 0;
      return boostDocument ? boostDocument(at, term, stored) : 1;
    },
    ...(filter && { filter: (r: SearchResult) => filter({ ...r, id: positions[r.id as number] }) }),
  };
}

/** MiniSearch sorts by score alone: among equal scores, the order of its maps, which depends on how it was filled. */
function inPositionOrderWithinTies(results: SearchResult[]): SearchResult[] {
  for (let i = 0; i < results.length; ) {
    let j = i + 1;
    while (j < results.length && (results[j] as SearchResult).score === (results[i] as SearchResult).score) j++;
    if (j - i > 1) {
      const tied = results.slice(i, j).sort((a, b) => (a.id as number) - (b.id as number));
      for (let k = 0; k < tied.length; k++) results[i + k] = tied[k] as SearchResult;
    }
    i = j;
  }
  return results;
}

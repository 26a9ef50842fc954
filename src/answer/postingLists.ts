// MiniSearch's own posting lists, read directly. MiniSearch answers a query by walking every document each query
// term occurs in and scoring it, and offers no way to ask only "does this document hold that term": a word in a
// quarter of a large corpus ("said") makes every query holding it walk a quarter of the corpus, even when a rare
// word beside it leaves ten candidates. Reading the postings lets a query look its common terms up for its
// candidates alone, and score those candidates exactly as MiniSearch's AND search would (BM25+ with its defaults and
// its order of operations, so that scores are equal to the last bit: tests/answer/postingLists.test.ts compares).
// Everything here reads fields MiniSearch keeps private (7.x); when they are not as expected, or an index holds
// discarded documents not yet vacuumed (their postings linger), the functions return undefined and callers search
// the plain way.
import type MiniSearch from "minisearch";
import type { SearchOptions, SearchResult } from "minisearch";
import type { Sliced } from "../util/slices.ts";

type Freqs = Map<number, number>;

interface Internals {
  _index: { get(term: string): Map<number, Freqs> | undefined; atPrefix(prefix: string): Iterable<[string, Map<number, Freqs>]> };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _nextId: number;
  _idToShortId: Map<unknown, number>;
  _storedFields: Map<number, Record<string, unknown> | undefined>;
  _dirtCount: number;
  _options: {
    fields: string[];
    tokenize: (text: string, field?: string) => string[];
    processTerm: (term: string, field?: string) => string | string[] | null | undefined | false;
    searchOptions: SearchOptions & { bm25?: { k: number; b: number; d: number } };
  };
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

function internals(index: MiniSearch): Internals | undefined {
  const i = index as unknown as Partial<Internals>;
  const ok =
    i._index !== undefined && i._fieldIds !== undefined && i._fieldLength instanceof Map && Array.isArray(i._avgFieldLength) &&
    i._documentIds instanceof Map && i._idToShortId instanceof Map && i._storedFields instanceof Map && typeof i._documentCount === "number" &&
    typeof i._nextId === "number" && i._options !== undefined && i._dirtCount === 0;
  return ok ? (i as Internals) : undefined;
}

// How far each index's ids are known to be its short ids (MiniSearch's own numbering of the documents it holds,
// 0, 1, 2 ... in the order they were added): a full build adds the documents whose ids are their positions in that
// order, and a saved one loads them so. Then a posting's key is the document's id, and reading a common word's
// postings translates no id (a lookup in a map of every document, per document). Known by the index's map of ids,
// which an index emptied (removeAll) or loaded makes anew. A removal ends it for good: MiniSearch never gives a short
// id again, so its ids hold fewer documents than its next short id from then on.
const sameIdsUpTo = new WeakMap<Map<number, unknown>, number>();

function idsAreShortIds(m: Internals, most = Infinity): boolean {
  const { _documentIds: ids, _nextId: next } = m;
  if (ids.size !== next) return false;
  let checked = sameIdsUpTo.get(ids) ?? 0;
  const end = Math.min(next, checked + most);
  for (; checked < end; checked++) if (ids.get(checked) !== checked) break;
  sameIdsUpTo.set(ids, checked);
  return checked === next;
}

/**
 * Checks ahead, in slices, whether an index's ids are its short ids: a walk of every id (a lookup each: tens of
 * milliseconds at a hundred thousand articles) that the first query reading its postings would otherwise pay.
 */
export function* shortIdsChecked(index: MiniSearch, every = 65_536): Sliced<void> {
  const m = internals(index);
  if (!m) return;
  for (let before = -1; !idsAreShortIds(m, every); yield) {
    const checked = sameIdsUpTo.get(m._documentIds) ?? 0;
    if (checked === before || checked >= m._nextId) return; // not the same ids: nothing more to check
    before = checked;
  }
}

/** The index terms a query's text becomes, as MiniSearch's search makes them (its search-time tokenizer and processTerm). */
function queryTerms(m: Internals, query: string, options: SearchOptions): string[] {
  const { tokenize, processTerm } = { tokenize: m._options.tokenize, processTerm: m._options.processTerm, ...m._options.searchOptions, ...options };
  return tokenize(query)
    .flatMap((t) => processTerm(t) as string | string[])
    .filter((t): t is string => !!t);
}

/** The documents holding a term in one field: how many, whether one does, and each (by the index's document ids). */
export interface TermDocuments {
  readonly size: number;
  has(id: unknown): boolean;
  forEach(f: (id: unknown) => void): void;
}

const NONE: TermDocuments = { size: 0, has: () => false, forEach: () => undefined };

/**
 * The documents holding `word` in `field` (in any field of the index when none is given), where the word is one index
 * term (else undefined: a word the tokenizer splits is searched the plain way).
 */
export function termDocuments(index: MiniSearch, word: string, field?: string): TermDocuments | undefined {
  const m = internals(index);
  if (!m) return undefined;
  const terms = queryTerms(m, word, {});
  if (terms.length !== 1) return undefined;
  const fieldIds = field === undefined ? m._options.fields.map((f) => m._fieldIds[f]) : [m._fieldIds[field]];
  if (fieldIds.some((id) => id === undefined)) return undefined;
  const data = m._index.get(terms[0] as string);
  const lists = fieldIds.flatMap((id) => data?.get(id as number) ?? []);
  if (lists.length === 0) return NONE;
  // One field (the sentence and quote indexes) is the common case, and the hot loop of a common word: no closure
  // or array per document there.
  const single = lists.length === 1 ? (lists[0] as Freqs) : undefined;
  const has = single ? (short: number) => single.has(short) : (short: number) => lists.some((freqs) => freqs.has(short));
  const { _idToShortId: shortIds, _documentIds: ids } = m;
  const same = idsAreShortIds(m);
  return {
    // With several fields, a bound (a document may hold the term in two).
    size: lists.reduce((n, freqs) => n + freqs.size, 0),
    has: same
      ? (id) => has(id as number)
      : (id) => {
          const short = shortIds.get(id);
          return short !== undefined && has(short);
        },
    forEach: (f) => {
      if (single) {
        if (same) for (const short of single.keys()) f(short);
        else for (const short of single.keys()) f(ids.get(short));
        return;
      }
      lists.forEach((freqs, i) => {
        // A document holding the term in an earlier field was seen already.
        const earlier = lists.slice(0, i);
        for (const short of freqs.keys()) if (!earlier.some((e) => e.has(short))) f(same ? short : ids.get(short));
      });
    },
  };
}

/**
 * The documents (ids) `index.search(query, options)` finds with `combineWith: "AND"`, unscored, in short-id order:
 * each query term's documents in the searched fields, with every term its prefix option gives it (MiniSearch's
 * atPrefix, the term itself among them), kept where every query term has one. Undefined with a typo tolerance, a
 * filter or a boostDocument (MiniSearch would leave documents out), or where `termDocuments` would be.
 */
export function documentsMatching(index: MiniSearch, query: string, options: SearchOptions): unknown[] | undefined {
  const m = internals(index);
  if (!m) return undefined;
  const opts = { ...m._options.searchOptions, ...options };
  if (opts.fuzzy || opts.filter || opts.boostDocument || String(opts.combineWith ?? "OR").toUpperCase() !== "AND") return undefined;
  const fieldIds = (opts.fields ?? m._options.fields).map((f) => m._fieldIds[f]);
  const terms = queryTerms(m, query, options);
  // Each document's query terms are counted in a byte.
  if (fieldIds.some((id) => id === undefined) || terms.length >= 255) return undefined;
  if (terms.length === 0) return [];
  const held = new Uint8Array(m._nextId);
  terms.forEach((term, i) => {
    const prefix = typeof opts.prefix === "function" ? opts.prefix(term, i, terms) : opts.prefix === true;
    const data = m._index.get(term);
    const entries: Iterable<[string, Map<number, Freqs>]> = prefix ? m._index.atPrefix(term) : data ? [[term, data]] : [];
    // A document held by every query term before this one (i of them) is held by this one too: i + 1.
    for (const [, byField] of entries)
      for (const id of fieldIds)
        for (const short of byField.get(id as number)?.keys() ?? []) if (held[short] === i) held[short] = i + 1;
  });
  const same = idsAreShortIds(m);
  const out: unknown[] = [];
  for (let short = 0; short < held.length; short++) if (held[short] === terms.length) out.push(same ? short : m._documentIds.get(short));
  // Ids other than the short ids (a live index's) are not in their order.
  return same ? out : out.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : 0));
}

/**
 * The documents holding every one of `words` (each one index term) in any field, as `termDocuments` would find them
 * by walking the rarest word's documents and asking each other word's `has`: the rarest word's documents in its
 * order, kept where every other word's postings hold them. Compared by the index's own short ids, so a candidate
 * costs a lookup per other word and none to translate ids (a pair of common words leaves tens of thousands).
 * Undefined where `termDocuments` would be.
 */
export function documentsWithEvery(index: MiniSearch, words: readonly string[]): unknown[] | undefined {
  const m = internals(index);
  if (!m) return undefined;
  const fieldIds = m._options.fields.map((f) => m._fieldIds[f]);
  if (fieldIds.some((id) => id === undefined)) return undefined;
  const postings: { lists: Freqs[]; size: number }[] = [];
  for (const word of words) {
    const terms = queryTerms(m, word, {});
    if (terms.length !== 1) return undefined;
    const data = m._index.get(terms[0] as string);
    const lists = fieldIds.flatMap((id) => data?.get(id as number) ?? []);
    postings.push({ lists, size: lists.reduce((n, freqs) => n + freqs.size, 0) });
  }
  postings.sort((a, b) => a.size - b.size);
  const [rarest, ...others] = postings;
  const out: unknown[] = [];
  if (!rarest) return out;
  const same = idsAreShortIds(m);
  const holds = (short: number): boolean => {
    for (const { lists } of others) if (!lists.some((freqs) => freqs.has(short))) return false;
    return true;
  };
  rarest.lists.forEach((freqs, i) => {
    const earlier = rarest.lists.slice(0, i);
    for (const short of freqs.keys()) if (holds(short) && !earlier.some((e) => e.has(short))) out.push(same ? short : m._documentIds.get(short));
  });
  return out;
}

/**
 * What `index.search(query, { ...options, combineWith: "AND", fuzzy: false, prefix: false })` returns, for the
 * documents of `among` only (ids), in the order MiniSearch gives: by score, and among equal scores by `among`'s order
 * (callers sort ties themselves). Supports the `fields`, `boost`, `boostDocument`, `filter` and `bm25` options; with
 * `boostTerm` (or when the index's internals are not as expected) undefined.
 */
export function searchAmong(index: MiniSearch, query: string, among: Iterable<unknown>, options: SearchOptions = {}): SearchResult[] | undefined {
  const m = internals(index);
  const opts = { ...m?._options.searchOptions, ...options };
  if (!m || opts.boostTerm) return undefined;
  const terms = queryTerms(m, query, options);
  if (terms.length === 0) return [];
  const bm25 = opts.bm25 ?? BM25;
  const boosts = (opts.fields ?? m._options.fields).map((field) => ({ field, boost: (Object.hasOwn(opts.boost ?? {}, field) && opts.boost?.[field]) || 1, id: m._fieldIds[field] as number }));
  const postings = terms.map((term) => m._index.get(term));
  if (postings.some((p) => p === undefined)) return [];
  const unique = [...new Set(terms)];
  const results: SearchResult[] = [];
  const same = idsAreShortIds(m);
  for (const id of among) {
    const short = same ? (typeof id === "number" ? id : undefined) : m._idToShortId.get(id);
    // With the ids the short ids, one that is no document's has no lengths.
    const lengths = short === undefined ? undefined : m._fieldLength.get(short);
    if (short === undefined || lengths === undefined) continue;
    const stored = m._storedFields.get(short);
    let score = 0;
    const match: Record<string, string[]> = {};
    let all = true;
    for (let t = 0; t < terms.length && all; t++) {
      const term = terms[t] as string;
      let termScore = 0;
      const fields: string[] = [];
      for (const { field, boost, id: fieldId } of boosts) {
        const freqs = postings[t]?.get(fieldId);
        const tf = freqs?.get(short);
        if (freqs === undefined || tf === undefined) continue;
        const docBoost = opts.boostDocument ? opts.boostDocument(id, term, stored) : 1;
        if (!docBoost) continue;
        const idf = Math.log(1 + (m._documentCount - freqs.size + 0.5) / (freqs.size + 0.5));
        const raw = idf * (bm25.d + (tf * (bm25.k + 1)) / (tf + bm25.k * (1 - bm25.b + (bm25.b * (lengths[fieldId] as number)) / (m._avgFieldLength[fieldId] as number))));
        termScore += 1 * 1 * boost * docBoost * raw;
        fields.push(field);
      }
      if (fields.length === 0) all = false;
      else {
        score += termScore;
        match[term] = fields;
      }
    }
    if (!all) continue;
    const result: SearchResult = { id, score: score * unique.length, terms: Object.keys(match), queryTerms: [...unique], match, ...stored };
    if (!opts.filter || opts.filter(result)) results.push(result);
  }
  return results.sort((a, b) => b.score - a.score);
}

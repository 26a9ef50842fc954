/**
 * Ranked partial matching: the documents of an index that say what a question asks, even when none holds every
 * word of it ("Trump private fundraiser in San Antonio" finds "Trump's fundraiser in San Antonio"). Each query term
 * weighs by how rare it is in the corpus (a name or a rare verb says more than "said"); a document covers the share
 * of that weight it holds, inflections meeting through the stems ("stepped down" and "step down"). A person named in
 * full ("Hector Martin") is one term, which a sentence mentioning that person covers however it names them
 * ("Martin later stepped down").
 *
 * Candidates are found the MaxScore way: a document holding none of the rarest terms cannot reach the floor with the
 * common ones alone, so only the documents of the rarest terms are candidates, and the common terms are then looked up
 * for those alone. When even the rarest terms needed are common, only documents holding every word are scored (the
 * cheap AND pass of rareLead.ts).
 */
import type { SearchIndex } from "./positioned.ts";
import type { NameIndex } from "./name-index.ts";
import type { RareLead } from "./rareLead.ts";
import { shortestHoldingWords } from "./shortestHolding.ts";
import { Marks, type MarkedDocuments } from "./marks.ts";
import { indexTerm, tokenize } from "./text.ts";

/**
 * What a term found only around a document counts for: in its context (the next sentence of its paragraph, which
 * often says what the dated one did not) or in its article's title (what every sentence of the article is about).
 */
const CONTEXT_CREDIT = 0.75;
const TITLE_CREDIT = 0.5;

export interface QueryTerm {
  /** The query's words this term stands for: one word, or the words of a person's name. */
  words: string[];
  /** The index terms (stems) of those words. */
  terms: string[];
  /** The people the words name, when they are two or more words of one person's name. */
  people: number[];
  weight: number;
}

export interface QueryPlan {
  terms: QueryTerm[];
  total: number;
}

/** The terms of a query, with their weights; `ignore` holds question words that say nothing about the event. */
export function planQuery(query: string, names: NameIndex, idf: (term: string) => number, ignore: ReadonlySet<string>): QueryPlan {
  const words = tokenize(query).filter((w) => !ignore.has(w));
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; ) {
    const run = personRun(words, i, names);
    if (run) {
      const stems = run.words.map(indexTerm).filter((t): t is string => t !== null);
      terms.push({ words: run.words, terms: stems, people: run.people, weight: Math.max(0, ...stems.map(idf)) });
      i += run.words.length;
      continue;
    }
    const word = words[i++] as string;
    const term = indexTerm(word);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    terms.push({ words: [word], terms: [term], people: [], weight: idf(term) });
  }
  return { terms, total: terms.reduce((sum, t) => sum + t.weight, 0) };
}

/** The longest run of two or more words from `start` that are all names of the same people. */
function personRun(words: string[], start: number, names: NameIndex): { words: string[]; people: number[] } | undefined {
  let people: number[] | undefined;
  let end = start;
  for (let j = start; j < words.length; j++) {
    const named = names.peopleNamed(words[j] as string);
    const next: number[] = named ? (people ?? [...named]).filter((p) => named.has(p)) : [];
    if (next.length === 0) break;
    people = next;
    end = j + 1;
  }
  return people && end - start >= 2 ? { words: words.slice(start, end), people } : undefined;
}

export interface Match {
  id: number;
  /** Weighted share of the query the document holds (a term found only in its context or title counts less). */
  coverage: number;
  /** The terms found in the document's own text. */
  found: QueryTerm[];
  /** How many terms were found anywhere. */
  count: number;
}

export interface MatchOptions {
  /** Share of the query's weight a document must hold to be a candidate worth ranking. */
  floor: number;
  /** How common each word is in the index (rareLead.ts), to tell rare words from common ones cheaply. */
  lead: RareLead;
  /** The documents that mention a person. */
  mentioning: (person: number) => number[];
  /** The field of a document's own text. */
  field: string;
  /** A field whose matches count less, if the index has one, and whether it tells of the same thing for a document. */
  context?: { field: string; continues: (id: number) => boolean };
  /** The terms of the title of a document's article, which count less too. */
  title: (id: number) => readonly string[] | undefined;
  /**
   * A document's length, to rank equal coverages: the shorter states the match more plainly (default: the lead's
   * lengths, which also lets a question whose every word each candidate must hold pass over long ones unread).
   */
  length?: (id: number) => number;
  /** Past this many candidates, only documents holding every one of the rarest terms are candidates. */
  maxCandidates: number;
  /** How many of the best covered documents are wanted. */
  limit: number;
  /** Documents not wanted at all. */
  exclude?: (id: number) => boolean;
}

/**
 * Which of the query's terms a document holds, one bit each, packed in one number: the low bits for its text, the
 * high ones (shifted by MAX_TERMS) for its context. Queries are short (a Discord option holds 64 characters): past
 * MAX_TERMS terms, the rest are not looked up.
 */
const MAX_TERMS = 15;
const inText = (held: number) => held & ((1 << MAX_TERMS) - 1);
const inContext = (held: number) => held >>> MAX_TERMS;

/**
 * Documents holding a share of the query, best covered first (those below the floor included: the nearest matches).
 * Each term's documents are walked once without building a search result (MiniSearch calls `boostDocument` for
 * every document a term is in): the rarest terms add candidates, the others only mark the candidates they are in.
 */
export function matchPartially(index: SearchIndex, plan: QueryPlan, options: MatchOptions): Match[] {
  const terms = plan.terms.slice(0, MAX_TERMS);
  if (terms.length === 0 || plan.total <= 0) return [];
  const mentioning = new Map<number, number[]>();
  const byPerson = (p: number) => mentioning.get(p) ?? (mentioning.set(p, options.mentioning(p)).get(p) as number[]);
  const size = (t: QueryTerm) =>
    t.people.length ? t.people.reduce((n, p) => n + byPerson(p).length, 0) : options.lead.share(t.words[0] as string) * index.documentCount;
  // Terms the corpus does not hold weigh in the total but find nothing.
  const rarest = terms.map((t, bit) => ({ t, bit, size: size(t) })).filter((x) => x.size > 0).sort((a, b) => b.t.weight - a.t.weight);
  // The fewest rarest terms a candidate must hold one of: the others together stay below the floor. At least one, so
  // that a question nothing answers still finds its nearest matches.
  let rest = rarest.reduce((sum, x) => sum + x.t.weight, 0);
  let needed = 0;
  for (const x of rarest) {
    if (needed > 0 && rest < options.floor * plan.total) break;
    needed++;
    rest -= x.t.weight;
  }
  // A match holds two terms at least: a question of two needs both. When even the needed terms are common, a
  // candidate must hold every one of them: the cheap AND pass.
  if (terms.length <= 2) needed = rarest.length;
  const every = terms.length <= 2 || rarest.slice(0, needed).reduce((n, x) => n + x.size, 0) > options.maxCandidates;
  // Every term needed (and held somewhere): the candidates are the documents holding them all.
  const all = every && needed === terms.length && rarest.length === terms.length;
  const shortest = all ? shortestHoldingAll(index, terms, (rarest[0]?.size ?? Infinity) > options.maxCandidates, options) : undefined;
  if (shortest) return shortest.map((id) => ({ id, coverage: 1, found: [...terms], count: terms.length }));
  const held = new Marks(index.documentCount);
  try {
    let nearest: Map<number, number> | undefined;
    rarest.forEach((x, i) => {
      const add = i === 0 || (i < needed && !every);
      hold(index, x.t, x.bit, held, add, { ...options, mentioning: byPerson });
      if (!every || i === 0 || i >= needed) return;
      // The rarest term's documents, if few, stay the nearest matches should no document hold every needed term.
      if (i === 1 && (rarest[0]?.size ?? Infinity) <= options.maxCandidates) nearest = held.copy();
      const bits = (1 << x.bit) | (1 << (x.bit + MAX_TERMS));
      held.forEach((h, id) => {
        if (!(h & bits)) held.delete(id);
      });
    });
    return best(terms, plan.total, held.size === 0 && nearest ? nearest : held, options);
  } finally {
    held.release();
  }
}

/**
 * When every candidate must hold every term in its own text, all cover the whole query alike and rank by length, then
 * position: the best are the shortest holding every term (shortestHolding.ts), found without marking every candidate.
 * `noNearest`: the rarest term's documents are too many to offer as the nearest matches when none holds every term.
 */
function shortestHoldingAll(index: SearchIndex, terms: QueryTerm[], noNearest: boolean, options: MatchOptions): number[] | undefined {
  const lengths = options.length ? undefined : options.lead.lengths;
  if (!lengths || options.limit <= 0 || options.context || terms.some((t) => t.people.length > 0)) return undefined;
  const found = shortestHoldingWords(index, terms.map((t) => t.words[0] as string), lengths, options.limit, { field: options.field, ...(options.exclude && { exclude: options.exclude }) });
  if (!found) return undefined;
  // None at all leaves the nearest matches to find, where there are few enough: the full pass does that.
  return found.length > 0 || noNearest ? found : undefined;
}

/** The best covered candidates, equal coverages ranked by length, with the terms each holds. */
function best(terms: QueryTerm[], total: number, held: MarkedDocuments, options: MatchOptions): Match[] {
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

/** Marks the documents holding a term (adding those not yet candidates, or only marking the candidates). */
function hold(index: SearchIndex, t: QueryTerm, bit: number, held: Marks, add: boolean, options: MatchOptions): void {
  const mark = (id: number, flag: number) => held.mark(id, flag, add);
  for (const p of t.people) for (const id of options.mentioning(p)) mark(id, 1 << bit);
  // A name's rarest word too, for the documents that write the name out without being linked to the person.
  const word = t.people.length ? rarestWord(t, options.lead.share) : (t.words[0] as string);
  // A term that only marks candidates looks them up when they are fewer than the documents holding it.
  const among = add ? undefined : held;
  walk(index, word, options.field, (id) => mark(id, 1 << bit), among);
  if (options.context) walk(index, word, options.context.field, (id) => mark(id, 1 << (bit + MAX_TERMS)), among);
}

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

function rarestWord(t: QueryTerm, share: (word: string) => number): string {
  return [...t.words].sort((a, b) => share(a) - share(b))[0] as string;
}

/**
 * Calls `f` with each document holding the word in a field (of `among` only, if given), read from the index's postings,
 * or else by a search building no result (a falsy boost skips a document).
 */
function walk(index: SearchIndex, word: string, field: string, f: (id: number) => void, among?: Marks): void {
  const docs = index.documentsWith?.(word, field);
  if (docs && among && among.size < docs.size) {
    among.forEach((_, id) => {
      if (docs.has(id)) f(id);
    });
    return;
  }
  if (docs) return docs.forEach((id) => f(id as number));
  index.search(word, { fields: [field], combineWith: "OR", fuzzy: false, prefix: false, boostDocument: (id) => (f(id as number), 0) });
}

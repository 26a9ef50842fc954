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
 *
 * The query's terms and their weights are queryPlan.ts; the ranking of the candidates found here, matchRanking.ts.
 */
import type { SearchIndex } from "./positioned.ts";
import type { RareLead } from "./rareLead.ts";
import { shortestHoldingWords } from "./shortestHolding.ts";
import { Marks } from "./marks.ts";
import { best, MAX_TERMS } from "./matchRanking.ts";
import type { QueryPlan, QueryTerm } from "./queryPlan.ts";

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

/**
 * How well one sentence states the event a question asks about, beyond how much of the question it holds: whether a
 * date stands by the words that say what happened (the event asked, not another one the sentence also dates), and
 * whether the question's phrases stand in it as typed.
 */
import type { QueryPlan, QueryTerm } from "./queryPlan.ts";
import { indexTerm } from "./text.ts";

interface Word {
  term: string | null;
  start: number;
  end: number;
}

const WORD = /\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

// One question reads the same sentences in several passes: their words are kept for the few hundred last read.
const MAX_KEPT = 512;
const kept = new Map<string, Word[]>();

function words(text: string): Word[] {
  const known = kept.get(text);
  if (known) return known;
  const out = readWords(text);
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(text, out);
  return out;
}

function readWords(text: string): Word[] {
  const out: Word[] = [];
  // WORD is the index's own token pattern (text.ts indexTokenize): each match is one token as the index reads it.
  for (const m of text.matchAll(WORD)) out.push({ term: indexTerm(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

export interface Fit {
  /** 1 when a date stands right by the event's words, falling towards 0 with the distance; 0 without a date. */
  proximity: number;
  /** Share of the question's neighbouring word pairs that stand side by side in the sentence. */
  phrase: number;
  /**
   * 1 when the words found stand together in one clause, falling with the clause breaks and the words between them:
   * "X in the kernel is no longer experimental" states it; "X is becoming part of it, and it is no longer an
   * experimental thing" only holds the words.
   */
  clause: number;
}

/**
 * The fit of `text` to the question. `isName` tells name words from event words: a date is placed by the words of
 * what happened ("endorsed", "primary"), and by the names only when nothing else was found; `placedBy` narrows the
 * words that may place it (all those found, unless told otherwise).
 */
export function statementFit(text: string, plan: QueryPlan, found: QueryTerm[], isName: (t: QueryTerm) => boolean, dateText?: string, placedBy = found): Fit {
  const ws = words(text);
  const events = placedBy.filter((t) => !isName(t));
  const placing = new Set((events.length ? events : placedBy).flatMap((t) => t.terms));
  return { proximity: dateText === undefined ? 0 : proximity(text, ws, placing, dateText), phrase: phraseFit(plan, ws), clause: clauseFit(text, ws, found) };
}

// A comma or a dash between a date and a word sets them in different clauses ("X, who needs a win in Tuesday's
// primary, received the endorsement on Friday"): it counts as this many words more. A bracket only sets an aside.
const CLAUSE_BREAK = /[,;:\u2013\u2014]|\s-\s/g;
const BREAK_WORDS = 3;
// A date dates the verb before it: a clause joined after the date tells of another happening ("launched it in 2014 and
// renamed it in 2015": 2014 is the launch's). After the date, a coordinating word is a break too.
const COORDINATION = /\b(?:and|but|while|whereas)\b/gi;

function proximity(text: string, ws: Word[], placing: Set<string>, dateText: string): number {
  let at = text.indexOf(dateText);
  if (at < 0) at = text.toLowerCase().indexOf(dateText.toLowerCase());
  if (at < 0) return 0;
  const end = at + dateText.length;
  const first = ws.findIndex((w) => w.end > at);
  const last = ws.findIndex((w) => w.start >= end);
  const [from, to] = [first < 0 ? ws.length : first, last < 0 ? ws.length : last];
  let best = Infinity;
  ws.forEach((w, i) => {
    if (w.term === null || !placing.has(w.term) || (i >= from && i < to)) return;
    const between = i < from ? text.slice(w.end, at) : text.slice(end, w.start);
    const words = i < from ? from - i - 1 : i - to;
    const breaks = (between.match(CLAUSE_BREAK)?.length ?? 0) + (i < from ? 0 : (between.match(COORDINATION)?.length ?? 0));
    best = Math.min(best, words + BREAK_WORDS * breaks);
  });
  return best === Infinity ? 0 : 1 / (1 + best / 3);
}

const ASIDE = /,[^,;:\u2013\u2014]*,/g;
/** Words between the question's words that do not yet make them a different statement. */
const SPREAD = 8;

function clauseFit(text: string, ws: Word[], found: QueryTerm[]): number {
  if (found.length < 2) return 1;
  // Each word of the sentence that is one of the terms found, by term; then the narrowest window holding all terms.
  const termOf = new Map<string, number>();
  found.forEach((t, i) => t.terms.forEach((term) => termOf.set(term, i)));
  const hits: { at: number; term: number }[] = [];
  ws.forEach((w, at) => {
    const term = w.term === null ? undefined : termOf.get(w.term);
    if (term !== undefined) hits.push({ at, term });
  });
  const counts = new Array<number>(found.length).fill(0);
  const add = (i: number, by: number) => (counts[i] = (counts[i] ?? 0) + by);
  let covered = 0;
  let best: [number, number] | undefined;
  for (let lo = 0, hi = 0; hi < hits.length; hi++) {
    const h = hits[hi] as { at: number; term: number };
    if (add(h.term, 1) === 1) covered++;
    for (let l = hits[lo]; covered === found.length && l; l = hits[++lo]) {
      if (!best || h.at - l.at < best[1] - best[0]) best = [l.at, h.at];
      if (add(l.term, -1) === 0) covered--;
    }
  }
  if (!best) return 0;
  // An aside between two commas ("Cruz, who needs a win in Indiana, received ...") leaves the clause whole.
  const between = text.slice((ws[best[0]] as Word).end, (ws[best[1]] as Word).start).replace(ASIDE, " ");
  const breaks = (between.match(CLAUSE_BREAK)?.length ?? 0) + (between.match(COORDINATION)?.length ?? 0);
  const spread = Math.max(0, (between.match(WORD)?.length ?? 0) + 2 - found.length);
  return 1 / (1 + breaks) / (1 + spread / SPREAD);
}

// "already merged", "has been merged", "had left": the event was over before the time the sentence speaks from.
const DONE_BEFORE = new Set(["already", "has", "have", "had", "'ve", "been"]);

// "would merge", "could resign": the event is only supposed, asked for or feared, not told as having happened.
const SUPPOSED = new Set(["would", "could", "might", "may", "should", "must", "can"]);

/** Whether the sentence tells of one of the terms only as supposed ("Torvalds would merge the code"). */
export function statedAsSupposed(text: string, terms: QueryTerm[]): boolean {
  return terms.some((t) => before(text, t, SUPPOSED));
}

/**
 * Whether the sentence tells of one of the terms as done already ("with support already merged", "has left"): the
 * present of the sentence ("now") then dates the state that followed, not the event.
 */
export function statedAsDone(text: string, terms: QueryTerm[]): boolean {
  return terms.some((t) => before(text, t, DONE_BEFORE));
}

/** Whether a word of `cue` stands one or two words before the term, wherever the term is in the text. */
function before(text: string, t: QueryTerm, cue: ReadonlySet<string>): boolean {
  const ws = words(text);
  const cued = (i: number) => {
    const w = ws[i];
    return w !== undefined && cue.has(text.slice(w.start, w.end).toLowerCase());
  };
  return ws.some((w, i) => w.term !== null && t.terms.includes(w.term) && (cued(i - 1) || cued(i - 2)));
}

function phraseFit(plan: QueryPlan, ws: Word[]): number {
  const order = plan.terms.flatMap((t) => t.terms);
  if (order.length < 2) return 0;
  // Stop words have no term: "merged into the kernel" stands for "merged kernel", as the question does.
  const present = ws.map((w) => w.term).filter((t): t is string => t !== null);
  const pairs = new Set(present.slice(1).map((t, i) => `${present[i]} ${t}`));
  let hits = 0;
  for (let i = 1; i < order.length; i++) if (pairs.has(`${order[i - 1]} ${order[i]}`)) hits++;
  return hits / (order.length - 1);
}

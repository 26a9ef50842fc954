/**
 * How well one sentence states the event a question asks about, beyond how much of the question it holds: whether a
 * date stands by the words that say what happened (the event asked, not another one the sentence also dates), and
 * whether the question's phrases stand in it as typed.
 */
import type { QueryPlan, QueryTerm } from "./statements.ts";
import { indexTerm, indexTokenize } from "./text.ts";

interface Word {
  term: string | null;
  start: number;
  end: number;
}

const WORD = /\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const token = indexTokenize(m[0])[0];
    out.push({ term: token === undefined ? null : indexTerm(token), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export interface Fit {
  /** 1 when a date stands right by the event's words, falling towards 0 with the distance; 0 without a date. */
  proximity: number;
  /** Share of the question's neighbouring word pairs that stand side by side in the sentence. */
  phrase: number;
}

/**
 * The fit of `text` to the question. `isName` tells name words from event words: a date is placed by the words of
 * what happened ("endorsed", "primary"), and by the names only when nothing else was found.
 */
export function statementFit(text: string, plan: QueryPlan, found: QueryTerm[], isName: (t: QueryTerm) => boolean, dateText?: string): Fit {
  const ws = words(text);
  const events = found.filter((t) => !isName(t));
  const placing = new Set((events.length ? events : found).flatMap((t) => t.terms));
  return { proximity: dateText === undefined ? 0 : proximity(text, ws, placing, dateText), phrase: phraseFit(plan, ws) };
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

/**
 * A /when question as read for ranking, and how well one sentence states it: the question's words, the state it says
 * ended (which a sentence must deny), whether it asks about a state at all, and what its verbs reach ("merged into
 * the kernel", which a sentence must not put elsewhere).
 */
import type { Indexes } from "./indexes.ts";
import { otherObject, readFrames, type Frame } from "./eventFrame.ts";
import { denies, readPolarity } from "./polarity.ts";
import { statedAsSupposed, type Fit } from "./statementFit.ts";
import { planQuery, type QueryPlan, type QueryTerm } from "./queryPlan.ts";
import type { Match } from "./statements.ts";
import { QUESTION_WORDS, withoutDateQuestion } from "./whenWords.ts";

export interface Question {
  plan: QueryPlan;
  denied: ReadonlySet<string>;
  /** It asks when a state held or began ("become", "no longer"): the present ("now") dates a state as well as an event. */
  state: boolean;
  frames: Frame[];
  /** Every term of the question, which an object may name. */
  terms: ReadonlySet<string>;
}

export function readQuestion(query: string, indexes: Indexes): Question {
  const polarity = readPolarity(withoutDateQuestion(query));
  const plan = planQuery(polarity.query, indexes.names, indexes.sentenceIdf, QUESTION_WORDS);
  return { plan, denied: polarity.denied, state: polarity.state, frames: readFrames(polarity.query), terms: new Set(plan.terms.flatMap((t) => t.terms)) };
}

/** Share of the question's weight a sentence must state to answer it: below it, a sentence is about something else. */
export const FLOOR = 0.6;

/** Whether a sentence answers the question at all: enough of it, two words at least, and not the state it says ended. */
export const passes = (m: Match, q: Question, text: string) => m.coverage >= FLOOR && m.count >= Math.min(2, q.plan.terms.length) && denies(text, q.denied);

/**
 * How well a sentence states the event: mostly how much of the question it holds, then the fit of its wording (its
 * words in one clause, the question's phrases as typed, a date by them).
 */
export function statementScore(coverage: number, fit: Fit, dated: boolean, present = false): number {
  const placed = present ? fit.proximity : dated ? 0.5 + 0.5 * fit.proximity : 0.6;
  return coverage * coverage * placed * (1 + 0.2 * fit.phrase) * (0.5 + 0.5 * fit.clause);
}

/**
 * A sentence whose verb reaches something other than the question's ("merged into linux-next"), or that tells of the
 * event only as supposed ("would merge"), ranks this much lower for each.
 */
const DISAGREES = 0.5;

export function agreement(q: Question, text: string, events: QueryTerm[]): number {
  return (otherObject(text, q.frames, q.terms) ? DISAGREES : 1) * (statedAsSupposed(text, events) ? DISAGREES : 1);
}

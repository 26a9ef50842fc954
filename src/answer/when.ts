import type { KbEvent } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { tooCommon } from "./rareLead.ts";
import { statedAsDone, statementFit } from "./statementFit.ts";
import type { QueryPlan, QueryTerm } from "./queryPlan.ts";
import { matchPartially } from "./statements.ts";
import { mergeCandidates, type RankedEvent } from "./sameEvent.ts";
import { contentTokens } from "./text.ts";
import type { Fact, WhenAnswer } from "./types.ts";
import { agreement, FLOOR, passes, readQuestion, statementScore, type Question } from "./whenQuestion.ts";
import { MAX_CANDIDATES, mentionPositions, nameTest, READ, undatedIn, undatedStatement, type Undated } from "./whenUndated.ts";
import { PRESENT_REFERENCE } from "./whenWords.ts";

const MAX_EVENTS = 10;
const MAX_NEAREST = 3;
/** How much more of the question a sentence with no date must state to be answered instead of the dated ones. */
const UNDATED_MARGIN = 0.25;
/**
 * Or, holding as much, how much better it must state it: a dated sentence that only holds the words ("had said: it is
 * becoming part of it, and no longer an experimental thing") gives way to the undated one that states the event.
 */
const UNDATED_EDGE = 1.25;
/** Below this clause fit the best dated sentence holds the words without stating them, and dateless ones are read. */
const LOOSE = 0.5;
/** How many of the best dated answers' articles a loose best is weighed against the dateless sentences of. */
const NEAR_ARTICLES = 3;
/** Sentences after (and just before) a dateless statement that may give its date: "The suit was filed on Monday." */
const NEIGHBOURS = [1, 2, 3, -1];

interface Candidate extends RankedEvent {
  /** The event's id (an event object is made each time the event is read: ids compare events). */
  id: number;
  score: number;
  coverage: number;
  /** How closely its words state the question in one clause (statementFit.ts). */
  clause?: number;
}

/** Dated sentences holding a share of the question, best statement first (below the floor too, for `nearest`). */
function datedStatements(view: CorpusView, indexes: Indexes, q: Question): { ranked: Candidate[]; passing: Candidate[] } {
  const { plan } = q;
  const matches = matchPartially(indexes.events, plan, {
    floor: FLOOR,
    lead: indexes.eventLead,
    field: "text",
    context: { field: "context", continues: (id) => continues(view, view.kb.events.at(id) as KbEvent) },
    length: (id) => indexes.sentenceLead.lengths?.[indexes.eventPositions[id] ?? -1] ?? 0,
    maxCandidates: MAX_CANDIDATES,
    limit: READ,
    title: (id) => indexes.titleTermsAt(indexes.eventPositions[id] ?? -1),
    mentioning: (person) => mentionPositions(view, indexes, person).flatMap((p) => indexes.eventsAt.get(p) ?? []),
  });
  const isName = nameTest(indexes);
  const ranked: Candidate[] = [];
  const passing: Candidate[] = [];
  for (const m of matches) {
    const event = view.kb.events.at(m.id) as KbEvent;
    // The present dates the event only by its rarest word ("merged"), not by a common one beside it ("Rust is now").
    // Nor does it date an event told as done already ("now in good shape, with support already merged").
    const text = view.sentence(event);
    const present = PRESENT_REFERENCE.test(event.dateText.trim());
    const events = m.found.filter((t) => !isName(t));
    const placing = present ? (statedAsDone(text, events) ? [] : heaviest(events)) : m.found;
    const fit = statementFit(text, plan, m.found, isName, event.dateText, placing);
    const c = { id: m.id, event, score: statementScore(m.coverage, fit, true, present && !q.state) * agreement(q, text, events), coverage: m.coverage, clause: fit.clause };
    ranked.push(c);
    if (passes(m, q, text)) passing.push(c);
  }
  finerFirst(ranked);
  const best = (a: Candidate, b: Candidate) => b.score - a.score;
  return { ranked: ranked.sort(best), passing: passing.sort(best) };
}

/**
 * A sentence's coarser date that holds a finer one of the same sentence says less of when it happened ("Yesterday, at
 * this year's show, the firm unveiled ...": yesterday, not this year): it ranks right after the finer one.
 */
function finerFirst(candidates: Candidate[]): void {
  for (const c of candidates)
    for (const d of candidates)
      if (d !== c && d.event.article === c.event.article && d.event.sentence === c.event.sentence && d.event.date.startsWith(`${c.event.date}-`))
        c.score = Math.min(c.score, d.score * 0.99);
}

const heaviest = (terms: QueryTerm[]): QueryTerm[] => terms.reduce<QueryTerm[]>((best, t) => (best[0] && best[0].weight >= t.weight ? best : [t]), []);

// A sentence that opens by pointing back ("His resignation letter …", "The suit …", "It …"), or with a quotation mark
// in the paragraph of the one before it (the same speaker going on), goes on about it; any other starts something new.
const POINTS_BACK = /^\s*["“‘']|^\W*(?:he|she|it|they|his|her|its|their|this|that|these|those|the|such)\b/i;

/** Whether the next sentence of an event's paragraph goes on about it, so that its words tell what happened. */
function continues(view: CorpusView, e: KbEvent): boolean {
  const next = { article: e.article, sentence: e.sentence + 1 };
  const paragraph = view.paragraph(next);
  return paragraph !== undefined && paragraph === view.paragraph(e) && POINTS_BACK.test(view.sentence(next));
}

/**
 * A date for a dateless statement from a sentence close after it (or just before it) that speaks of the same
 * happening: it holds one of the question's words that the statement holds too, with a date beside it.
 */
function borrowDate(view: CorpusView, indexes: Indexes, plan: QueryPlan, u: Undated, rivals: Candidate[]): Candidate | undefined {
  const ref = indexes.sentenceRef(u.position);
  if (!ref) return undefined;
  const isName = nameTest(indexes);
  const shared = u.match.found.filter((t) => !isName(t));
  if (shared.length === 0) return undefined;
  for (const offset of NEIGHBOURS) {
    const at = u.position + offset;
    if (indexes.sentenceRef(at)?.article !== ref.article) continue;
    let best: Candidate | undefined;
    for (const id of indexes.eventsAt.get(at) ?? []) {
      const event = view.kb.events.at(id) as KbEvent;
      // A sentence that holds the question as fully is another report of it (a remark), not the statement's date.
      if (rivals.some((r) => r.id === id && r.coverage >= u.match.coverage)) continue;
      const fit = statementFit(view.sentence(event), plan, shared, () => false, event.dateText);
      if (fit.proximity === 0) continue;
      const score = u.score * (0.5 + 0.5 * fit.proximity) / 0.6;
      if (!best || score > best.score) best = { id, event, score, coverage: u.match.coverage, text: view.sentence(ref) };
    }
    if (best) return best;
  }
  return undefined;
}

/**
 * /when: the dated events that state what the question asks, best first. A question whose event the corpus states
 * only without a date gets that statement as reported (by its article's date), never dressed as the event's date; a
 * question nothing states gets no event, with the nearest dated events offered.
 */
export function when(view: CorpusView, indexes: Indexes, query: string): WhenAnswer {
  const asOf = view.asOf;
  const q = readQuestion(query, indexes);
  const { plan } = q;
  if (plan.terms.length === 0) return { events: [], asOf };
  // As /search does: words in a tenth of all events ("year", "said") date nothing and cost a scan of them all.
  const words = plan.terms.flatMap((t) => t.words);
  if (words.every((w) => tooCommon(indexes.events, indexes.eventLead.share, w))) return { events: [], tooCommon: [...new Set(contentTokens(words.join(" ")))], asOf };
  const { ranked, passing } = datedStatements(view, indexes, q);
  const best = passing[0];
  // No sentence can hold a word the corpus lacks: when the best dated one holds nearly all the rest, nothing dateless
  // can state the event better, and the sentences need not be searched.
  const held = plan.terms.filter((t) => t.people.length > 0 || indexes.sentenceLead.share(t.words[0] as string) > 0);
  const reachable = held.reduce((sum, t) => sum + t.weight, 0) / plan.total;
  const loose = (best?.clause ?? 1) < LOOSE;
  const wider = !best || best.coverage + UNDATED_MARGIN < reachable;
  // A loose best is weighed against the dateless sentences of its own articles (a dateline's lead, a decision), only.
  const near = () => [...new Set(passing.slice(0, NEAR_ARTICLES).map((c) => c.event.article))];
  const undated = wider ? undatedStatement(view, indexes, q) : loose ? undatedIn(view, indexes, q, near()) : undefined;
  // A dated sentence that holds nearly as much of the question is taken to tell of the same event, and preferred.
  const statesBetter = (u: Undated, b: Candidate) => u.match.coverage >= b.coverage && u.score > b.score * UNDATED_EDGE;
  if (undated && (!best || undated.match.coverage > best.coverage + UNDATED_MARGIN || statesBetter(undated, best))) {
    const borrowed = borrowDate(view, indexes, plan, undated, ranked);
    if (borrowed) return { events: mergeCandidates(view, [borrowed, ...passing]).slice(0, MAX_EVENTS), asOf };
    const ref = indexes.sentenceRef(undated.position);
    const reported: Fact[] = ref ? [{ text: view.sentence(ref), source: view.source(ref.article) }] : [];
    return { events: [], reported, nearest: mergeCandidates(view, ranked).slice(0, MAX_NEAREST), asOf };
  }
  if (passing.length === 0) return { events: [], nearest: mergeCandidates(view, ranked).slice(0, MAX_NEAREST), asOf };
  return { events: mergeCandidates(view, passing).slice(0, MAX_EVENTS), asOf };
}

/**
 * /when's sentences without a date of their own that state the question: searched across the corpus when no dated
 * sentence holds nearly as much of it, or read in the articles of the best dated answers when those only hold its
 * words loosely (a remark dated by its own year, while the lead of the same article states the decision undated).
 */
import { sentenceCount } from "../kb/sentenceStore.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { statementFit } from "./statementFit.ts";
import type { QueryTerm } from "./queryPlan.ts";
import { matchPartially, type Match } from "./statements.ts";
import { sentenceWords } from "./sentenceWords.ts";
import { agreement, FLOOR, passes, statementScore, type Question } from "./whenQuestion.ts";

/** How many of the best-covered sentences are read closely (where their dates stand, what is quoted). */
export const READ = 20;
/** Past this many candidates of the rarest words, only sentences holding every word are ranked (rareLead.ts). */
export const MAX_CANDIDATES = 1500;

export interface Undated {
  position: number;
  match: Match;
  score: number;
}

/** The words of a question that name people rather than say what happened. */
export function nameTest(indexes: Indexes): (t: QueryTerm) => boolean {
  return (t) => t.people.length > 0 || t.words.every((w) => indexes.names.peopleNamed(w) !== undefined);
}

export function mentionPositions(view: CorpusView, indexes: Indexes, person: number): number[] {
  return (view.kb.people[person]?.mentions ?? []).map((m) => indexes.sentencePosition(m)).filter((p): p is number => p !== undefined);
}

/** The best of these matches that answers the question, scored as a statement without a date. */
function best(view: CorpusView, indexes: Indexes, q: Question, matches: Match[]): Undated | undefined {
  const isName = nameTest(indexes);
  let top: Undated | undefined;
  for (const m of matches) {
    const ref = indexes.sentenceRef(m.id);
    const text = ref && view.sentence(ref);
    if (!text || !passes(m, q, text)) continue;
    const score = statementScore(m.coverage, statementFit(text, q.plan, m.found, isName), false) * agreement(q, text, m.found.filter((t) => !isName(t)));
    if (!top || score > top.score) top = { position: m.id, match: m, score };
  }
  return top;
}

/** The sentence without a date that states the question best, if one holds enough of it. */
export function undatedStatement(view: CorpusView, indexes: Indexes, q: Question): Undated | undefined {
  const matches = matchPartially(indexes.sentences, q.plan, {
    floor: FLOOR,
    lead: indexes.sentenceLead,
    field: "text",
    // Sentences that hold a date were weighed as events already.
    exclude: (id) => indexes.eventsAt.has(id),
    maxCandidates: MAX_CANDIDATES,
    limit: READ,
    title: (id) => indexes.titleTermsAt(id),
    mentioning: (person) => mentionPositions(view, indexes, person),
  });
  return best(view, indexes, q, matches);
}

/** The same, among the dateless sentences of a few articles only: their words are read, no index is searched. */
export function undatedIn(view: CorpusView, indexes: Indexes, q: Question, articles: string[]): Undated | undefined {
  const { terms, total } = q.plan;
  if (total <= 0) return undefined;
  // As matchPartially does: a sentence holding none of the heaviest terms cannot reach the floor with the others, and
  // a term's stem stands in its words' text (nearly always), so a look at the text skips most sentences unread.
  const heaviest = [...terms].sort((a, b) => b.weight - a.weight);
  let rest = total;
  const needed = heaviest.filter((t) => {
    const need = rest >= FLOOR * total;
    rest -= t.weight;
    return need;
  });
  const matches: Match[] = [];
  for (const id of articles) {
    const mentioned = terms.map((t) => new Set(t.people.flatMap((p) => view.kb.people[p]?.mentions.filter((m) => m.article === id).map((m) => m.sentence) ?? [])));
    const article = view.article(id);
    // Each sentence's text read through the view: making the article's sentence objects would keep them (and the
    // PostgreSQL engine's view reads them from the database).
    for (let index = 0; article && index < sentenceCount(article); index++) {
      const text = view.sentence({ article: id, sentence: index });
      const lower = text.toLowerCase();
      if (!needed.some((t) => t.people.length > 0 || t.terms.some((term) => lower.includes(term)))) continue;
      const position = indexes.sentencePosition({ article: id, sentence: index });
      if (position === undefined || indexes.eventsAt.has(position)) continue;
      const stems = new Set(sentenceWords(text).terms);
      const found = terms.filter((t, i) => mentioned[i]?.has(index) || t.terms.some((term) => stems.has(term)));
      const coverage = found.reduce((sum, t) => sum + t.weight, 0) / total;
      if (coverage >= FLOOR) matches.push({ id: position, coverage, found, count: found.length });
    }
  }
  return best(view, indexes, q, matches);
}

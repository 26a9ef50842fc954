import type { KnowledgeBase } from "../kb/types.ts";
import { check } from "./check.ts";
import { corpusViewSliced, createCorpusView, type CorpusView } from "./context.ts";
import { runAtOnce, runInSlices, type Sliced } from "../util/slices.ts";
import { buildIndexes, buildIndexesAsync, liveIndexes, type Indexes, type LiveSource, type SavedIndexes } from "./indexes.ts";
import { mentioned } from "./mentions.ts";
import { groupedBySpeaker, quote, quotesBy } from "./quote.ts";
import { search } from "./search.ts";
import { suggest } from "./suggest.ts";
import { emptyBoxOrders } from "./suggestOrders.ts";
import { timeline } from "./timeline.ts";
import type { Answers, AsyncAnswers } from "./types.ts";
import { when } from "./when.ts";
import { who } from "./who.ts";

export interface AnswerOptions {
  /** Indexes saved from a build over this same knowledge base, to load instead of building (default: none). */
  saved?: SavedIndexes;
  /** Called after a build (not a load) with the indexes as plain data, for saving. */
  onBuilt?: (saved: SavedIndexes) => void;
}

/** The answers with the indexes they query (a live corpus keeps the large indexes of its first build up to date). */
export interface AnswerSet {
  answers: Answers;
  indexes: Indexes;
}

/** Builds the query side over a knowledge base: indexes once, then pure, synchronous answers. */
export function createAnswers(kb: KnowledgeBase, options: AnswerOptions = {}): Answers {
  return createAnswerSet(kb, options).answers;
}

export function createAnswerSet(kb: KnowledgeBase, options: AnswerOptions = {}): AnswerSet {
  const view = createCorpusView(kb);
  const indexes = buildIndexes(kb, view, options.saved);
  if (!options.saved) options.onBuilt?.(indexes.saved());
  // The orders of the empty autocomplete boxes (every event or article sorted), made now rather than by the first
  // empty box of each kind; a loaded set makes them in slices once its indexes are loaded, after the first answers.
  if (options.saved) void indexes.postings.loaded.then(() => runInSlices(aheadOfFirstAnswers(kb)));
  else runAtOnce(aheadOfFirstAnswers(kb));
  return { answers: answersOver(view, indexes), indexes };
}

/** The same answers, with the indexes built in chunks so a running bot keeps answering while they build. */
export async function createAnswersAsync(kb: KnowledgeBase): Promise<AnswerSet> {
  const view = createCorpusView(kb);
  const indexes = await buildIndexesAsync(kb, view);
  await runInSlices(aheadOfFirstAnswers(kb));
  return { answers: answersOver(view, indexes), indexes };
}

/** The answers of a live corpus's snapshot (src/answer/livePostings.ts), built in slices. */
export async function liveAnswerSet(kb: KnowledgeBase, source: LiveSource): Promise<AnswerSet> {
  const view = await runInSlices(corpusViewSliced(kb));
  const indexes = await liveIndexes(kb, view, source);
  // Sorted here, in slices, rather than at the first empty autocomplete box after the change, all at once.
  await runInSlices(aheadOfFirstAnswers(kb));
  return { answers: answersOver(view, indexes), indexes };
}

/** What first answers would otherwise make, all at once: the empty boxes' orders, each speaker's quotes. */
function* aheadOfFirstAnswers(kb: KnowledgeBase): Sliced<void> {
  yield* emptyBoxOrders(kb);
  yield* groupedBySpeaker(kb.quotes);
  yield* groupedBySpeaker(kb.fragments);
}

/** The answers over these indexes: pure and synchronous (a search engine hands them the indexes: src/search/engine.ts). */
export function answersOver(view: CorpusView, indexes: Indexes): Answers {
  const kb = view.kb;
  return {
    who: (q) => who(view, indexes, q, (name) => quotesBy(view, name)),
    when: (q) => when(view, indexes, q),
    quote: (q) => quote(view, indexes, q),
    search: (q) => search(view, indexes, q),
    timeline: (subject) => timeline(view, indexes, subject),
    suggest: (kind, prefix) => suggest(view, indexes, kind, prefix),
    check: (text) => check(view, indexes, text),
    mentioned: (text) => mentioned(view, indexes, text),
    asOf: () => view.asOf,
    about: () => ({
      articles: [...kb.articles]
        .sort((a, b) => b.published.localeCompare(a.published))
        .map((a) => view.source(a.id)),
      people: kb.people.length,
      quotes: kb.quotes.length,
      events: kb.events.length,
      asOf: view.asOf,
    }),
  };
}

/** Synchronous answers in the shape every engine gives (types.ts AsyncAnswers): each resolves at once. */
export function answersNow(answers: Answers): AsyncAnswers {
  const now =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    async (...args: A): Promise<R> =>
      f(...args);
  return {
    who: now(answers.who),
    when: now(answers.when),
    quote: now(answers.quote),
    search: now(answers.search),
    timeline: now(answers.timeline),
    suggest: now(answers.suggest),
    check: now(answers.check),
    mentioned: now(answers.mentioned),
    asOf: now(answers.asOf),
    about: now(answers.about),
  };
}

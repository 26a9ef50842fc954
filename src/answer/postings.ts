// The three large indexes (events, quotes, sentences) as a set: made empty, or loaded from a saved build section by
// section on first use; apart from indexes.ts because a live corpus (livePostings.ts) keeps and updates one set.
import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import type { KnowledgeBase } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { SavedIndexes } from "./indexes.ts";
import { eventDocs, quoteDocs, sentenceDocsOf } from "./indexDocuments.ts";
import { termCounter, type TermCounter } from "./rareLead.ts";
import { shortIdsChecked } from "./postingLists.ts";
import type { Sliced } from "../util/slices.ts";
import { loadInTurn, loadOnUse } from "./loadOnUse.ts";
import { indexTerm } from "./text.ts";
import { countsWarmed, documentFrequencies, indexOptions, termSetOptions, type Frequencies } from "./search-index.ts";

/**
 * The three large indexes (events, quotes, sentences) with the term counts taken as they fill: built once, then
 * updated in place by a live corpus. Document ids are positions in a full build, a live corpus's own ids after.
 */
export interface Postings {
  events: MiniSearch;
  eventTerms: TermCounter;
  quotes: MiniSearch;
  sentences: MiniSearch;
  sentenceTerms: TermCounter;
  /**
   * Distinct terms of each sentence, by document id (filled by the index's tokenizer as sentences are added, or
   * when a saved sentence index loads: touch `sentences` before reading it).
   */
  sentenceLengths: number[];
  /** Document frequencies behind quoteWeight. */
  quoteFrequencies: Frequencies;
  /** Resolves once the indexes are loaded (at once when built; a saved set loads after the first answers). */
  loaded: Promise<void>;
}

/**
 * A new set of the three large indexes, empty or loaded from `saved`: loaded ones are stand-ins that load on first
 * use or in turn after the current turn of the event loop (loadOnUse.ts), so a start answers names first.
 */
export function createPostings(kb: KnowledgeBase, view: CorpusView, saved?: SavedIndexes): Postings {
  const eventTerms = termCounter(indexTerm, saved?.eventTerms);
  const eventOptions = { ...indexOptions(["text", "context"]), processTerm: eventTerms.processTerm };
  // Quotes are found by their own words only: a user pastes part of what was said, not the narration around it.
  // Fragments share the index, after the quotes (see quoteDocs).
  const quoteOptions = indexOptions(["text"]);
  // Sentences are the largest index: numeric ids and no stored fields keep it small. Each sentence is indexed as
  // the set of its terms, so its results rank by length alone and /search can pick its best hits without scoring
  // them all (rareLead.ts).
  const sentenceTerms = termCounter((term) => term, saved?.sentenceTerms);
  const sentenceLengths: number[] = [];
  const sentenceOptions = termSetOptions("text", sentenceTerms.processTerm, sentenceLengths);
  const frequencies = {
    quoteFrequencies: saved?.quoteFrequencies ?? documentFrequencies(quoteDocs(kb).map((q) => q.text)),
  };
  if (!saved) {
    const [events, quotes, sentences] = [new MiniSearch(eventOptions), new MiniSearch(quoteOptions), new MiniSearch(sentenceOptions)];
    return { events, eventTerms, quotes, sentences, sentenceTerms, sentenceLengths, ...frequencies, loaded: Promise.resolve() };
  }
  // Each saved section is parsed when it is read, and read once: by its loader. One found damaged then (the cache
  // logs it) is built from the knowledge base instead, as a cold start would (restored counters count nothing).
  const quotes = loadOnUse(() => restoreOrBuild(() => MiniSearch.loadJS(saved.quotes, quoteOptions), quoteOptions, () => quoteDocs(kb)));
  const events = loadOnUse(() => restoreOrBuild(() => MiniSearch.loadJS(saved.events, eventOptions), eventOptions, () => eventDocs(kb, view)));
  const sentences = loadOnUse(() =>
    restoreOrBuild(
      () => {
        const js = saved.sentences;
        fillSavedLengths(js, sentenceLengths);
        return MiniSearch.loadJS(js, sentenceOptions);
      },
      sentenceOptions,
      () => sentenceDocsOf(kb),
    ),
  );
  return {
    events: events.index,
    eventTerms,
    quotes: quotes.index,
    sentences: sentences.index,
    sentenceTerms,
    sentenceLengths,
    ...frequencies,
    loaded: loadInTurn([quotes, events, sentences]),
  };
}

export function restoreOrBuild(restore: () => MiniSearch, options: Options, docs: () => object[]): MiniSearch {
  try {
    return restore();
  } catch {
    const index = new MiniSearch(options);
    index.addAll(docs());
    return index;
  }
}

/**
 * What the first queries would otherwise make (tens of milliseconds at a hundred thousand articles): the check that
 * the large indexes' ids are their short ids, the quote frequencies' map.
 */
export function* firstUses(postings: Postings): Sliced<void> {
  for (const index of [postings.sentences, postings.events, postings.quotes]) yield* shortIdsChecked(index);
  yield* countsWarmed(postings.quoteFrequencies);
}

/** Each document's length as a saved single-field index records it (MiniSearch's own serialisation), by document id. */
function fillSavedLengths(js: AsPlainObject, lengths: number[]): void {
  for (const [shortId, id] of Object.entries(js.documentIds)) lengths[id as number] = js.fieldLength[shortId]?.[0] ?? 0;
}

import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import type { KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import { NameIndex } from "./name-index.ts";
import { termCounter, type RareLead, type SavedCounts, type TermCounter } from "./rareLead.ts";
import { indexTerm, tokenize } from "./text.ts";
import { documentFrequencies, idfWeights, indexOptions, termSetOptions } from "./search-index.ts";

export interface Indexes {
  names: NameIndex;
  /** Term weights for the coverage floor of quote searches. */
  quoteWeight: (term: string) => number;
  /** Each person's stated description (id: the person's index). */
  descriptions: MiniSearch;
  events: MiniSearch;
  quotes: MiniSearch;
  /** Every sentence of the corpus; a document's id is its position in `sentenceRefs`. */
  sentences: MiniSearch;
  sentenceRefs: SentenceRef[];
  /** The people each sentence mentions, by sentence position: role questions read the sentences about people. */
  peopleIn: Map<number, number[]>;
  /** The position of a sentence in `sentenceRefs` (and the sentence index), if the corpus holds it. */
  sentencePosition: (ref: SentenceRef) => number | undefined;
  /** The events dated in each sentence, by sentence position; and the position of each event's sentence, by event id. */
  eventsAt: Map<number, number[]>;
  eventPositions: Int32Array;
  /** How much a term says, by how few sentences of the corpus hold it (inverse document frequency). */
  sentenceIdf: (term: string) => number;
  /** The index terms of the title of each sentence's article, by sentence position: what the sentence is about. */
  titleTerms: Set<string>[];
  /** Lets queries on the two large indexes be led by their rare words (rareLead.ts). */
  sentenceLead: RareLead;
  eventLead: RareLead;
  /** What saveIndexes writes, so that a restart can load the indexes instead of building them. */
  saved: () => SavedIndexes;
}

/** The built indexes as plain data (MiniSearch's own serialisation), with the term counts beside them. */
export interface SavedIndexes {
  descriptions: AsPlainObject;
  events: AsPlainObject;
  quotes: AsPlainObject;
  sentences: AsPlainObject;
  eventTerms: SavedCounts;
  sentenceTerms: SavedCounts;
  /** Document frequencies behind quoteWeight. */
  quoteFrequencies: SavedCounts;
}

interface Plan {
  indexes: Omit<Indexes, "names" | "quoteWeight" | "sentenceLead" | "eventLead" | "sentenceIdf" | "saved">;
  eventDocs: { text: string; context: string }[];
  /** Term counts of the two large indexes, taken while they fill. */
  sentenceTerms: TermCounter;
  /** Distinct terms of each sentence, by sentence position. */
  sentenceLengths: number[];
  eventTerms: TermCounter;
  quoteFrequencies: SavedCounts;
  /** Each index with the documents it is to hold. */
  fill: [MiniSearch, object[]][];
}

/**
 * Builds one small index per kind of fact (faster and more precise than one index over everything), or loads them
 * from `saved` (which must have been saved from this same knowledge base: see src/pipeline/startupCache.ts).
 */
export function buildIndexes(kb: KnowledgeBase, view: CorpusView, saved?: SavedIndexes): Indexes {
  const plan = planIndexes(kb, view, saved);
  if (!saved) for (const [index, docs] of plan.fill) index.addAll(docs);
  return finish(kb, view, plan);
}

/**
 * The same indexes, built a chunk of documents at a time with the event loop released in between: a rebuild at
 * 10,000 articles takes seconds, and a running bot must keep answering (and acknowledging within Discord's 3 s).
 */
export async function buildIndexesAsync(kb: KnowledgeBase, view: CorpusView, chunkSize = 2000): Promise<Indexes> {
  const plan = planIndexes(kb, view);
  for (const [index, docs] of plan.fill) await index.addAllAsync(docs, { chunkSize });
  return finish(kb, view, plan);
}

function planIndexes(kb: KnowledgeBase, view: CorpusView, saved?: SavedIndexes): Plan {
  const index = (options: Options, js: AsPlainObject | undefined): MiniSearch => (js ? MiniSearch.loadJS(js, options) : new MiniSearch(options));
  const descriptions = index(indexOptions(["text"]), saved?.descriptions);
  const eventTerms = termCounter(indexTerm, saved?.eventTerms);
  const events = index({ ...indexOptions(["text", "context"]), processTerm: eventTerms.processTerm }, saved?.events);
  // The documents of the events index: built only to fill it (a loaded index needs none).
  const eventDocs = (saved ? [] : kb.events).map((e, id) => {
    const sentences = view.article(e.article)?.sentences ?? [];
    const own = sentences[e.sentence];
    const next = sentences[e.sentence + 1];
    // The next sentence of the same paragraph often says what happened ("His resignation letter ...").
    const context = next && own && next.paragraph === own.paragraph ? next.text : "";
    return { id, text: own?.text ?? "", context };
  });
  // Quotes are found by their own words only: a user pastes part of what was said, not the narration around it.
  // Fragments share the index, after the quotes (see quoteDocs).
  const quotes = index(indexOptions(["text"]), saved?.quotes);
  // Sentences are the largest index: numeric ids and no stored fields keep it small. Each sentence is indexed as
  // the set of its terms, so its results rank by length alone and /search can pick its best hits without scoring
  // them all (rareLead.ts).
  const sentenceTerms = termCounter((term) => term, saved?.sentenceTerms);
  const savedSentences = saved?.sentences; // read once: a saved section is parsed when it is read
  const sentenceLengths: number[] = savedSentences ? savedLengths(savedSentences) : [];
  const sentences = index(
    termSetOptions("text", sentenceTerms.processTerm, sentenceLengths),
    savedSentences,
  );
  const sentenceRefs: SentenceRef[] = [];
  const sentenceDocs: { id: number; text: string }[] = [];
  // Where each article's sentences start in sentenceRefs (a sentence's index is its position in its article).
  const firstSentence = new Map<string, { at: number; count: number }>();
  const titleTerms: Set<string>[] = [];
  for (const a of kb.articles) {
    firstSentence.set(a.id, { at: sentenceRefs.length, count: a.sentences.length });
    const title = new Set(tokenize(a.title).map(indexTerm).filter((t): t is string => t !== null));
    for (const s of a.sentences) {
      titleTerms.push(title);
      if (!saved) sentenceDocs.push({ id: sentenceRefs.length, text: s.text });
      sentenceRefs.push({ article: a.id, sentence: s.index });
    }
  }
  const sentencePosition = (ref: SentenceRef): number | undefined => {
    const article = firstSentence.get(ref.article);
    return article && ref.sentence >= 0 && ref.sentence < article.count ? article.at + ref.sentence : undefined;
  };
  const peopleIn = new Map<number, number[]>();
  kb.people.forEach((p, person) => {
    for (const m of p.mentions) {
      const at = sentencePosition(m);
      if (at === undefined) continue;
      const list = peopleIn.get(at);
      if (!list) peopleIn.set(at, [person]);
      else if (!list.includes(person)) list.push(person);
    }
  });
  const eventsAt = new Map<number, number[]>();
  const eventPositions = new Int32Array(kb.events.length).fill(-1);
  kb.events.forEach((e, id) => {
    const at = sentencePosition(e);
    if (at === undefined) return;
    eventPositions[id] = at;
    const list = eventsAt.get(at);
    if (!list) eventsAt.set(at, [id]);
    else list.push(id);
  });
  return {
    indexes: { descriptions, events, quotes, sentences, sentenceRefs, peopleIn, sentencePosition, eventsAt, eventPositions, titleTerms },
    eventDocs,
    sentenceTerms,
    sentenceLengths,
    eventTerms,
    quoteFrequencies: saved?.quoteFrequencies ?? documentFrequencies(quoteDocs(kb).map((q) => q.text)),
    // Loaded indexes are already full: no documents to add.
    fill: saved
      ? []
      : [
          [descriptions, kb.people.flatMap((p, id) => (p.description ? [{ id, text: p.description }] : []))],
          [events, eventDocs],
          [quotes, quoteDocs(kb)],
          [sentences, sentenceDocs],
        ],
  };
}

function finish(kb: KnowledgeBase, view: CorpusView, plan: Plan): Indexes {
  plan.sentenceTerms.done(plan.indexes.sentences.documentCount);
  plan.eventTerms.done(plan.indexes.events.documentCount);
  return {
    ...plan.indexes,
    names: new NameIndex(kb.people),
    sentenceLead: { share: plan.sentenceTerms.share, lengths: plan.sentenceLengths },
    sentenceIdf: plan.sentenceTerms.idf,
    eventLead: { share: plan.eventTerms.share },
    quoteWeight: idfWeights(plan.quoteFrequencies),
    saved: () => ({
      descriptions: plan.indexes.descriptions.toJSON(),
      events: plan.indexes.events.toJSON(),
      quotes: plan.indexes.quotes.toJSON(),
      sentences: plan.indexes.sentences.toJSON(),
      eventTerms: plan.eventTerms.saved(),
      sentenceTerms: plan.sentenceTerms.saved(),
      quoteFrequencies: plan.quoteFrequencies,
    }),
  };
}

/** The quote index's documents: the direct quotes (id = position), then the fragments (id = quote count + position). */
function quoteDocs(kb: KnowledgeBase): { id: number; text: string }[] {
  return [...kb.quotes, ...kb.fragments].map((q, id) => ({ id, text: q.text }));
}

/** Each document's length as a saved single-field index records it (MiniSearch's own serialisation), by document id. */
function savedLengths(js: AsPlainObject): number[] {
  const lengths: number[] = [];
  for (const [shortId, id] of Object.entries(js.documentIds)) lengths[id as number] = js.fieldLength[shortId]?.[0] ?? 0;
  return lengths;
}

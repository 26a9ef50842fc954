// The indexes the answers read, and the three ways of making them: built at once, built in slices by a running bot,
// or a live corpus's snapshot. How (indexPlan.ts, postings.ts, indexDocuments.ts, finishIndexes.ts) is apart.
import type { AsPlainObject } from "minisearch";
import type { KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import { NameIndex, type SavedNames } from "./name-index.ts";
import { eachSliced, runAtOnce, runInSlices } from "../util/slices.ts";
import type { PositionTable, SearchIndex } from "./positioned.ts";
import type { PositionLists } from "./positionLists.ts";
import type { RareLead, SavedCounts } from "./rareLead.ts";
import { planIndexes } from "./indexPlan.ts";
import { finish } from "./finishIndexes.ts";
import { firstUses, type Postings } from "./postings.ts";

export interface Indexes {
  names: NameIndex;
  /** Term weights for the coverage floor of quote searches. */
  quoteWeight: (term: string) => number;
  /**
   * Lets quote searches of several words be led by their rarest (rareLead.ts); an engine whose postings are not in
   * memory leaves it out, and searches them the plain way.
   */
  quoteLead?: RareLead;
  /** Each person's stated description (id: the person's index). */
  descriptions: SearchIndex;
  events: SearchIndex;
  quotes: SearchIndex;
  /** Every sentence of the corpus; a document's id is its position (see `sentenceRef`). */
  sentences: SearchIndex;
  /**
   * The sentence at a position: the corpus's sentences numbered from 0 in article order. Made when asked for (an
   * object per sentence was some 20 MB at 50,000 articles).
   */
  sentenceRef: (position: number) => SentenceRef | undefined;
  /** How many sentences the corpus holds. */
  sentenceCount: number;
  /** The people each sentence mentions, by sentence position: role questions read the sentences about people. */
  peopleIn: PositionLists;
  /** The position of a sentence (in the sentence index), if the corpus holds it. */
  sentencePosition: (ref: SentenceRef) => number | undefined;
  /** The events dated in each sentence, by sentence position; and the position of each event's sentence, by event id. */
  eventsAt: PositionLists;
  eventPositions: Int32Array;
  /** How much a term says, by how few sentences of the corpus hold it (inverse document frequency). */
  sentenceIdf: (term: string) => number;
  /** The index terms of the title of a sentence's article, by sentence position: what the sentence is about. */
  titleTermsAt: (position: number) => readonly string[] | undefined;
  /** Lets queries on the two large indexes be led by their rare words (rareLead.ts). */
  sentenceLead: RareLead;
  eventLead: RareLead;
  /** What saveIndexes writes, so that a restart can load the indexes instead of building them. */
  saved: () => SavedIndexes;
  /** The indexes over sentences, events and quotes themselves: what a live corpus updates in place (livePostings.ts). */
  postings: Postings;
}

/**
 * A snapshot of a live corpus (livePostings.ts): its postings, and where each of their documents stands in this
 * snapshot's knowledge base.
 */
export interface LiveSource {
  postings: Postings;
  events: PositionTable;
  quotes: PositionTable;
  sentences: PositionTable;
  /** Distinct terms of each sentence, by position. */
  sentenceLengths: ArrayLike<number>;
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
  names: SavedNames;
}

/**
 * Builds one small index per kind of fact (faster and more precise than one index over everything), or loads them
 * from `saved` (which must have been saved from this same knowledge base: see src/pipeline/startupCache.ts).
 */
export function buildIndexes(kb: KnowledgeBase, view: CorpusView, saved?: SavedIndexes): Indexes {
  const plan = runAtOnce(planIndexes(kb, view, saved));
  if (!saved) for (const [index, docs] of plan.fill) index.addAll(docs);
  // A loaded set makes these after its first answers (warmUp).
  if (!saved) runAtOnce(firstUses(plan.postings));
  return finish(kb, view, plan, saved ? restoredNames(kb, saved) : undefined);
}

/** The saved name index, or one built when the saved one is not of these people (a file of an older build). */
function restoredNames(kb: KnowledgeBase, saved: SavedIndexes): NameIndex {
  try {
    return NameIndex.restore(kb.people, saved.names);
  } catch {
    return new NameIndex(kb.people);
  }
}

/**
 * The indexes of a live corpus's snapshot: the large ones are the live corpus's own, already up to date, seen
 * through the snapshot's position tables; the small ones (names, descriptions) are built for the snapshot, in
 * slices, while the bot keeps answering from the one before. `rolesLater`: the two that only role questions read
 * (descriptions, people by sentence) are left empty, for the caller to make later (roleIndexes.ts).
 */
export async function liveIndexes(
  kb: KnowledgeBase,
  view: CorpusView,
  live: LiveSource,
  { titlesOnUse = false, rolesLater = false, names }: { titlesOnUse?: boolean; rolesLater?: boolean; names?: SavedNames | undefined } = {},
): Promise<Indexes> {
  const plan = await runInSlices(planIndexes(kb, view, undefined, live, titlesOnUse, rolesLater));
  for (const [index, docs] of plan.fill) await runInSlices(eachSliced(docs, (doc) => index.add(doc)));
  await runInSlices(firstUses(live.postings));
  // `names`: the name index saved from these people (src/search/postgres/storedNames.ts), restored, not built.
  return finish(kb, view, plan, (names && restoredOrNone(kb.people, names)) ?? (await runInSlices(NameIndex.sliced(kb.people))));
}

/** The saved name index restored, or undefined when it is not of these people. */
function restoredOrNone(people: KnowledgeBase["people"], names: SavedNames): NameIndex | undefined {
  try {
    return NameIndex.restore(people, names);
  } catch {
    return undefined;
  }
}

/**
 * The same indexes, built a chunk of documents at a time with the event loop released in between: a rebuild at
 * 10,000 articles takes seconds, and a running bot must keep answering (and acknowledging within Discord's 3 s).
 */
export async function buildIndexesAsync(kb: KnowledgeBase, view: CorpusView, chunkSize = 2000): Promise<Indexes> {
  const plan = await runInSlices(planIndexes(kb, view));
  for (const [index, docs] of plan.fill) await index.addAllAsync(docs, { chunkSize });
  await runInSlices(firstUses(plan.postings));
  return finish(kb, view, plan);
}

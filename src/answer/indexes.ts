import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import { sentenceCount, sentenceParagraph, sentenceText, type WithSentences } from "../kb/sentenceStore.ts";
import type { KbArticle, KbEvent, KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import { NameIndex, type SavedNames } from "./name-index.ts";
import { eachSliced, runAtOnce, runInSlices, type Sliced } from "../util/slices.ts";
import { positioned, type PositionTable, type SearchIndex } from "./positioned.ts";
import { PositionLists } from "./positionLists.ts";
import { descriptionDocs as peopleDescriptions, descriptionIndex, peopleBySentence } from "./roleIndexes.ts";
import { termCounter, type RareLead, type SavedCounts, type TermCounter } from "./rareLead.ts";
import { shortIdsChecked } from "./postingLists.ts";
import { loadInTurn, loadOnUse } from "./loadOnUse.ts";
import { indexTerm, tokenize } from "./text.ts";
import { countsWarmed, documentFrequencies, idfWeights, indexOptions, shareOf, termSetOptions, type Frequencies } from "./search-index.ts";

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

interface Plan {
  indexes: Omit<Indexes, "names" | "quoteWeight" | "quoteLead" | "sentenceIdf" | "sentenceLead" | "eventLead" | "saved" | "postings" | "descriptions" | "events" | "quotes" | "sentences" | "titleTermsAt">;
  /** Where each article's sentences start among the sentence positions, in the knowledge base's article order. */
  articleStarts: number[];
  descriptions: MiniSearch;
  /** Loads a saved descriptions index now, if it is not loaded yet. */
  loadDescriptions?: () => void;
  postings: Postings;
  live?: LiveSource;
  /** Whether the indexes were loaded from a saved build. */
  restored: boolean;
  /** Each index with the documents it is to hold. */
  fill: [MiniSearch, object[]][];
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

function restoreOrBuild(restore: () => MiniSearch, options: Options, docs: () => object[]): MiniSearch {
  try {
    return restore();
  } catch {
    const index = new MiniSearch(options);
    index.addAll(docs());
    return index;
  }
}

const eventDocs = (kb: KnowledgeBase, view: CorpusView): object[] => Array.from(kb.events, (e, id) => eventDocument(id, view.article(e.article), e));

/** Every sentence as the sentence index holds it: its position in the corpus, and its text. */
function sentenceDocsOf(kb: KnowledgeBase): { id: number; text: string }[] {
  const docs: { id: number; text: string }[] = [];
  for (const a of kb.articles) for (let i = 0; i < sentenceCount(a); i++) docs.push({ id: docs.length, text: sentenceText(a, i) ?? "" });
  return docs;
}

/**
 * The document the events index holds for an event: its sentence, and the next one of the same paragraph (read
 * without making the article's sentence objects).
 */
export function eventDocument(id: number, article: WithSentences | undefined, e: Pick<KbEvent, "sentence">): { id: number; text: string; context: string } {
  return eventDocumentOf(id, e, article && { text: (index) => sentenceText(article, index), paragraph: (index) => sentenceParagraph(article, index) });
}

/** How an event's document reads the sentences of its article (undefined: no such sentence). */
export interface ArticleSentences {
  text(index: number): string | undefined;
  paragraph(index: number): number | undefined;
}

/** The same, through `read` (the PostgreSQL engine reads the texts from the database). */
export function eventDocumentOf(id: number, e: Pick<KbEvent, "sentence">, read: ArticleSentences | undefined): { id: number; text: string; context: string } {
  const text = read?.text(e.sentence);
  if (read === undefined || text === undefined) return { id, text: "", context: "" };
  // The next sentence of the same paragraph often says what happened ("His resignation letter ...").
  const paragraph = read.paragraph(e.sentence + 1);
  const context = paragraph !== undefined && paragraph === read.paragraph(e.sentence) ? (read.text(e.sentence + 1) ?? "") : "";
  return { id, text, context };
}

function* planIndexes(kb: KnowledgeBase, view: CorpusView, saved?: SavedIndexes, live?: LiveSource, titlesOnUse = saved !== undefined, rolesLater = false): Sliced<Plan> {
  const descriptionOptions = indexOptions(["text"]);
  const descriptionDocs = (): object[] => peopleDescriptions(kb);
  // A loaded set reads its descriptions index when a role question first needs it, or after its first answers (a
  // damaged one is built then).
  const loadedDescriptions = saved && loadOnUse(() => restoreOrBuild(() => MiniSearch.loadJS(saved.descriptions, descriptionOptions), descriptionOptions, descriptionDocs));
  const descriptions = loadedDescriptions ? loadedDescriptions.index : descriptionIndex();
  const postings = live?.postings ?? createPostings(kb, view, saved);
  // The documents of the large indexes: built only to fill them (loaded or live ones are already full).
  const full = !saved && !live;
  const sentenceDocs: { id: number; text: string }[] = [];
  // Where each article's sentences start among the positions (a sentence's index is its position in its article).
  const firstSentence = new Map<string, { at: number; count: number }>();
  // The same by article order, to find a sentence's article from its position (sentenceRef, titleTermsAt).
  const articleStarts: number[] = [];
  let total = 0;
  yield* eachSliced(kb.articles, (a) => {
    const count = sentenceCount(a);
    firstSentence.set(a.id, { at: total, count });
    articleStarts.push(total);
    // A loaded set works its titles out after the first answers (finish), a built one now (unless told otherwise:
    // titleTermsWarmed).
    if (!titlesOnUse) titleTermsOf(a);
    if (full) for (let i = 0; i < count; i++) sentenceDocs.push({ id: total + i, text: sentenceText(a, i) ?? "" });
    total += count;
  });
  const sentenceRef = (position: number): SentenceRef | undefined => {
    if (!(Number.isInteger(position) && position >= 0 && position < total)) return undefined;
    const at = articleAt(articleStarts, position);
    const article = kb.articles[at];
    return article && { article: article.id, sentence: position - (articleStarts[at] as number) };
  };
  const sentencePosition = (ref: SentenceRef): number | undefined => {
    const article = firstSentence.get(ref.article);
    return article && ref.sentence >= 0 && ref.sentence < article.count ? article.at + ref.sentence : undefined;
  };
  // Made later by an engine that says so (rolesLater: roleIndexes.ts), an empty stand-in here.
  const peopleIn = rolesLater ? PositionLists.collect(0).done() : yield* peopleBySentence(kb.people, sentencePosition, total);
  const { eventsAt, eventPositions } = yield* eventPlaces(kb.events, sentencePosition, total);
  return {
    indexes: { sentenceRef, sentenceCount: total, peopleIn, sentencePosition, eventsAt, eventPositions },
    articleStarts,
    descriptions,
    ...(loadedDescriptions && { loadDescriptions: loadedDescriptions.load }),
    postings,
    ...(live && { live }),
    restored: saved !== undefined,
    fill: saved
      ? []
      : [
          ...(rolesLater ? [] : ([[descriptions, descriptionDocs()]] as [MiniSearch, object[]][])),
          ...(full
            ? ([
                [postings.events, eventDocs(kb, view)],
                [postings.quotes, quoteDocs(kb)],
                [postings.sentences, sentenceDocs],
              ] as [MiniSearch, object[]][])
            : []),
        ],
  };
}

/**
 * The events dated in each sentence, by sentence position (`total` of them), and the position of each event's
 * sentence, by event id (-1: a sentence the corpus does not hold).
 */
export function* eventPlaces(
  events: KnowledgeBase["events"],
  sentencePosition: (ref: SentenceRef) => number | undefined,
  total: number,
): Sliced<Pick<Indexes, "eventsAt" | "eventPositions">> {
  const at = PositionLists.collect(total);
  const eventPositions = new Int32Array(events.length).fill(-1);
  yield* eachSliced(events, (e, id) => {
    const position = sentencePosition(e);
    if (position === undefined) return;
    eventPositions[id] = position;
    at.add(position, id);
  });
  return { eventsAt: at.done(), eventPositions };
}

function finish(kb: KnowledgeBase, view: CorpusView, plan: Plan, names = new NameIndex(kb.people)): Indexes {
  const { postings, live } = plan;
  // Restored counters count nothing already (and asking a loaded index its size would load it now).
  if (!live && !plan.restored) {
    postings.sentenceTerms.done(postings.sentences.documentCount);
    postings.eventTerms.done(postings.events.documentCount);
  }
  // Tokenising and stemming every title (a tenth of a second at 10,000 articles) and the term counts' maps are not
  // needed by a first answer: a loaded set makes them once its large indexes are loaded (or when first asked for).
  if (plan.restored) void postings.loaded.then(() => warmUp(kb, postings, () => plan.loadDescriptions?.()));
  // Each article's title terms by article order: /when reads the title of every candidate that lacks a word.
  const titles: (readonly string[] | undefined)[] = [];
  const { sentenceCount: total } = plan.indexes;
  return {
    ...plan.indexes,
    titleTermsAt: (position) => {
      if (!(position >= 0 && position < total)) return undefined;
      const at = articleAt(plan.articleStarts, position);
      const article = kb.articles[at];
      return article && (titles[at] ??= titleTermsOf(article));
    },
    descriptions: positioned(plan.descriptions),
    events: positioned(postings.events, live?.events),
    quotes: positioned(postings.quotes, live?.quotes),
    sentences: positioned(postings.sentences, live?.sentences),
    names,
    sentenceLead: sentenceLead(plan),
    eventLead: { share: postings.eventTerms.share },
    quoteWeight: idfWeights(postings.quoteFrequencies),
    quoteLead: { share: shareOf(postings.quoteFrequencies) },
    sentenceIdf: postings.sentenceTerms.idf,
    postings,
    saved: () => {
      // A live corpus's index ids are its own, not the positions a restart would load them under.
      if (live) throw new Error("indexes: a live corpus's indexes are not saved (the next start builds its own)");
      // Each section made when it is read (and again if read again): a saver that writes one at a time holds one
      // index's plain copy at a time, not all four beside the indexes themselves.
      return madeOnRead({
        descriptions: () => plan.descriptions.toJSON(),
        events: () => postings.events.toJSON(),
        quotes: () => postings.quotes.toJSON(),
        sentences: () => postings.sentences.toJSON(),
        eventTerms: () => postings.eventTerms.saved(),
        sentenceTerms: () => postings.sentenceTerms.saved(),
        quoteFrequencies: () => asSaved(postings.quoteFrequencies),
        names: () => names.saved(),
      });
    },
  };
}

/** The article a sentence position is in: the last whose sentences start at or before it (articles without any share a start). */
function articleAt(starts: number[], position: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** What a loaded set leaves for after its first answers, made in slices (each part is also made when first used). */
async function warmUp(kb: KnowledgeBase, postings: Postings, descriptions: () => void): Promise<void> {
  try {
    descriptions();
  } catch {
    // reported by the role question that needs it (loadOnUse throws the same error again)
  }
  for (const counter of [postings.sentenceTerms, postings.eventTerms]) await runInSlices(counter.warm());
  await runInSlices(firstUses(postings));
  await runInSlices(titleTermsWarmed(kb));
}

/**
 * Every article's title as index terms, worked out ahead of the answers that read them (titleTermsAt works out one it
 * lacks when read): what liveIndexes left for later when told `titlesOnUse`.
 */
export function titleTermsWarmed(kb: KnowledgeBase): Sliced<void> {
  return eachSliced(kb.articles, (a) => void titleTermsOf(a));
}

/**
 * What the first queries would otherwise make (tens of milliseconds at a hundred thousand articles): the check that
 * the large indexes' ids are their short ids, the quote frequencies' map.
 */
function* firstUses(postings: Postings): Sliced<void> {
  for (const index of [postings.sentences, postings.events, postings.quotes]) yield* shortIdsChecked(index);
  yield* countsWarmed(postings.quoteFrequencies);
}

function madeOnRead(make: { [K in keyof SavedIndexes]: () => SavedIndexes[K] }): SavedIndexes {
  const saved = {} as SavedIndexes;
  for (const [name, section] of Object.entries(make)) Object.defineProperty(saved, name, { enumerable: true, get: section });
  return saved;
}

const asSaved = ({ counts, documents }: Frequencies): SavedCounts => ({ counts: counts instanceof Map ? [...counts] : (counts as [string, number][]), documents });

/**
 * The lead of the sentence index. A saved sentence index fills its lengths as it loads, so reading them (as /when
 * does to rank events by their sentence, before it searches the sentences) loads it first: else a warm start would
 * rank differently until it had loaded.
 */
function sentenceLead({ postings, live, restored }: Plan): RareLead {
  const share = postings.sentenceTerms.share;
  if (live || !restored) return { share, lengths: live?.sentenceLengths ?? postings.sentenceLengths };
  let loaded = false;
  return {
    share,
    get lengths() {
      if (!loaded) void postings.sentences.documentCount;
      loaded = true;
      return postings.sentenceLengths;
    },
  };
}

/** The quote index's documents: the direct quotes (id = position), then the fragments (id = quote count + position). */
function quoteDocs(kb: KnowledgeBase): { id: number; text: string }[] {
  return [...kb.quotes, ...kb.fragments].map((q, id) => ({ id, text: q.text }));
}

/** Each document's length as a saved single-field index records it (MiniSearch's own serialisation), by document id. */
function fillSavedLengths(js: AsPlainObject, lengths: number[]): void {
  for (const [shortId, id] of Object.entries(js.documentIds)) lengths[id as number] = js.fieldLength[shortId]?.[0] ?? 0;
}

// An article's distinct title terms, worked out once per article object (a live corpus keeps unchanged articles'). An
// array, not a Set: a title has a few terms, and a Set each was some 10 MB at 50,000 articles.
const titleTermsByArticle = new WeakMap<KbArticle, readonly string[]>();
function titleTermsOf(a: KbArticle): readonly string[] {
  let terms = titleTermsByArticle.get(a);
  if (!terms) titleTermsByArticle.set(a, (terms = [...new Set(tokenize(a.title).map(indexTerm).filter((t): t is string => t !== null))]));
  return terms;
}

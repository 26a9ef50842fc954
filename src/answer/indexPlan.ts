// What every way of making the indexes shares (built, loaded, live): where each article's sentences stand among the
// sentence positions, the people and events by position, and which index is to be filled with which documents.
import MiniSearch from "minisearch";
import { sentenceCount, sentenceText } from "../kb/sentenceStore.ts";
import type { KbArticle, KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes, LiveSource, SavedIndexes } from "./indexes.ts";
import { eventDocs, quoteDocs } from "./indexDocuments.ts";
import { createPostings, restoreOrBuild, type Postings } from "./postings.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";
import { PositionLists } from "./positionLists.ts";
import { descriptionDocs as peopleDescriptions, descriptionIndex, peopleBySentence } from "./roleIndexes.ts";
import { loadOnUse } from "./loadOnUse.ts";
import { indexTerm, tokenize } from "./text.ts";
import { indexOptions } from "./search-index.ts";

export interface Plan {
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

export function* planIndexes(kb: KnowledgeBase, view: CorpusView, saved?: SavedIndexes, live?: LiveSource, titlesOnUse = saved !== undefined, rolesLater = false): Sliced<Plan> {
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
    // A loaded set works its titles out after the first answers (finishIndexes.ts), a built one now (unless told otherwise:
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
  // The last article looked up kept: the mentions and events read in corpus order name one article many times running
  // (a shard's role indexes and events' places look up every one of them as it starts).
  let lastId: string | undefined;
  let lastArticle: { at: number; count: number } | undefined;
  const sentencePosition = (ref: SentenceRef): number | undefined => {
    if (ref.article !== lastId) {
      lastId = ref.article;
      lastArticle = firstSentence.get(lastId);
    }
    const article = lastArticle;
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
  const eventPositions = new Int32Array(events.length).fill(-1);
  // Read by field, through one reference object: an event object each (199,000 at 50,000 articles) was some 40 ms
  // of a PostgreSQL shard's take-in of its events, which /when waits for.
  const ref: SentenceRef = { article: "", sentence: 0 };
  for (let id = 0; id < events.length; id++) {
    ref.article = events.article(id);
    ref.sentence = events.sentence(id);
    eventPositions[id] = sentencePosition(ref) ?? -1;
    if ((id + 1) % 8192 === 0) yield;
  }
  yield;
  // Counted from the positions, each sentence's events in the order of their ids (as added one by one before).
  return { eventsAt: PositionLists.ofValues(total, eventPositions), eventPositions };
}

/** The article a sentence position is in: the last whose sentences start at or before it (articles without any share a start). */
export function articleAt(starts: number[], position: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Every article's title as index terms, worked out ahead of the answers that read them (titleTermsAt works out one it
 * lacks when read): what liveIndexes left for later when told `titlesOnUse`.
 */
export function titleTermsWarmed(kb: KnowledgeBase): Sliced<void> {
  return eachSliced(kb.articles, (a) => void titleTermsOf(a));
}

// An article's distinct title terms, worked out once per article object (a live corpus keeps unchanged articles'). An
// array, not a Set: a title has a few terms, and a Set each was some 10 MB at 50,000 articles.
const titleTermsByArticle = new WeakMap<KbArticle, readonly string[]>();
export function titleTermsOf(a: KbArticle): readonly string[] {
  let terms = titleTermsByArticle.get(a);
  if (!terms) titleTermsByArticle.set(a, (terms = [...new Set(tokenize(a.title).map(indexTerm).filter((t): t is string => t !== null))]));
  return terms;
}

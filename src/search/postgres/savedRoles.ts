// The saved role indexes (storedRoles.ts): made for the writer from the knowledge base it writes, and taken in by an
// engine as the indexes it would make from its first stage (src/answer/roleIndexes.ts), so that a role question
// answers as it would from indexes made there (tests/search/storedRoles.test.ts).
import MiniSearch from "minisearch";
import type { Indexes } from "../../answer/indexes.ts";
import { positioned } from "../../answer/positioned.ts";
import { PositionLists } from "../../answer/positionLists.ts";
import { roleIndexesMade } from "../../answer/roleIndexes.ts";
import { indexOptions } from "../../answer/search-index.ts";
import { sentenceCount } from "../../kb/sentenceStore.ts";
import type { KbArticle, KnowledgeBase, SentenceRef } from "../../kb/types.ts";
import { quietMoment, runInSlices } from "../../util/slices.ts";
import type { SavedRoles } from "./storedRoles.ts";
import { corpusOrder } from "./storedStages.ts";

/**
 * The role indexes of `kb` (every article and person the write leaves stored) to save, made in slices (a leader
 * answers meanwhile): over the sentence positions of its articles in the corpus's order, as a reader numbers them.
 */
export async function roleIndexesToSave(kb: Pick<KnowledgeBase, "articles" | "people">): Promise<SavedRoles> {
  const inOrder = kb.articles.every((a, i) => i === 0 || corpusOrder((kb.articles[i - 1] as KbArticle).id, a.id) < 0);
  const ordered = inOrder ? kb.articles : [...kb.articles].sort((a, b) => corpusOrder(a.id, b.id));
  const starts = new Map<string, { at: number; count: number }>();
  let total = 0;
  for (const a of ordered) {
    const count = sentenceCount(a);
    starts.set(a.id, { at: total, count });
    total += count;
  }
  const sentencePosition = (ref: SentenceRef): number | undefined => {
    const article = starts.get(ref.article);
    return article && ref.sentence >= 0 && ref.sentence < article.count ? article.at + ref.sentence : undefined;
  };
  const { descriptions, peopleIn } = await runInSlices(roleIndexesMade(kb, { sentencePosition, sentenceCount: total }));
  const { positions, values } = peopleIn.pairs();
  return { positions, people: values, descriptions: JSON.stringify(descriptions) };
}

/**
 * The saved role indexes as an engine's over `sentenceCount` sentences and `peopleCount` people; undefined when
 * they do not fit them (then they are made). The descriptions' index is loaded at once, between answers: some 15 ms of
 * CPU at 50,000 articles (MiniSearch's loadJSONAsync took half as much again, and under load 0.1 s of wall time more,
 * waiting on a timer every 1,000 terms).
 */
export async function takeSavedRoles(saved: SavedRoles | undefined, sentenceCount: number, peopleCount: number): Promise<Pick<Indexes, "descriptions" | "peopleIn"> | undefined> {
  if (!saved || saved.people.some((p) => !(p >= 0 && p < peopleCount))) return undefined;
  // Between answers: those that waited for what was taken in just before (the events) go on first.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await quietMoment();
  try {
    const peopleIn = PositionLists.ofPairs(sentenceCount, saved.positions, saved.people);
    // A serialisation of another MiniSearch version throws as well.
    return { descriptions: positioned(MiniSearch.loadJSON(saved.descriptions, indexOptions(["text"]))), peopleIn };
  } catch {
    return undefined;
  }
}

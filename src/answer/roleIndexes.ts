// The two small indexes that only role questions read (roles.ts: "who maintains Btrfs"): each person's stated
// description, and the people each sentence mentions. An engine that answers from a first stage takes them as the
// writer saved them (src/search/postgres/savedRoles.ts), or makes them beside its answers (engine.ts takeRoles).
import MiniSearch from "minisearch";
import type { KnowledgeBase, SentenceRef } from "../kb/types.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";
import type { Indexes } from "./indexes.ts";
import { positioned } from "./positioned.ts";
import { PositionLists } from "./positionLists.ts";
import { indexOptions } from "./search-index.ts";

/** An empty index of descriptions, as the answers search it. */
export function descriptionIndex(): MiniSearch {
  return new MiniSearch(indexOptions(["text"]));
}

/** The documents of the descriptions index: a person's index is its id. */
export function descriptionDocs(kb: Pick<KnowledgeBase, "people">): { id: number; text: string }[] {
  return kb.people.flatMap((p, id) => (p.description ? [{ id, text: p.description }] : []));
}

/** Each person once per sentence (the people come in order, so a repeat is the same person's next mention). */
export function* peopleBySentence(
  people: KnowledgeBase["people"],
  sentencePosition: (ref: SentenceRef) => number | undefined,
  total: number,
): Sliced<PositionLists> {
  const lists = PositionLists.collect(total);
  yield* eachSliced(people, (p, person) => {
    for (const m of p.mentions) {
      const at = sentencePosition(m);
      if (at !== undefined) lists.add(at, person);
    }
  });
  return lists.done();
}

/** Both, made in slices over the knowledge base's people and the sentence positions of its indexes. */
export function* roleIndexes(
  kb: Pick<KnowledgeBase, "people">,
  positions: Pick<Indexes, "sentencePosition" | "sentenceCount">,
): Sliced<Pick<Indexes, "descriptions" | "peopleIn">> {
  const { descriptions, peopleIn } = yield* roleIndexesMade(kb, positions);
  return { descriptions: positioned(descriptions), peopleIn };
}

/** The same, the descriptions as their MiniSearch index (what a writer saves: src/search/postgres/savedRoles.ts). */
export function* roleIndexesMade(
  kb: Pick<KnowledgeBase, "people">,
  { sentencePosition, sentenceCount }: Pick<Indexes, "sentencePosition" | "sentenceCount">,
): Sliced<{ descriptions: MiniSearch; peopleIn: PositionLists }> {
  const peopleIn = yield* peopleBySentence(kb.people, sentencePosition, sentenceCount);
  const descriptions = descriptionIndex();
  yield* eachSliced(descriptionDocs(kb), (doc) => descriptions.add(doc), 256);
  return { descriptions, peopleIn };
}

// The two small indexes that only role questions read (roles.ts: "who maintains Btrfs"): each person's stated
// description, and the people each sentence mentions. An engine that answers from a first stage makes them in its
// second (src/search/postgres/engine.ts: some 0.2 s of CPU at 50,000 articles, ahead of the first /who of a name).
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
  { sentencePosition, sentenceCount }: Pick<Indexes, "sentencePosition" | "sentenceCount">,
): Sliced<Pick<Indexes, "descriptions" | "peopleIn">> {
  const peopleIn = yield* peopleBySentence(kb.people, sentencePosition, sentenceCount);
  const descriptions = descriptionIndex();
  yield* eachSliced(descriptionDocs(kb), (doc) => descriptions.add(doc), 256);
  return { descriptions: positioned(descriptions), peopleIn };
}

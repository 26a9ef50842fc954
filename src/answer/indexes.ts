import MiniSearch from "minisearch";
import type { KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import { NameIndex } from "./name-index.ts";
import { indexOptions, termWeights } from "./search-index.ts";

export interface Indexes {
  names: NameIndex;
  /** Term weights for the coverage floor of quote and event searches. */
  quoteWeight: (term: string) => number;
  eventWeight: (term: string) => number;
  /** Each person's stated description (id: the person's index). */
  descriptions: MiniSearch;
  events: MiniSearch;
  quotes: MiniSearch;
  /** Every sentence of the corpus; a document's id is its position in `sentenceRefs`. */
  sentences: MiniSearch;
  sentenceRefs: SentenceRef[];
  /** The people each sentence mentions, by sentence position: role questions read the sentences about people. */
  peopleIn: Map<number, number[]>;
}

/** Builds one small index per kind of fact (faster and more precise than one index over everything). */
export function buildIndexes(kb: KnowledgeBase, view: CorpusView): Indexes {
  const descriptions = new MiniSearch(indexOptions(["text"]));
  descriptions.addAll(kb.people.flatMap((p, id) => (p.description ? [{ id, text: p.description }] : [])));

  const events = new MiniSearch(indexOptions(["text", "context"]));
  events.addAll(
    kb.events.map((e, id) => {
      const sentences = view.article(e.article)?.sentences ?? [];
      const own = sentences[e.sentence];
      const next = sentences[e.sentence + 1];
      // The next sentence of the same paragraph often says what happened ("His resignation letter ...").
      const context = next && own && next.paragraph === own.paragraph ? next.text : "";
      return { id, text: own?.text ?? "", context };
    }),
  );

  // Quotes are found by their own words only: a user pastes part of what was said, not the narration around it.
  const quotes = new MiniSearch(indexOptions(["text"]));
  quotes.addAll(kb.quotes.map((q, id) => ({ id, text: q.text })));

  // Sentences are the largest index: numeric ids and no stored fields keep it small.
  const sentenceRefs: SentenceRef[] = [];
  const position = new Map<string, number>();
  const sentences = new MiniSearch(indexOptions(["text"]));
  for (const a of kb.articles) {
    for (const s of a.sentences) {
      position.set(`${a.id}#${s.index}`, sentenceRefs.length);
      sentences.add({ id: sentenceRefs.length, text: s.text });
      sentenceRefs.push({ article: a.id, sentence: s.index });
    }
  }
  const peopleIn = new Map<number, number[]>();
  kb.people.forEach((p, person) => {
    for (const m of p.mentions) {
      const at = position.get(`${m.article}#${m.sentence}`);
      if (at === undefined) continue;
      const list = peopleIn.get(at);
      if (!list) peopleIn.set(at, [person]);
      else if (!list.includes(person)) list.push(person);
    }
  });
  return {
    names: new NameIndex(kb.people),
    quoteWeight: termWeights(kb.quotes.map((q) => q.text)),
    eventWeight: termWeights(kb.events.map((e) => view.sentence(e))),
    descriptions,
    events,
    quotes,
    sentences,
    sentenceRefs,
    peopleIn,
  };
}

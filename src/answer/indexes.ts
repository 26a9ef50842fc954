import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import { NameIndex } from "./name-index.ts";
import { indexOptions, termWeights } from "./search-index.ts";

export interface Indexes {
  names: NameIndex;
  /** Term weights for the coverage floor of quote and event searches. */
  quoteWeight: (term: string) => number;
  eventWeight: (term: string) => number;
  /** Role text: each person's description and each sentence that mentions them (one document each). */
  roles: MiniSearch;
  events: MiniSearch;
  quotes: MiniSearch;
  sentences: MiniSearch;
}

/** Builds one small index per kind of fact (faster and more precise than one index over everything). */
export function buildIndexes(kb: KnowledgeBase, view: CorpusView): Indexes {
  const roles = new MiniSearch(indexOptions(["text"], ["person"]));
  roles.addAll(
    kb.people.flatMap((p, person) => [
      ...(p.description ? [{ id: `d${person}`, person, text: p.description, description: true }] : []),
      ...p.mentions.map((m, k) => ({ id: `m${person}:${k}`, person, text: view.sentence(m) })),
    ]),
  );

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

  const sentences = new MiniSearch(indexOptions(["text"], ["article", "sentence"]));
  sentences.addAll(
    kb.articles.flatMap((a) => a.sentences.map((s) => ({ id: `${a.id}#${s.index}`, article: a.id, sentence: s.index, text: s.text }))),
  );
  return {
    names: new NameIndex(kb.people),
    quoteWeight: termWeights(kb.quotes.map((q) => q.text)),
    eventWeight: termWeights(kb.events.map((e) => view.sentence(e))),
    roles,
    events,
    quotes,
    sentences,
  };
}

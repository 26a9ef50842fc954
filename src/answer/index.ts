import type { KnowledgeBase } from "../kb/types.ts";
import type { Answers, AsOf } from "./types.ts";

/** Builds the query side over a knowledge base. (First version: answers nothing; the real one replaces it.) */
export function createAnswers(kb: KnowledgeBase): Answers {
  const asOf = (): AsOf => ({
    articles: kb.articles.length,
    newest: kb.articles.map((a) => a.published).sort().at(-1) ?? "",
  });
  return {
    who: () => ({ person: null, suggestions: [], asOf: asOf() }),
    when: () => ({ events: [], asOf: asOf() }),
    quote: () => ({ quotes: [], speaker: null, asOf: asOf() }),
    search: () => ({ hits: [], asOf: asOf() }),
    timeline: () => ({ subject: null, events: [], asOf: asOf() }),
    suggest: () => [],
    asOf,
    about: () => ({ articles: [], people: kb.people.length, quotes: kb.quotes.length, events: kb.events.length, asOf: asOf() }),
  };
}

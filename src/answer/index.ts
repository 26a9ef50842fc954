import type { KnowledgeBase } from "../kb/types.ts";
import { createCorpusView, type CorpusView } from "./context.ts";
import { buildIndexes, buildIndexesAsync, type Indexes } from "./indexes.ts";
import { quote, quotesBy } from "./quote.ts";
import { search } from "./search.ts";
import { suggest } from "./suggest.ts";
import { timeline } from "./timeline.ts";
import type { Answers } from "./types.ts";
import { when } from "./when.ts";
import { who } from "./who.ts";

/** Builds the query side over a knowledge base: indexes once, then pure, synchronous answers. */
export function createAnswers(kb: KnowledgeBase): Answers {
  const view = createCorpusView(kb);
  return answersOver(view, buildIndexes(kb, view));
}

/** The same answers, with the indexes built in chunks so a running bot keeps answering while they build. */
export async function createAnswersAsync(kb: KnowledgeBase): Promise<Answers> {
  const view = createCorpusView(kb);
  return answersOver(view, await buildIndexesAsync(kb, view));
}

function answersOver(view: CorpusView, indexes: Indexes): Answers {
  const kb = view.kb;
  return {
    who: (q) => who(view, indexes, q, (name) => quotesBy(view, name)),
    when: (q) => when(view, indexes, q),
    quote: (q) => quote(view, indexes, q),
    search: (q) => search(view, indexes, q),
    timeline: (subject) => timeline(view, indexes, subject),
    suggest: (kind, prefix) => suggest(view, indexes, kind, prefix),
    asOf: () => view.asOf,
    about: () => ({
      articles: [...kb.articles]
        .sort((a, b) => b.published.localeCompare(a.published))
        .map((a) => view.source(a.id)),
      people: kb.people.length,
      quotes: kb.quotes.length,
      events: kb.events.length,
      asOf: view.asOf,
    }),
  };
}

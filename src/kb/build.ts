import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { mergePeople } from "./mergePeople.ts";
import type { KnowledgeBase } from "./types.ts";

/** Builds the corpus-wide knowledge base from each article's extracted facts (same order in, same KB out). */
export function buildKnowledgeBase(articles: Article[], facts: ArticleFacts[]): KnowledgeBase {
  const merged = mergePeople(facts.map((f) => ({ article: f.article, people: f.people })));
  return {
    articles: articles.map((a, i) => ({ id: a.id, ...a.meta, sentences: facts[i]?.sentences ?? [] })),
    people: merged.people,
    quotes: facts.flatMap((f) =>
      f.quotes.map((q) => ({
        article: f.article,
        sentence: q.sentence,
        text: q.text,
        speaker: q.speaker === null ? null : merged.canonical(f.article, q.speaker),
      })),
    ),
    events: facts.flatMap((f) =>
      f.events.map((e) => ({ article: f.article, sentence: e.sentence, date: e.date, dateText: e.dateText })),
    ),
  };
}

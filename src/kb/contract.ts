import type { KnowledgeBase } from "./types.ts";

/** The knowledge base as the `kb` command prints it (the contract in shared/eval/ext/README.md). */
export function toContractJson(kb: KnowledgeBase): object {
  const byId = new Map(kb.articles.map((a) => [a.id, a]));
  const sentenceText = (article: string, sentence: number) => byId.get(article)?.sentences[sentence]?.text ?? "";
  return {
    articles: kb.articles.map((a) => ({ article: a.id, title: a.title, outlet: a.outlet, published: a.published })),
    people: kb.people.map((p) => ({ name: p.name, description: p.description, aliases: p.aliases, articles: p.articles })),
    quotes: kb.quotes.map((q) => ({ text: q.text, speaker: q.speaker, article: q.article })),
    // Quoted words inside reporters' sentences: not direct quotes, so apart from them.
    fragments: kb.fragments.map((q) => ({ text: q.text, speaker: q.speaker, article: q.article, sentence: sentenceText(q.article, q.sentence) })),
    events: Array.from(kb.events, (e) => ({ date: e.date, dateText: e.dateText, text: sentenceText(e.article, e.sentence), article: e.article })),
  };
}

import type { Article } from "../corpus/types.ts";
import type { ArticleFacts, ExtractedQuote } from "../extract/types.ts";
import { mergePeople } from "./mergePeople.ts";
import type { KbArticle, KbPerson, KbQuote, KnowledgeBase } from "./types.ts";

/** Builds the corpus-wide knowledge base from each article's extracted facts (same order in, same KB out). */
export function buildKnowledgeBase(articles: Article[], facts: ArticleFacts[]): KnowledgeBase {
  const merged = mergePeople(facts.map((f) => ({ article: f.article, people: f.people })));
  const kbArticles: KbArticle[] = articles.map((a, i) => ({ id: a.id, ...a.meta, sentences: facts[i]?.sentences ?? [] }));
  const byId = new Map(kbArticles.map((a) => [a.id, a]));
  const kbQuote = (article: string, q: ExtractedQuote): KbQuote => ({
    article,
    sentence: q.sentence,
    text: q.text,
    speaker: q.speaker === null ? null : merged.canonical(article, q.speaker),
  });
  for (const p of merged.people) citeDescription(p, byId);
  return {
    articles: kbArticles,
    people: merged.people,
    quotes: facts.flatMap((f) => f.quotes.map((q) => kbQuote(f.article, q))),
    fragments: facts.flatMap((f) => f.fragments.map((q) => kbQuote(f.article, q))),
    events: facts.flatMap((f) =>
      f.events.map((e) => ({ article: f.article, sentence: e.sentence, date: e.date, dateText: e.dateText })),
    ),
  };
}

/** Finds the sentence that states a person's description, so answers can cite it. */
function citeDescription(person: KbPerson, byId: ReadonlyMap<string, KbArticle>): void {
  if (!person.description || person.descriptionSource) return;
  const wanted = person.description.toLowerCase();
  const found = person.mentions.find((m) => byId.get(m.article)?.sentences[m.sentence]?.text.toLowerCase().includes(wanted));
  if (found) person.descriptionSource = { article: found.article, sentence: found.sentence };
}

import type { Article } from "../corpus/types.ts";
import type { ArticleFacts, ExtractedQuote } from "../extract/types.ts";
import { EventTable } from "./eventTable.ts";
import { mergePeople } from "./mergePeople.ts";
import type { KbArticle, KbEvent, KbPerson, KbQuote, KnowledgeBase } from "./types.ts";

/** Builds the corpus-wide knowledge base from each article's extracted facts (same order in, same KB out). */
export function buildKnowledgeBase(articles: Article[], facts: ArticleFacts[]): KnowledgeBase {
  const merged = mergePeople(facts.map((f) => ({ article: f.article, people: f.people })));
  const kbArticles: KbArticle[] = articles.map((a, i) => kbArticle(a, facts[i]));
  const byId = new Map(kbArticles.map((a) => [a.id, a]));
  for (const p of merged.people) citeDescription(p, byId);
  return {
    articles: kbArticles,
    people: merged.people,
    quotes: facts.flatMap((f) => kbQuotes(f, (q) => (q.speaker === null ? null : merged.canonical(f.article, q.speaker)))),
    fragments: facts.flatMap((f) => kbFragments(f, (q) => (q.speaker === null ? null : merged.canonical(f.article, q.speaker)))),
    events: EventTable.of(facts.flatMap(kbEvents)),
  };
}

// How an article's facts enter the knowledge base: the full build above and a live corpus's updates
// (incremental.ts) both go through these.

export function kbArticle(a: Pick<Article, "id" | "meta">, facts: ArticleFacts | undefined): KbArticle {
  return { id: a.id, ...a.meta, sentences: facts?.sentences ?? [] };
}

export function kbQuotes(f: ArticleFacts, speaker: (q: ExtractedQuote, index: number) => string | null): KbQuote[] {
  return f.quotes.map((q, i) => kbQuote(f.article, q, speaker(q, i)));
}

/** The article's quoted fragments, as kbQuotes makes its quotes (`index` counts fragments from 0). */
export function kbFragments(f: ArticleFacts, speaker: (q: ExtractedQuote, index: number) => string | null): KbQuote[] {
  return f.fragments.map((q, i) => kbQuote(f.article, q, speaker(q, i)));
}

function kbQuote(article: string, q: ExtractedQuote, speaker: string | null): KbQuote {
  return { article, sentence: q.sentence, text: q.text, speaker };
}

export function kbEvents(f: ArticleFacts): KbEvent[] {
  return f.events.map((e) => ({ article: f.article, sentence: e.sentence, date: e.date, dateText: e.dateText }));
}

/** Finds the sentence that states a person's description, so answers can cite it. */
export function citeDescription(person: KbPerson, byId: ReadonlyMap<string, KbArticle>): void {
  if (!person.description || person.descriptionSource) return;
  const wanted = person.description.toLowerCase();
  const found = person.mentions.find((m) => byId.get(m.article)?.sentences[m.sentence]?.text.toLowerCase().includes(wanted));
  if (found) person.descriptionSource = { article: found.article, sentence: found.sentence };
}

// The documents the three large indexes hold (an event with its context, a quote or fragment, a sentence): apart
// from the indexes themselves because the PostgreSQL engine and a live corpus (livePostings.ts) make the same ones.
import { sentenceCount, sentenceParagraph, sentenceText, type WithSentences } from "../kb/sentenceStore.ts";
import type { KbEvent, KnowledgeBase } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";

export const eventDocs = (kb: KnowledgeBase, view: CorpusView): object[] => Array.from(kb.events, (e, id) => eventDocument(id, view.article(e.article), e));

/** Every sentence as the sentence index holds it: its position in the corpus, and its text. */
export function sentenceDocsOf(kb: KnowledgeBase): { id: number; text: string }[] {
  const docs: { id: number; text: string }[] = [];
  for (const a of kb.articles) for (let i = 0; i < sentenceCount(a); i++) docs.push({ id: docs.length, text: sentenceText(a, i) ?? "" });
  return docs;
}

/**
 * The document the events index holds for an event: its sentence, and the next one of the same paragraph (read
 * without making the article's sentence objects).
 */
export function eventDocument(id: number, article: WithSentences | undefined, e: Pick<KbEvent, "sentence">): { id: number; text: string; context: string } {
  return eventDocumentOf(id, e, article && { text: (index) => sentenceText(article, index), paragraph: (index) => sentenceParagraph(article, index) });
}

/** How an event's document reads the sentences of its article (undefined: no such sentence). */
export interface ArticleSentences {
  text(index: number): string | undefined;
  paragraph(index: number): number | undefined;
}

/** The same, through `read` (the PostgreSQL engine reads the texts from the database). */
export function eventDocumentOf(id: number, e: Pick<KbEvent, "sentence">, read: ArticleSentences | undefined): { id: number; text: string; context: string } {
  if (read === undefined) return { id, text: "", context: "" };
  const text = read.text(e.sentence);
  // The next sentence of the same paragraph often says what happened ("His resignation letter ..."). Asked for even
  // where the sentence's own text is not at hand: a reader that fetches the texts (the PostgreSQL engine's scope)
  // then fetches both in one round trip, not the next sentence's in a second.
  const paragraph = read.paragraph(e.sentence + 1);
  const next = paragraph !== undefined && paragraph === read.paragraph(e.sentence) ? read.text(e.sentence + 1) : undefined;
  return text === undefined ? { id, text: "", context: "" } : { id, text, context: next ?? "" };
}

/** The quote index's documents: the direct quotes (id = position), then the fragments (id = quote count + position). */
export function quoteDocs(kb: KnowledgeBase): { id: number; text: string }[] {
  return [...kb.quotes, ...kb.fragments].map((q, id) => ({ id, text: q.text }));
}

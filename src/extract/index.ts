import type { Article } from "../corpus/types.ts";
import { extractDates } from "./dates/index.ts";
import { EXTRACTION_LIMITS } from "./limits.ts";
import { splitParagraphs } from "./paragraphs.ts";
import { extractPeople } from "./people/index.ts";
import { extractQuoted } from "./quotes/index.ts";
import { joinSections, sectionsOf } from "./sections.ts";
import { splitSentences } from "./sentences.ts";
import type { ArticleFacts, ArticleText } from "./types.ts";

/** The text extraction reads: the whole text, or its first maxChars cut at a paragraph break or a space. */
export function readableText(text: string): string {
  const max = EXTRACTION_LIMITS.maxChars;
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const paragraph = head.lastIndexOf("\n");
  if (paragraph > max * 0.9) return head.slice(0, paragraph);
  const space = head.search(/\s\S*$/);
  return space > max * 0.9 ? head.slice(0, space) : head;
}

/** Extracts one article, saying how long its text was when only part of it could be read. */
export function extractOutcome(article: Article): { facts: ArticleFacts; cutFrom?: number } {
  const facts = extractArticle(article);
  return article.text.length > EXTRACTION_LIMITS.maxChars ? { facts, cutFrom: article.text.length } : { facts };
}

/** Runs every extractor over one article. Pure: the same article always gives the same facts. */
export function extractArticle(article: Article): ArticleFacts {
  const text = readableText(article.text);
  const paragraphs = splitParagraphs(text);
  const sentences = splitSentences(text, paragraphs);
  const input: ArticleText = { id: article.id, text, published: article.meta.published, paragraphs, sentences };
  const sections = text.length > EXTRACTION_LIMITS.sectionChars ? sectionsOf(input, EXTRACTION_LIMITS.sectionChars) : [];
  const facts = sections.length > 1 ? joinSections(input, sections.map((section) => ({ section, facts: extractText(section.text) }))) : extractText(input);
  return { ...facts, events: boundedEvents(facts.events) };
}

function extractText(input: ArticleText): ArticleFacts {
  const people = extractPeople(input);
  const { quotes, fragments } = extractQuoted(input, people);
  const events = extractDates(input);
  return { article: input.id, sentences: input.sentences, people: people.people, quotes, fragments, events };
}

/** At most maxEventsPerSentence events of each sentence, the first ones. */
function boundedEvents(events: ArticleFacts["events"]): ArticleFacts["events"] {
  const perSentence = new Map<number, number>();
  return events.filter((e) => {
    const n = (perSentence.get(e.sentence) ?? 0) + 1;
    perSentence.set(e.sentence, n);
    return n <= EXTRACTION_LIMITS.maxEventsPerSentence;
  });
}

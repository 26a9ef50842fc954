import type { Article } from "../corpus/types.ts";
import { extractDates } from "./dates/index.ts";
import { splitParagraphs } from "./paragraphs.ts";
import { extractPeople } from "./people/index.ts";
import { extractQuoted } from "./quotes/index.ts";
import { splitSentences } from "./sentences.ts";
import type { ArticleFacts, ArticleText } from "./types.ts";

/** Runs every extractor over one article. Pure: the same article always gives the same facts. */
export function extractArticle(article: Article): ArticleFacts {
  const paragraphs = splitParagraphs(article.text);
  const sentences = splitSentences(article.text, paragraphs);
  const input: ArticleText = { id: article.id, text: article.text, published: article.meta.published, paragraphs, sentences };
  const people = extractPeople(input);
  const { quotes, fragments } = extractQuoted(input, people);
  const events = extractDates(input);
  return { article: article.id, sentences, people: people.people, quotes, fragments, events };
}

/**
 * Answers over articles run through the real extractors, for tests of what a member sees from plain news text (the
 * other answer tests use a hand-made knowledge base, to test the answer functions whatever the extractors find).
 */
import { createAnswers } from "../../src/answer/index.ts";
import type { Answers } from "../../src/answer/types.ts";
import { normalise } from "../../src/corpus/normalise.ts";
import type { Article } from "../../src/corpus/types.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { buildKnowledgeBase } from "../../src/kb/build.ts";

export interface TestArticle {
  title: string;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  published: string;
  text: string;
}

export function answersOver(texts: Record<string, TestArticle>): Answers {
  const articles: Article[] = Object.entries(texts).map(([id, a]) => ({
    id,
    file: `${id}.md`,
    meta: { title: a.title, outlet: "Test Wire", published: a.published },
    hash: id,
    signature: id,
    body: a.text,
    text: normalise(a.text).text,
    toOriginal: (offset: number) => offset,
  }));
  return createAnswers(buildKnowledgeBase(articles, articles.map(extractArticle)));
}

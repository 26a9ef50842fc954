import { normalise } from "../../src/corpus/normalise.ts";
import { splitParagraphs } from "../../src/extract/paragraphs.ts";
import { extractPeople } from "../../src/extract/people/index.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import type { ArticlePeople, ArticleText, LocalPerson } from "../../src/extract/types.ts";

/** An ArticleText built the way the pipeline builds it: normalised, then cut into paragraphs and sentences. */
export function article(body: string, id = "t"): ArticleText {
  const text = normalise(body).text;
  const paragraphs = splitParagraphs(text);
  return { id, text, published: "2025-02", paragraphs, sentences: splitSentences(text, paragraphs) };
}

export function people(body: string): ArticlePeople {
  return extractPeople(article(body));
}

export function names(body: string): string[] {
  return people(body).people.map((p) => p.name);
}

export function person(result: ArticlePeople, name: string): LocalPerson {
  const p = result.people.find((x) => x.name === name);
  if (!p) throw new Error(`no person ${name}; found ${result.people.map((x) => x.name).join(", ")}`);
  return p;
}

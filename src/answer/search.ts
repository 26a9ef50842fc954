import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { searchWithFloor } from "./search-index.ts";
import { tooCommon } from "./rareLead.ts";
import { contentTokens, indexTerm } from "./text.ts";
import type { SearchAnswer } from "./types.ts";

const MAX_HITS = 25;

const WORD = /\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

/** The distinct words of a sentence whose index term is one the query matched. */
export function matchedWords(text: string, terms: Set<string>): string[] {
  const words = new Set<string>();
  // WORD is the index's own token pattern (text.ts indexTokenize): each match is one token as the index reads it.
  for (const [word] of text.matchAll(WORD)) {
    const term = indexTerm(word);
    if (term && terms.has(term)) words.add(word);
  }
  return [...words];
}

/** /search: full-text over every sentence, with the words that matched. */
export function search(view: CorpusView, indexes: Indexes, query: string): SearchAnswer {
  // A word in a tenth of all sentences ranks nothing and costs a scan of them all: ask for a more specific word.
  const words = contentTokens(query);
  if (words.length > 0 && words.every((w) => tooCommon(indexes.sentences, indexes.sentenceLead.share, w)))
    return { hits: [], tooCommon: [...new Set(words)], asOf: view.asOf };
  const hits = searchWithFloor(indexes.sentences, query, { minCoverage: 0.5, lead: indexes.sentenceLead, limit: MAX_HITS });
  return {
    hits: hits.slice(0, MAX_HITS).map((h) => {
      const ref = indexes.sentenceRef(h.id as number) as { article: string; sentence: number };
      const text = view.sentence(ref);
      return { text, matched: matchedWords(text, new Set(h.terms)), source: view.source(ref.article) };
    }),
    asOf: view.asOf,
  };
}

import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { searchWithFloor } from "./search-index.ts";
import { indexTerm, indexTokenize } from "./text.ts";
import type { SearchAnswer } from "./types.ts";

const MAX_HITS = 25;

/** Escapes the characters markdown would read as formatting, so corpus text shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]()<>#-]/g, (c) => `\\${c}`);
}

/** The sentence in markdown with every word whose stem the query matched in bold. */
export function highlight(text: string, matched: Set<string>): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(/\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu)) {
    const word = m[0];
    const term = indexTokenize(word).map(indexTerm)[0];
    if (term && matched.has(term)) {
      out += escapeMarkdown(text.slice(last, m.index)) + `**${escapeMarkdown(word)}**`;
      last = m.index + word.length;
    }
  }
  return out + escapeMarkdown(text.slice(last));
}

/** /search: full-text over every sentence, matched words highlighted. */
export function search(view: CorpusView, indexes: Indexes, query: string): SearchAnswer {
  const hits = searchWithFloor(indexes.sentences, query, { minCoverage: 0.5 });
  return {
    hits: hits.slice(0, MAX_HITS).map((h) => {
      const ref = indexes.sentenceRefs[h.id as number] as { article: string; sentence: number };
      const text = view.sentence(ref);
      return { text, highlighted: highlight(text, new Set(h.terms)), source: view.source(ref.article) };
    }),
    asOf: view.asOf,
  };
}

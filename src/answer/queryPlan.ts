// A question as partial matching (statements.ts) weighs it: its terms, each as rare as it is in the corpus, a
// person named in full as one term (however a sentence then names them).
import type { NameIndex } from "./name-index.ts";
import { indexTerm, tokenize } from "./text.ts";

export interface QueryTerm {
  /** The query's words this term stands for: one word, or the words of a person's name. */
  words: string[];
  /** The index terms (stems) of those words. */
  terms: string[];
  /** The people the words name, when they are two or more words of one person's name. */
  people: number[];
  weight: number;
}

export interface QueryPlan {
  terms: QueryTerm[];
  total: number;
}

/** The terms of a query, with their weights; `ignore` holds question words that say nothing about the event. */
export function planQuery(query: string, names: NameIndex, idf: (term: string) => number, ignore: ReadonlySet<string>): QueryPlan {
  const words = tokenize(query).filter((w) => !ignore.has(w));
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; ) {
    const run = personRun(words, i, names);
    if (run) {
      const stems = run.words.map(indexTerm).filter((t): t is string => t !== null);
      terms.push({ words: run.words, terms: stems, people: run.people, weight: Math.max(0, ...stems.map(idf)) });
      i += run.words.length;
      continue;
    }
    const word = words[i++] as string;
    const term = indexTerm(word);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    terms.push({ words: [word], terms: [term], people: [], weight: idf(term) });
  }
  return { terms, total: terms.reduce((sum, t) => sum + t.weight, 0) };
}

/** The longest run of two or more words from `start` that are all names of the same people. */
function personRun(words: string[], start: number, names: NameIndex): { words: string[]; people: number[] } | undefined {
  let people: number[] | undefined;
  let end = start;
  for (let j = start; j < words.length; j++) {
    const named = names.peopleNamed(words[j] as string);
    const next: number[] = named ? (people ?? [...named]).filter((p) => named.has(p)) : [];
    if (next.length === 0) break;
    people = next;
    end = j + 1;
  }
  return people && end - start >= 2 ? { words: words.slice(start, end), people } : undefined;
}

// The shortest documents holding every word of a query. In an index that holds each document's terms once
// (rareLead.ts), an AND query's results rank by length alone, so its best `limit` results are the first `limit`
// documents holding every word in (length, position) order. For a query of common words ("the company", "year
// with") tens of thousands of documents hold them all: rather than collect them all and then cut the shortest, the
// rarest word's documents are read once, each document's length first, and only a document that could still rank
// among the best is looked up in the other words' postings. Once the best `limit` are short, nearly every document is
// passed over by its length alone, which costs an array read, not a hash lookup per other word.
import type { SearchIndex } from "./positioned.ts";
import type { TermDocuments } from "./postingLists.ts";

interface Ranked {
  at: number;
  length: number;
}

const before = (a: Ranked, b: Ranked): boolean => a.length < b.length || (a.length === b.length && a.at < b.at);

/**
 * The first `limit` positions in (length, position) order that every one of `docs` holds and `exclude` (if given)
 * does not, in that order; `lengths` gives each position's length.
 */
export function shortestHoldingEvery(docs: readonly TermDocuments[], lengths: ArrayLike<number>, limit: number, exclude?: (position: number) => boolean): number[] {
  const [rarest, ...others] = [...docs].sort((a, b) => a.size - b.size);
  const top: Ranked[] = [];
  if (!rarest || limit <= 0) return [];
  rarest.forEach((id) => {
    const at = id as number;
    const x = { at, length: lengths[at] ?? 0 };
    const worst = top[limit - 1];
    if (worst && !before(x, worst)) return;
    for (const list of others) if (!list.has(at)) return;
    if (exclude?.(at)) return;
    let i = Math.min(top.length, limit - 1);
    while (i > 0 && before(x, top[i - 1] as Ranked)) i--;
    top.splice(i, 0, x);
    if (top.length > limit) top.pop();
  });
  return top.map((x) => x.at);
}

/**
 * The same over an index's postings for `words` (in `field`, if given): undefined where the index cannot hand out a
 * word's documents, and the caller ranks another way.
 */
export function shortestHoldingWords(
  index: SearchIndex,
  words: readonly string[],
  lengths: ArrayLike<number>,
  limit: number,
  options: { field?: string; exclude?: (position: number) => boolean } = {},
): number[] | undefined {
  const docs: TermDocuments[] = [];
  for (const w of words) {
    const d = index.documentsWith?.(w, options.field);
    if (!d) return undefined;
    docs.push(d);
  }
  return shortestHoldingEvery(docs, lengths, limit, options.exclude);
}

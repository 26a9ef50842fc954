// The articles' title words as the article autocomplete reads them, in tables of integers: each distinct title word
// once, sorted (the words a typed prefix starts are then one range of word numbers), each article's words as numbers,
// and each word's articles. As an object and an array of strings per article, and an array of places per word, they
// were some 14 MB of a shard's heap at 50,000 articles; as integers, under 3 MB.
import type { KbArticle } from "../kb/types.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";
import { tokenize } from "./text.ts";

export interface TitleWords {
  /** The articles in the order given (their places). */
  articles: readonly KbArticle[];
  /** Every distinct title word, sorted by code unit. */
  vocabulary: readonly string[];
  /** The distinct words of the article at place p are `words[wordStarts[p]]` up to `words[wordStarts[p + 1]]`. */
  wordStarts: Int32Array;
  words: Int32Array;
  /** The places of the articles using word w, in order, are `places[placeStarts[w]]` up to `places[placeStarts[w + 1]]`. */
  placeStarts: Int32Array;
  places: Int32Array;
}

/** The title words of these articles (in slices: a live corpus makes them while it answers). */
export function* titleWordsSliced(articles: readonly KbArticle[]): Sliced<TitleWords> {
  // Each article's distinct words by a number in order of first use, then renumbered in the vocabulary's order.
  const firstNumber = new Map<string, number>();
  const wordStarts = new Int32Array(articles.length + 1);
  let numbers: number[] = [];
  yield* eachSliced(articles, (a, place) => {
    for (const w of new Set(tokenize(a.title))) {
      let n = firstNumber.get(w);
      if (n === undefined) firstNumber.set(w, (n = firstNumber.size));
      numbers.push(n);
    }
    wordStarts[place + 1] = numbers.length;
  }, 1024);
  const vocabulary = [...firstNumber.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  yield;
  const renumbered = new Int32Array(firstNumber.size);
  vocabulary.forEach((w, final) => void (renumbered[firstNumber.get(w) as number] = final));
  firstNumber.clear();
  const words = Int32Array.from(numbers, (n) => renumbered[n] as number);
  numbers = [];
  yield;
  // Each word's places: counted, then filled place by place (so each word's are in order).
  const placeStarts = new Int32Array(vocabulary.length + 1);
  for (const w of words) placeStarts[w + 1] = (placeStarts[w + 1] as number) + 1;
  for (let w = 0; w < vocabulary.length; w++) placeStarts[w + 1] = (placeStarts[w + 1] as number) + (placeStarts[w] as number);
  const places = new Int32Array(words.length);
  const filled = placeStarts.slice(0, vocabulary.length);
  for (let place = 0; place < articles.length; place++)
    for (let k = wordStarts[place] as number; k < (wordStarts[place + 1] as number); k++) {
      const w = words[k] as number;
      places[filled[w] as number] = place;
      filled[w] = (filled[w] as number) + 1;
    }
  return { articles, vocabulary, wordStarts, words, placeStarts, places };
}

/**
 * The places, in order, of the articles whose title has a word starting with each typed word: only the articles of
 * the typed word that fewest titles start a word with are tried (every article when nothing is typed).
 */
export function* matchingPlaces(titles: TitleWords, typed: readonly string[]): Iterable<number> {
  const ranges = typed.map((t) => wordsStartingWith(titles.vocabulary, t));
  let fewest: [number, number] | undefined;
  let fewestCount = Infinity;
  for (const [lo, hi] of ranges) {
    const count = (titles.placeStarts[hi] as number) - (titles.placeStarts[lo] as number);
    if (count < fewestCount) [fewest, fewestCount] = [[lo, hi], count];
  }
  const n = titles.articles.length;
  const marked = new Uint8Array(n);
  if (fewest) for (let k = titles.placeStarts[fewest[0]] as number; k < (titles.placeStarts[fewest[1]] as number); k++) marked[titles.places[k] as number] = 1;
  else marked.fill(1);
  for (let place = 0; place < n; place++) if (marked[place] && ranges.every((range) => hasWordIn(titles, place, range))) yield place;
}

/** Whether the title at this place has a word numbered within [lo, hi). */
function hasWordIn({ wordStarts, words }: TitleWords, place: number, [lo, hi]: [number, number]): boolean {
  for (let k = wordStarts[place] as number; k < (wordStarts[place + 1] as number); k++) {
    const w = words[k] as number;
    if (w >= lo && w < hi) return true;
  }
  return false;
}

/** The numbers [lo, hi) of the words of a sorted list that start with `prefix` (two binary searches). */
function wordsStartingWith(sorted: readonly string[], prefix: string): [number, number] {
  const lo = firstAtLeast(sorted, prefix);
  let hi = lo;
  // The words starting with the prefix follow it; the first that does not ends them.
  let step = 1;
  while (hi + step <= sorted.length && (sorted[hi + step - 1] as string).startsWith(prefix)) {
    hi += step;
    step *= 2;
  }
  while (step > 1) {
    step >>= 1;
    if (hi + step <= sorted.length && (sorted[hi + step - 1] as string).startsWith(prefix)) hi += step;
  }
  return [lo, hi];
}

function firstAtLeast(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

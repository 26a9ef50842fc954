// A person's name as the people merge (mergePeople.ts) compares it: its folded words without initials or a
// generational suffix, and every multi-word form its name and aliases give (worked out once per article person);
// and whether two forms are one name misspelt.
import { foldName } from "../lexicon/fold.ts";
import { NAME_SUFFIXES } from "../lexicon/people.ts";
import { editDistance } from "../util/editDistance.ts";
import type { LocalPerson } from "../extract/types.ts";

export const isSuffix = (word: string): boolean => NAME_SUFFIXES.has(word.replace(/\.$/, ""));

/**
 * What the merge works out of one article's person and keeps while that object lives (a live corpus merges every
 * article's people again after each update, the same objects but for the articles that changed): the folded words
 * of its name and its multi-word forms. Never changed once made.
 */
interface PersonWords {
  words: string[];
  forms: string[][];
}
const personWords = new WeakMap<LocalPerson, PersonWords>();

export function wordsOf(person: LocalPerson): PersonWords {
  let known = personWords.get(person);
  if (!known) {
    // Copied to arrays of their own length: as filtered they kept room for more (some 6 MB at 50,000 articles).
    const words = nameWords(person.name).slice();
    const forms = [words, ...person.aliases.map(nameWords).filter((w) => w.length >= 2).map((w) => w.slice())];
    personWords.set(person, (known = { words, forms }));
  }
  return known;
}

export function nameWords(name: string): string[] {
  const words = foldName(name).split(" ").filter((w) => w && !/^\p{L}\.?$/u.test(w));
  while (words.length > 2 && isSuffix(words[words.length - 1] as string)) words.pop();
  return words;
}

/**
 * Same first name, surname one or two letters off, and long enough that such a slip is not a different name; or
 * the same long surname with a first name missing or doubling a final letter ("Barnet" / "Barnett").
 */
export function misspelling(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  if (a[0] !== b[0]) {
    const [p, q] = [a[0] as string, b[0] as string];
    const [x, y] = q.length < p.length ? [q, p] : [p, q];
    if (!(x.length >= 5 && y.length === x.length + 1 && y.startsWith(x))) return false;
    return (a[a.length - 1] as string).length >= 5 && sameWords(a, b, 1, a.length);
  }
  if (!sameWords(a, b, 0, a.length - 1)) return false;
  const x = a[a.length - 1] as string;
  const y = b[b.length - 1] as string;
  // Two letters only in long surnames ("Khodorkovsky" / "Khordokovsky"); one in shorter ones ("Rostedt" /
  // "Rosted"), since "Blair" / "Bland", "Kelly" / "Kerry" or "Williams" / "Willis" are different names. Slips
  // keep the first letter.
  const longer = Math.max(x.length, y.length);
  return longer >= 5 && x[0] === y[0] && editDistance(x, y) <= (longer >= 10 ? 2 : 1);
}

/** Whether two forms have the same words from `from` to `to` (words hold no spaces: as their joined text). */
function sameWords(a: readonly string[], b: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
}

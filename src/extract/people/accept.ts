import type { Candidate } from "./candidates.ts";
import { attributiveShare, nameWords, occurrenceScore, shapeScore } from "./evidence.ts";
import { foldName } from "../../lexicon/fold.ts";
import { isCommonWord, isFirstName, isKnownName } from "../../lexicon/words.ts";
import { usedInLowerCase } from "./names.ts";

/** The occurrences of one multi-word name, and whether the article shows it to be a person. */
export interface NameGroup {
  key: string;
  words: string[];
  occurrences: Candidate[];
  person: boolean;
}

// A name is a person when its own words and the best context it appears in add up to this much: a known first
// name alone is enough; an unfamiliar name needs one context cue (title, "said", a role noun, an apposition).
const THRESHOLD = 2;

/** Groups the multi-word candidates by name and decides, per name, whether it is a person. */
export function acceptNames(candidates: Candidate[], text = ""): NameGroup[] {
  const groups = new Map<string, NameGroup>();
  for (const c of candidates) {
    const words = nameWords(c);
    if (words.length < 2) continue;
    const key = foldName(words.join(" "));
    let g = groups.get(key);
    if (!g) {
      g = { key, words, occurrences: [], person: false };
      groups.set(key, g);
    }
    g.occurrences.push(c);
  }
  const singles = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const words = nameWords(c);
    if (words.length !== 1) continue;
    const key = foldName(words[0] as string);
    singles.set(key, [...(singles.get(key) ?? []), c]);
  }
  for (const g of groups.values()) {
    // The surname alone elsewhere; for names written surname first ("Ban Ki-moon", "Mr. Ban") the first word.
    const lastUse = surnameUse(singles.get(foldName(g.words[g.words.length - 1] as string)) ?? []);
    const firstUse = isFirstName(g.words[0] as string) ? 0 : surnameUse(singles.get(foldName(g.words[0] as string)) ?? []);
    // A first word the article also writes in lower case is an ordinary word here ("General Election").
    const first = g.words[0] as string;
    const lowerFirst = !isKnownName(first) && !isCommonWord(first) && usedInLowerCase(text, first) ? 2 : 0;
    const shape = shapeScore(g.words) + Math.max(lastUse, firstUse) - lowerFirst;
    const scores = g.occurrences.map((c) => occurrenceScore(c));
    const best = Math.max(...scores);
    const worst = Math.min(...scores);
    // Several supported sightings add a little confidence beyond the best one.
    const support = scores.filter((x) => x >= 2).length >= 2 ? 1 : 0;
    // One sighting as an organisation ("Asahi Linux lead developer") outweighs a first-name-like word, unless
    // another sighting shows a person ("Hillary Clinton says", then "Hillary Clinton aide Cheryl Mills").
    g.person = worst > -10 && shape + best + support + (worst < 0 && best < 2 ? worst : 0) >= THRESHOLD;
  }
  propagateThroughLists([...groups.values()], candidates);
  return [...groups.values()];
}

/**
 * Evidence from the surname used on its own: organisations are rarely called by their last word alone, and never
 * "Mr. Chinni" or "Chinni said". Words that keep modifying nouns ("Linux kernel") do not count.
 */
function surnameUse(singles: Candidate[]): number {
  if (singles.length === 0 || attributiveShare(singles) > 0.2) return 0;
  return Math.max(...singles.map(occurrenceScore)) >= 2 ? 2 : 1;
}

/**
 * "Boqun Feng, Wedson Almeida Filho, Benno Lossin and Alice Ryhl": unfamiliar names coordinated with accepted
 * people are people too, as long as nothing marks them as something else.
 */
function propagateThroughLists(groups: NameGroup[], candidates: Candidate[]): void {
  const groupOf = new Map<Candidate, NameGroup>();
  for (const g of groups) for (const c of g.occurrences) groupOf.set(c, g);
  let i = 0;
  while (i < candidates.length) {
    // Collect one coordinated chain of candidates.
    let j = i + 1;
    while (j < candidates.length && candidates[j]!.sentence === candidates[j - 1]!.sentence && coordinated(candidates[j - 1]!, candidates[j]!)) j++;
    const members = candidates.slice(i, j).map((c) => groupOf.get(c));
    i = j;
    if (members.length < 2 || members.some((g) => !g) || !members.some((g) => g!.person)) continue;
    for (const g of members as NameGroup[]) {
      if (g.person || g.words.length > 3) continue;
      const first = g.words[0] as string;
      if (isCommonWord(first) && !isKnownName(first)) continue;
      // Place-like, plural or organisation words rule a name out even in a list of people.
      if (shapeScore(g.words) < -2 || g.occurrences.some((c) => occurrenceScore(c) < 0)) continue;
      g.person = true;
    }
  }
}

/** Two candidates separated only by ", ", " and ", ", and ". */
function coordinated(a: Candidate, b: Candidate): boolean {
  const last = a.tokens[a.to - 1];
  if (!last) return false;
  if (b.from === a.to) return /^\s*,\s*$/.test(last.after);
  const and = a.tokens[a.to];
  return b.from === a.to + 1 && and?.word === "and" && /^\s*,?\s*$/.test(last.after) && /^\s+$/.test(and.after);
}

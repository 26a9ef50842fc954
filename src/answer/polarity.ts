/**
 * A question about a state that ended ("when did X become non-experimental", "X no longer experimental", "X
 * experimental tag removed") asks for a sentence that denies the state ("X is no longer experimental", "the
 * experimental tag will be coming off"), not one that asserts it ("experimental modules were written in 2013").
 * The question is read into the words of the state and the rest; each sentence is then asked whether it denies them.
 */
import { CHANGE_OF_STATE, NEGATORS, REMOVAL_WORDS, STATE_NOUNS } from "../lexicon/negation.ts";
import { sentenceWords } from "./sentenceWords.ts";
import { indexTerm, tokenize } from "./text.ts";

export interface Polarity {
  /** The question without the words that only deny ("non", "no longer", "removed") or say a state began ("become"). */
  query: string;
  /** The terms (stems) of the state the question says ended; empty when it asks about no ending. */
  denied: Set<string>;
  /** It asks about a state (one that ended, or began: "become"), not only about an event. */
  state: boolean;
}

/** How many words before a state a negator may stand ("no longer just an experimental thing"). */
const BEFORE = 4;
/** How many words after a state a removal may stand ("the experimental tag will be coming off"). */
const AFTER = 5;

/** Whether the word at `i` denies what follows: "not", "non", "isn't", and "no longer" (both words). */
function negates(words: string[], i: number): boolean {
  const w = words[i] as string;
  if (w === "longer" || w === "more") return words[i - 1] === "no";
  return NEGATORS.has(w) || w.endsWith("n't");
}

const isContent = (words: string[], i: number) => {
  const w = words[i] as string;
  return indexTerm(w) !== null && !negates(words, i) && !REMOVAL_WORDS.has(w) && !CHANGE_OF_STATE.has(w);
};

/** Reads a question: which state it says ended, and what is left to search for. */
export function readPolarity(question: string): Polarity {
  const words = tokenize(question);
  const denied = new Set<string>();
  const drop = new Set<number>();
  words.forEach((w, i) => {
    if (CHANGE_OF_STATE.has(w)) drop.add(i);
    if (negates(words, i)) {
      // "non-experimental", "no longer experimental", "not experimental": the next content word is the state.
      const j = words.findIndex((_, k) => k > i && isContent(words, k));
      if (j < 0 || j - i > BEFORE) return;
      drop.add(i);
      denied.add(indexTerm(words[j] as string) as string);
    } else if (REMOVAL_WORDS.has(w)) {
      // "experimental tag removed": the two words before the removal, the state and what names it. A sentence may say
      // the removal in other words ("no longer experimental"): what it must do is deny the state.
      // A noun that only names the state ("tag", "status") goes too: "no longer experimental" has none.
      // "taken off", "coming off": the verb before "off" is part of the removal.
      const start = w === "off" && i > 0 ? i - 1 : i;
      if (start < i) drop.add(start);
      for (let k = Math.max(0, start - 2); k < start; k++) {
        if (!isContent(words, k)) continue;
        if (STATE_NOUNS.has(words[k] as string)) drop.add(k);
        else denied.add(indexTerm(words[k] as string) as string);
        drop.add(i);
      }
    }
  });
  const query = drop.size === 0 ? question : words.filter((_, i) => !drop.has(i)).join(" ");
  return { query, denied, state: drop.size > 0 || denied.size > 0 };
}

/**
 * Whether a sentence denies the states a question says ended: true when it holds none of them (nothing to
 * contradict) or one stands after a negator or before a removal; false when it only asserts them.
 */
export function denies(text: string, denied: ReadonlySet<string>): boolean {
  if (denied.size === 0) return true;
  const { tokens: words, terms } = sentenceWords(text);
  let held = false;
  for (let i = 0; i < words.length; i++) {
    const s = terms[i];
    if (s === null || s === undefined || !denied.has(s)) continue;
    held = true;
    for (let k = Math.max(0, i - BEFORE); k < i; k++) if (negates(words, k)) return true;
    for (let k = i + 1; k <= i + AFTER && k < words.length; k++) if (REMOVAL_WORDS.has(words[k] as string)) return true;
  }
  return !held;
}

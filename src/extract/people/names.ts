import { isFirstName } from "../../lexicon/words.ts";

// Name spelling helpers shared by extraction and the corpus-wide merge.

/** Drops a trailing possessive: "Rostedt's" → "Rostedt", "Williams'" → "Williams". */
export function stripPossessive(word: string): string {
  if (/['\u2019]s$/iu.test(word)) return word.slice(0, -2);
  if (/s['\u2019]$/u.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Does the text write `word` in lower case somewhere (as a whole word)? A capitalised word the article also uses
 * in lower case is an ordinary word here ("General Election" / "the election"), not a name.
 */
export function usedInLowerCase(text: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (lower === word || lower.length < 3) return false;
  // A word of letters only is one of the text's whole words or not: one pass over the text answers every such
  // question (scanning the text once per candidate name made a long article's extraction quadratic).
  if (allLetters(lower)) return lowerCaseWordsOf(text).has(lower);
  for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = at + lower.length < text.length ? text.charCodeAt(at + lower.length) : 32;
    if (!isLetter(before) && !isLetter(after)) return true;
  }
  return false;
}

// The whole words written in lower case of the last text asked about (extraction asks about one article at a time).
let lowerCaseWords: { text: string; words: Set<string> } | undefined;

function lowerCaseWordsOf(text: string): Set<string> {
  if (lowerCaseWords?.text === text) return lowerCaseWords.words;
  const words = new Set<string>();
  for (let start = 0; start < text.length; ) {
    if (!isLetter(text.charCodeAt(start))) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < text.length && isLetter(text.charCodeAt(end))) end++;
    const run = text.slice(start, end);
    if (run.length >= 3 && run.toLowerCase() === run) words.add(run);
    start = end;
  }
  lowerCaseWords = { text, words };
  return words;
}

function allLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!isLetter(word.charCodeAt(i))) return false;
  return true;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code > 127 && /\p{L}/u.test(String.fromCharCode(code)));
}

/**
 * Compatible full names (folded words): the same words, a prefix ("Wedson Almeida"), first and last ("Björn
 * Baron"), a two-word surname alone ("Peña Nieto"), or reversed ("Feng Boqun"). Shared by the per-article
 * clustering and the corpus-wide merge.
 */
export function sameFullName(short: string[], long: string[]): boolean {
  if (short.length > long.length) return sameFullName(long, short);
  if (short.length < 2) return false;
  if (short.join(" ") === long.slice(0, short.length).join(" ")) return true;
  // A two-word surname alone: "Peña Nieto" for "Enrique Peña Nieto", "De Niro" for "Robert De Niro".
  if (long.length > short.length && !isFirstName(short[0] as string) && short.join(" ") === long.slice(long.length - short.length).join(" "))
    return true;
  if (short[0] === long[0] && short[short.length - 1] === long[long.length - 1]) return true;
  return short.length === 2 && long.length === 2 && short[0] === long[1] && short[1] === long[0];
}

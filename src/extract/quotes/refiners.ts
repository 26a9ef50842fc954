import type { Candidate } from "./candidate.ts";

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Whether a candidate is reported speech worth keeping. */
export function keepQuote(c: Candidate): boolean {
  const n = wordCount(c.text);
  if (n === 0) return false;
  if (isTitlePhrase(c.text)) return false;
  // A fragment inside reported speech ("X said the plan was "a disaster"") is the reporter's sentence, not a quote.
  if (c.attribution?.form === "partial") return false;
  if (c.attribution) return true;
  return c.inherited && c.standalone && n >= 3;
}

const MAX_FRAGMENT_WORDS = 60;

/**
 * Whether a candidate that is not a direct quote is still someone's words inside the reporter's sentence: a
 * fragment of reported speech ('said he had reached a "new low"') or words a sentence frames ('called it "extremely
 * careless"'). Titles, lone names and scare quotes with nothing reporting them are not.
 */
export function keepFragment(c: Candidate): boolean {
  const n = wordCount(c.text);
  if (n === 0 || n > MAX_FRAGMENT_WORDS || isTitlePhrase(c.text)) return false;
  if (n === 1 && /^\p{Lu}/u.test(c.text)) return false;
  return c.attribution?.form === "partial" || c.framed;
}

// Small words a title leaves in lower case ("Make Your Kid a Millionaire", "Face the Nation").
const TITLE_SMALL = new Set("a an the of and or in on at to for with by from is it as but nor vs".split(" "));

/** A short Title-Case phrase without closing punctuation is a book, show or campaign name, not speech. */
export function isTitlePhrase(text: string): boolean {
  const n = wordCount(text);
  if (n < 2 || n > 8 || /[.!?]$/.test(text)) return false;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.every((w, i) => /^["'(]?[\p{Lu}\d]/u.test(w) || (i > 0 && TITLE_SMALL.has(w.toLowerCase())));
}

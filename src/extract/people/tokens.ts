import type { WordInfo } from "../../lexicon/words.ts";

/** A word of a sentence, with its offsets in the article text. */
export interface Token {
  start: number;
  end: number;
  /** The word without a trailing possessive ("Rostedt" for "Rostedt's"). */
  word: string;
  /** The word as written, possessive included. */
  raw: string;
  /** Starts with an upper-case letter and is not an all-capitals acronym (TOKYO, FOSDEM, CEO). */
  cap: boolean;
  /** Text between this token and the next ("" at the end of the sentence). */
  after: string;
  possessive: boolean;
  /** Memo of the lexicon record (see lexOf). */
  lex?: WordInfo;
}

// Words, keeping inner hyphens and apostrophes ("Kroah-Hartman", "T'so", "O'Brien") and a trailing period only
// for single-letter initials and short abbreviations ("J.", "Mr.", "Jr."), which decide whether a name continues.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019-][\p{L}\p{M}\p{N}]+)*(?:['\u2019](?![\p{L}]))?/gu;

/** Splits the slice [start, end) of the article text into word tokens. */
export function tokenize(text: string, start: number, end: number): Token[] {
  const slice = text.slice(start, end);
  const out: Token[] = [];
  for (const m of slice.matchAll(WORD)) {
    const raw = m[0];
    const s = start + m.index;
    let word = raw;
    let possessive = false;
    // Only words with an apostrophe can be possessive; most have none, so skip the pattern tests.
    if (raw.includes("'") || raw.includes("\u2019")) {
      if (/['\u2019][sS]$/u.test(raw)) [word, possessive] = [raw.slice(0, -2), true];
      else if (/['\u2019]$/u.test(raw)) [word, possessive] = [raw.slice(0, -1), raw.length > 2 && /s['\u2019]$/u.test(raw)];
    }
    out.push({ start: s, end: s + raw.length, word, raw, cap: isCapitalised(word), after: "", possessive });
  }
  for (let i = 0; i < out.length; i++) {
    const t = out[i] as Token;
    const nextStart = i + 1 < out.length ? (out[i + 1] as Token).start : end;
    // Most gaps are a single space: reuse one string instead of slicing.
    t.after = nextStart === t.end + 1 && text.charCodeAt(t.end) === 32 ? " " : text.slice(t.end, nextStart);
  }
  return out;
}

/** "Hellwig", "McDonald", "T'so", "Kroah-Hartman" yes; "TOKYO", "CEO", "iPhone", "4chan" no. */
export function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  // Fast exit for the common case: an ASCII lower-case or non-letter start.
  if (c < 128 && !(c >= 65 && c <= 90)) return false;
  if (c >= 128 && !/^\p{Lu}/u.test(word)) return false;
  if (word.length === 1) return true;
  // "I'd", "I'm", "I'll": the pronoun, not an initial.
  if (c === 73 && (word.charCodeAt(1) === 39 || word.charCodeAt(1) === 0x2019)) return false;
  // One pass: digits rule a name out; a name needs a lower-case letter (else it is an acronym: TOKYO, CEO).
  let lower = false;
  for (let i = 1; i < word.length; i++) {
    const d = word.charCodeAt(i);
    if (d >= 48 && d <= 57) return false;
    if (d >= 97 && d <= 122) lower = true;
    else if (d >= 128 && !lower && /\p{Ll}/u.test(word[i] as string)) lower = true;
  }
  if (!lower) return false;
  // "Florida-based", "League-trained": a compound adjective, not a double-barrelled name.
  // "Seventeen-year-old", "Mother-of-two": lower-case compounds of three or more parts are descriptions.
  return !(word.includes("-") && (/-\p{Ll}+(?:ed|ing)$/u.test(word) || /^[^-]+-\p{Ll}+-\p{Ll}/u.test(word)));
}

/** A single capital letter, written as an initial ("J." in "Donald J. Trump"). */
export function isInitial(t: Token): boolean {
  return t.word.length === 1 && t.cap && t.after.startsWith(".");
}

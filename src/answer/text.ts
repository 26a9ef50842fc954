import { stemmer } from "stemmer";
import { IRREGULAR_VERBS } from "../extract/inflections.ts";
import { foldText } from "../lexicon/fold.ts";

/**
 * Text matching shared by every index and query: the same folding on both sides (the lexicon's, which extraction
 * uses too), so "Kroah‑Hartman", "kroah-hartman" and "Kroah Hartman" meet, and "T’so" finds "T'so".
 */
export const fold = foldText;

// Version numbers ("6.13"), abbreviations ("I/O") and names with apostrophes stay whole; everything else splits on
// punctuation and space. Hyphenated words split too, so "Rust-for-Linux" matches "Rust for Linux".
const TOKEN = /\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

export function tokenize(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

// Question and function words carry no content: dropping them keeps queries selective (and fast: common words
// are what make MiniSearch's slow tail).
export const STOP_WORDS = new Set(
  (
    "a an the and or but of in on at to for from by with about as into over after before than then that this these " +
    "those is are was were be been being do does did has have had it its it's he she they them his her their we you " +
    "i me my our your who whom whose what when where which why how there here not no so if also just very can could " +
    "would should will may might shall must up out s"
  ).split(" "),
);

/** Content words of a query or a document. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((t) => !STOP_WORDS.has(t));
}

// Porter leaves agent and action nouns apart from their verbs ("creator"/"created", "leader"/"leads",
// "resignation"/"resigned"); role questions need them to meet, so those endings are stripped after it. Porter has
// already taken a plural "s" off, so an "-ors" it leaves is part of the verb: "endorsed" is "endors", never "end".
const NOUN_ENDINGS = /(?:ership|ship|er|or|ion|ure|ur)$/;

// News vocabulary is small next to the number of tokens indexed, so stems are worth remembering.
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 200_000;

export function stem(token: string): string {
  if (/\d/.test(token)) return token;
  const known = stems.get(token);
  if (known !== undefined) return known;
  // Irregular forms first: "became" is "become", "bought" is "buy" (which Porter makes "bui", as "buys") before Porter.
  const porter = stemmer(IRREGULAR_VERBS.get(token) ?? token.replace(/'s$/, ""));
  const stripped = porter.replace(NOUN_ENDINGS, "");
  const result = stripped.length >= 3 ? stripped : porter;
  if (stems.size < MAX_REMEMBERED_STEMS) stems.set(token, result);
  return result;
}

// Indexing calls this for every token of every sentence; the same few thousand words come back again and again.
const processed = new Map<string, string | null>();

/** The processTerm for MiniSearch: folds, drops stop words, stems. */
export function indexTerm(term: string): string | null {
  const known = processed.get(term);
  if (known !== undefined) return known;
  const t = fold(term);
  const result = STOP_WORDS.has(t) ? null : stem(t);
  if (processed.size < MAX_REMEMBERED_STEMS) processed.set(term, result);
  return result;
}

/** MiniSearch tokenizer matching `tokenize`. */
export function indexTokenize(text: string): string[] {
  return text.match(/\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu) ?? [];
}

/** Cuts text to at most `max` characters on a word boundary, with an ellipsis; never between a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = /[\ud800-\udbff]/.test(text.charAt(max - 2));
  const cut = text.slice(0, high ? max - 2 : max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + "…";
}

import { AMBIGUOUS_ABBREVIATIONS, SENTENCE_ABBREVIATIONS } from "../lexicon/abbreviations.ts";
import { splitParagraphs, type Paragraph } from "./paragraphs.ts";

export interface Sentence {
  /** Position in the article, from 0. */
  index: number;
  paragraph: number;
  /** Offsets into the normalised article text; `text` is the slice with line breaks folded to spaces. */
  start: number;
  end: number;
  text: string;
}

// Words after which a period does not end a sentence, and those after which it may (lexicon/abbreviations.ts).
const ABBREVIATIONS = SENTENCE_ABBREVIATIONS;
const AMBIGUOUS = AMBIGUOUS_ABBREVIATIONS;
const STARTERS = new Set(
  ("the a an he she it they we i you this that these those there his her its their our in on at but and so " +
    "yet if when while after before since as for however still then now some many most one two").split(" "),
);
// Headings glued to the next sentence by scrapers: "The Signs Were ThereThe signs were there".
const GLUED_STARTER =
  /(?<=\p{Ll})(?=(?:The|This|That|These|Those|There|While|When|Where|What|Why|How|But|And|Yet|Still|However|Despite|After|Before|Since|Although|They|She|His|Her|Its|Our|Their|A|An|Another|It|He|We|In|On|At|As|If|For|Meanwhile|Earlier|Later|Some|Many|Most)\s)/gu;

const END = /([.!?]+|\.\.\.)(["')\]]*)(\s*)/g;

/** Splits the normalised text into sentences, paragraph by paragraph. */
export function splitSentences(text: string, paragraphs: Paragraph[] = splitParagraphs(text)): Sentence[] {
  const sentences: Sentence[] = [];
  for (const p of paragraphs) {
    let start = p.start;
    for (const cut of boundaries(text, p.start, p.end)) {
      push(sentences, text, p.index, start, cut);
      start = cut;
    }
    push(sentences, text, p.index, start, p.end);
  }
  return sentences;
}

/**
 * A longer sentence is cut into pieces of at most this many characters, at a space where there is one: a run-on
 * paragraph (a list of dates, a table pasted as one line) would otherwise be one huge sentence that every fact in
 * it indexes whole. Three of 162,000 sentences of BBC and Reuters news are longer (the longest: 1,860).
 */
export const MAX_SENTENCE_CHARS = 1000;

function push(out: Sentence[], text: string, paragraph: number, start: number, end: number): void {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  // Pieces of a long sentence, each cut at the last space in its final two fifths (or hard at the limit).
  while (end - start > MAX_SENTENCE_CHARS) {
    const piece = text.slice(start, start + MAX_SENTENCE_CHARS + 1);
    const space = piece.search(/\s\S*$/);
    const cut = start + (space > MAX_SENTENCE_CHARS * 0.6 ? space : MAX_SENTENCE_CHARS);
    pushOne(out, text, paragraph, start, cut);
    start = cut;
  }
  pushOne(out, text, paragraph, start, end);
}

function pushOne(out: Sentence[], text: string, paragraph: number, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  if (!body) return;
  const s = start + lead;
  out.push({ index: out.length, paragraph, start: s, end: s + body.length, text: body.replace(/\s*\n\s*/g, " ") });
}

/** Offsets inside [from, to) where a new sentence starts. */
function boundaries(text: string, from: number, to: number): number[] {
  const cuts = new Set<number>();
  const para = text.slice(from, to);
  for (const m of para.matchAll(END)) {
    const [whole, stop = "", closers = "", space = ""] = m;
    const after = m.index + whole.length;
    if (after >= para.length) continue;
    const next = para.slice(after, after + 40);
    // A bounded look-back: slicing from the paragraph start would make long paragraphs quadratic.
    const before = para.slice(Math.max(0, m.index - 40), m.index);
    const prevWord = (before.match(/[\p{L}.]+$/u)?.[0] ?? "").toLowerCase();
    if (space === "") {
      // Glued: "in 2019.By early 2021". Only a lower-case letter or digit before and a capitalised word after.
      if (!/[\p{Ll}\d)]$/u.test(before) || !/^["']?\p{Lu}\p{Ll}/u.test(next)) continue;
      // practice.""Personally: of two glued quote marks the second opens the next sentence.
      const opensNext = closers.length >= 2 && closers.endsWith('"');
      cuts.add(from + after - (opensNext ? 1 : 0));
      continue;
    }
    if (!/^["'([]?[\p{Lu}\d]/u.test(next)) continue;
    if (stop === "." && !closers && isAbbreviation(prevWord, next)) continue;
    cuts.add(from + after);
  }
  for (const m of para.matchAll(GLUED_STARTER)) cuts.add(from + m.index);
  return [...cuts].sort((a, b) => a - b);
}

// "No." and "Nos." abbreviate "number" only before one: "said no. Christoph" ends a sentence, "No. 10" does not.
const NUMBER_ABBREVIATIONS = new Set(["no", "nos"]);

function isAbbreviation(word: string, next: string): boolean {
  if (NUMBER_ABBREVIATIONS.has(word)) return /^\d/.test(next);
  if (/^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    // An initial ("J. Smith") or a dotted acronym ("J.F.K."): ambiguous only when it is a known one.
    if (!AMBIGUOUS.has(word)) return true;
  }
  if (!ABBREVIATIONS.has(word)) return false;
  if (!AMBIGUOUS.has(word)) return true;
  const nextWord = (next.match(/^["'([]?(\p{L}+)/u)?.[1] ?? "").toLowerCase();
  return !STARTERS.has(nextWord);
}

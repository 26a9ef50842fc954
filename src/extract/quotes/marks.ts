import { CUE } from "./cues.ts";
import type { Paragraph } from "../paragraphs.ts";

/** A span between a double-quote mark and its partner (or the paragraph end, when the partner is missing). */
export interface QuotedSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark, or the paragraph end for an unclosed span. */
  end: number;
  /** Offsets of the words inside the marks. */
  innerStart: number;
  innerEnd: number;
  paragraph: number;
  /** False when the paragraph ended before a closing mark: news style for a quote that runs on into the next paragraph. */
  closed: boolean;
  /** The span goes on with the words of the previous one: a new paragraph of the same quote, which by news
   * convention opens with a mark while the previous paragraph closed none (also when the paragraph break was lost:
   * `"A. "B."`). */
  continues: boolean;
}

type Kind = "open" | "close" | "either";

// The text is normalised, so every double mark is a straight '"' and its direction has to come from its neighbours.
const SPACE_BEFORE = /[\s([{\u2014\u2013/-]/;
const AFTER_CLOSE = /[\s.,;:!?)\]}\u2014\u2013'-]/;

function kindAt(text: string, i: number, from: number, to: number): Kind {
  const prev = i > from ? (text[i - 1] as string) : " ";
  const next = i + 1 < to ? (text[i + 1] as string) : " ";
  const spaceBefore = SPACE_BEFORE.test(prev);
  const closeAfter = AFTER_CLOSE.test(next);
  if (spaceBefore && !/\s/.test(next)) return "open";
  if (!spaceBefore && closeAfter) return "close";
  // `said,"Hello` or `a"b`: no spacing evidence, so alternate with whatever is open.
  return "either";
}

// A sentence ended, then a new opening mark: the paragraph break of a quote running over paragraphs, lost in the text.
const SENTENCE_END_BEFORE = /[.!?][')\]]?\s+$/;

/** Every quoted span of every paragraph, in text order. Double marks do not nest, so pairing is a flat scan. */
export function findQuotedSpans(text: string, paragraphs: Paragraph[]): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  for (const p of paragraphs) {
    let open = -1;
    let continues = runsOn(spans, p, text);
    for (let i = text.indexOf('"', p.start); i >= 0 && i < p.end; i = text.indexOf('"', i + 1)) {
      const kind = kindAt(text, i, p.start, p.end);
      const closes = open >= 0 && (kind === "close" || kind === "either");
      if (closes) {
        if (i > open + 1) spans.push(span(text, open, i + 1, p.index, true, continues));
        open = -1;
        continues = false;
      } else if (kind !== "close") {
        // A second opening mark while one is open: after a finished sentence, the quote's next paragraph (`"A. "B."`);
        // a short quote inside the quote when the outer one goes on after it; otherwise the first mark lost its
        // partner in scraping, so start over here.
        if (open >= 0 && SENTENCE_END_BEFORE.test(text.slice(Math.max(open + 1, i - 4), i))) {
          spans.push(span(text, open, text.slice(0, i).trimEnd().length, p.index, false, continues));
          continues = true;
        } else if (open >= 0) {
          const inner = nestedEnd(text, i, p, open === p.start);
          if (inner >= 0) {
            i = inner;
            continue;
          }
        }
        open = i;
      }
    }
    if (open >= 0 && p.end > open + 1) spans.push(span(text, open, p.end, p.index, false, continues));
  }
  return spans;
}

const MAX_NESTED_WORDS = 6;
const INTRODUCED = new RegExp(`(?:\\b${CUE}[,:]?|[,:])\\s*$`, "u");

/**
 * The closing mark of a short quote nested in an open one (`"It isn't about "Equal Justice" anymore.`, the inner
 * marks curly in the original and straight here): there is one within a few words, and after it the outer quote
 * still closes, or runs to the end of a paragraph that it opened. -1 when the marks read otherwise.
 */
function nestedEnd(text: string, at: number, p: Paragraph, outerOpensParagraph: boolean): number {
  // `"Trump walked on stage, chanting "U-S-A!"`: a quote introduced as one is a quote of its own.
  if (INTRODUCED.test(text.slice(Math.max(p.start, at - 40), at))) return -1;
  const close = text.indexOf('"', at + 1);
  if (close < 0 || close >= p.end || kindAt(text, close, p.start, p.end) === "open") return -1;
  if (text.slice(at + 1, close).split(/\s+/).length > MAX_NESTED_WORDS) return -1;
  const next = text.indexOf('"', close + 1);
  if (next < 0 || next >= p.end) return outerOpensParagraph ? close : -1;
  return kindAt(text, next, p.start, p.end) === "open" ? -1 : close;
}

/** Whether the paragraph opens with a mark right after a paragraph whose last quote was left open. */
function runsOn(spans: QuotedSpan[], p: Paragraph, text: string): boolean {
  const last = spans[spans.length - 1];
  return !!last && !last.closed && last.paragraph === p.index - 1 && text[p.start] === '"';
}

function span(text: string, start: number, end: number, paragraph: number, closed: boolean, continues: boolean): QuotedSpan {
  let innerStart = start + 1;
  let innerEnd = closed ? end - 1 : end;
  while (innerStart < innerEnd && /\s/.test(text[innerStart] as string)) innerStart++;
  while (innerEnd > innerStart && /\s/.test(text[innerEnd - 1] as string)) innerEnd--;
  return { start, end, innerStart, innerEnd, paragraph, closed, continues };
}

/** The quoted words as a reader would cite them: line breaks folded, a trailing comma (left by "...," he said) dropped. */
export function quoteWords(text: string, from: number, to: number): string {
  return text
    .slice(from, to)
    .replace(/\s+/g, " ")
    .replace(/[\s,;:\u2014\u2013-]+$/, "")
    .trim();
}

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

/** Every quoted span of every paragraph, in text order. Double marks do not nest, so pairing is a flat scan. */
export function findQuotedSpans(text: string, paragraphs: Paragraph[]): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  for (const p of paragraphs) {
    let open = -1;
    for (let i = text.indexOf('"', p.start); i >= 0 && i < p.end; i = text.indexOf('"', i + 1)) {
      const kind = kindAt(text, i, p.start, p.end);
      const closes = open >= 0 && (kind === "close" || kind === "either");
      if (closes) {
        if (i > open + 1) spans.push(span(text, open, i + 1, p.index, true));
        open = -1;
      } else if (kind !== "close") {
        // A second opening mark while one is open: the first lost its partner in scraping; start over here.
        open = i;
      }
    }
    if (open >= 0 && p.end > open + 1) spans.push(span(text, open, p.end, p.index, false));
  }
  return spans;
}

function span(text: string, start: number, end: number, paragraph: number, closed: boolean): QuotedSpan {
  let innerStart = start + 1;
  let innerEnd = closed ? end - 1 : end;
  while (innerStart < innerEnd && /\s/.test(text[innerStart] as string)) innerStart++;
  while (innerEnd > innerStart && /\s/.test(text[innerEnd - 1] as string)) innerEnd--;
  return { start, end, innerStart, innerEnd, paragraph, closed };
}

/** The quoted words as a reader would cite them: line breaks folded, a trailing comma (left by "...," he said) dropped. */
export function quoteWords(text: string, from: number, to: number): string {
  return text
    .slice(from, to)
    .replace(/\s+/g, " ")
    .replace(/[\s,;:\u2014\u2013-]+$/, "")
    .trim();
}

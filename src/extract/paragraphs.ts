/** A paragraph of the normalised article text, by offsets into it. */
export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

// A line this long that stops without closing punctuation was wrapped by a hard line break, not ended.
const WRAP_WIDTH = 40;
const ENDS_BLOCK = /[.!?:;"')\]]\s*$/;

/**
 * Groups lines into paragraphs. A blank line always ends one; a single line break ends one too, unless the line
 * was hard-wrapped (a long line without closing punctuation, or a next line that starts in lower case or with
 * punctuation).
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = -1;
  let end = 0;
  let offset = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const lineStart = offset;
    offset += line.length + 1;
    if (!line.trim()) {
      if (start >= 0) paragraphs.push({ index: paragraphs.length, start, end });
      start = -1;
      continue;
    }
    if (start < 0) start = lineStart + (line.length - line.trimStart().length);
    end = lineStart + line.trimEnd().length;
    const next = lines[i + 1]?.trimStart() ?? "";
    const wrapped =
      next !== "" && !ENDS_BLOCK.test(line) && (line.trim().length >= WRAP_WIDTH || /^[\p{Ll}\p{P}]/u.test(next));
    const continuesQuote = next !== "" && /^[.,;:!?]/.test(next);
    if (!wrapped && !continuesQuote) {
      paragraphs.push({ index: paragraphs.length, start, end });
      start = -1;
    }
  }
  if (start >= 0) paragraphs.push({ index: paragraphs.length, start, end });
  return paragraphs;
}

import { TextBuilder, type MappedText } from "./offsetMap.ts";

// [text](url "title") and ![alt](url): one level of nested brackets in the text ("[keep [Rust as] a patch](u)"),
// balanced parentheses in the URL, and link text that runs over a line break (scraped text does that).
const LINK =
  /(!?)\[((?:[^[\]]|\[[^[\]]*\]){0,600})\]\(\s*((?:[^()\s]|\([^()\s]*\))*)(?:\s+"[^"]*")?\s*\)/g;

/**
 * Reduces markdown links and images to their text. An image that stands alone on its line is dropped with its
 * line: its alt text describes a picture, not the article's words.
 */
export function reduceMarkdown(input: string): MappedText {
  const out = new TextBuilder();
  let last = 0;
  for (const m of input.matchAll(LINK)) {
    const start = m.index;
    const [whole, bang = "", label = ""] = m;
    out.push(input.slice(last, start), last);
    const lineStart = input.lastIndexOf("\n", start - 1) + 1;
    const lineEnd = input.indexOf("\n", start + whole.length);
    const aloneOnLine =
      input.slice(lineStart, start).trim() === "" &&
      input.slice(start + whole.length, lineEnd === -1 ? input.length : lineEnd).trim() === "";
    if (!(bang && aloneOnLine)) {
      // Link text keeps its own offsets; the label starts after "[" (and "!" for images).
      const labelStart = start + bang.length + 1;
      out.push(label, labelStart);
    }
    last = start + whole.length;
  }
  out.push(input.slice(last), last);
  return stripLineMarkup(out.finish());
}

// "## Heading" and "> quoted line" markers, and **bold** / __bold__ emphasis: markup, not words.
const LINE_MARKUP = /^(?:#{1,6}[ \t]+|>[ \t]?)|\*\*|__/gm;

function stripLineMarkup(input: MappedText): MappedText {
  const out = new TextBuilder();
  let last = 0;
  for (const m of input.text.matchAll(LINE_MARKUP)) {
    out.pushMapped(input, last, m.index);
    last = m.index + m[0].length;
  }
  out.pushMapped(input, last, input.text.length);
  return out.finish();
}

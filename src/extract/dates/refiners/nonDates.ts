/**
 * Drops candidates that are part of something that is not a date: a URL, a path or a markdown link target
 * ("https://example.com/2025/2/7/post", "[text](.../20250108135951...)"), a file name, or an identifier.
 */
import type { Candidate } from "../types.ts";

export function dropNonDates(text: string, cands: Candidate[]): Candidate[] {
  return cands.filter((c) => !insideLinkOrPath(text, c));
}

function insideLinkOrPath(text: string, c: Candidate): boolean {
  // The whitespace-delimited token around the expression, without surrounding punctuation.
  let s = c.start;
  while (s > 0 && !/\s/.test(text[s - 1] ?? " ")) s--;
  let e = c.end;
  while (e < text.length && !/\s/.test(text[e] ?? " ")) e++;
  const token = text.slice(s, e);
  if (/:\/\/|www\.|\.(?:com|org|net|html?|php|io|de)\b|@/.test(token)) return true;
  const inner = token.replace(/^[("'[]+|[)"'\].,;:!?]+$/g, "");
  const expr = text.slice(c.start, c.end);
  // "9/20/2021" alone is a date; "2025/2/7/foo" or "media/2025/02" is a path.
  if (inner.includes("/") && inner !== expr && !expr.includes(" ")) return true;
  // Inside a markdown link target: "](" opened before and not yet closed.
  const before = text.slice(Math.max(0, c.start - 300), c.start);
  const open = before.lastIndexOf("](");
  if (open >= 0 && !before.slice(open).includes(")") && !/\s/.test(before.slice(open))) return true;
  return false;
}

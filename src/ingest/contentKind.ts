// Is a response an HTML page, a feed, or neither? Servers mislabel both (feeds as text/html or text/plain, pages
// as application/octet-stream), so the declared type is checked against the first element of the document.
import { mediaType } from "./charset.ts";

export type ContentKind = "html" | "feed" | "other";

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"]);
// Types that may hide either: decide by content.
const VAGUE_TYPES = new Set(["", "text/plain", "application/octet-stream"]);

export function contentKind(contentType: string, text: string): ContentKind {
  const type = mediaType(contentType);
  const root = rootElement(text);
  if (root === "rss" || root === "feed") return "feed";
  if (HTML_TYPES.has(type)) return "html";
  if (FEED_TYPES.has(type)) return root === "html" ? "html" : "feed";
  if (VAGUE_TYPES.has(type) && root === "html") return "html";
  return "other";
}

/** The name of the first element, past the BOM, XML declaration, doctype and comments (lower-cased). */
function rootElement(text: string): string | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "");
  const stripped = head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|\s+/g, "");
  if (/^<!doctype\s*html/i.test(head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, "").trim())) return "html";
  const match = /^(?:<![^>]*>)*<([A-Za-z][\w:.-]*)/.exec(stripped);
  return match?.[1]?.toLowerCase();
}

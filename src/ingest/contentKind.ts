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
  let head = text.slice(0, 4096).replace(/^\uFEFF/, "").trimStart();
  // Prolog: <?xml …?>, <!-- … -->, <!DOCTYPE …>, in any number and order.
  for (;;) {
    const prolog = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)/.exec(head);
    if (prolog) {
      head = head.slice(prolog[0].length).trimStart();
      continue;
    }
    const doctype = /^<!doctype\s+([\w:.-]+)[^>]*>/i.exec(head);
    if (doctype?.[1]?.toLowerCase() === "html") return "html";
    if (doctype) {
      head = head.slice(doctype[0].length).trimStart();
      continue;
    }
    return /^<([A-Za-z][\w:.-]*)/.exec(head)?.[1]?.toLowerCase();
  }
}

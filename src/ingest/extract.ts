// Main-text extraction. @mozilla/readability is Firefox Reader View's own algorithm, maintained by Mozilla, and the
// usual choice for "the article, not the page". It needs a DOM: jsdom is the DOM Readability is tested against
// upstream; linkedom is lighter but Readability's maintainers do not test with it and its HTML parsing is looser,
// which matters on the messy pages news sites serve. jsdom is imported lazily so the bot does not pay its start-up
// cost unless feeds are configured. Scripts never run and no sub-resource is loaded (jsdom's defaults).
import type { JSDOM as JSDOMType, VirtualConsole as VirtualConsoleType } from "jsdom";

export interface ExtractedArticle {
  title?: string;
  /** Plain paragraphs separated by blank lines. */
  text: string;
  /** <link rel="canonical">, resolved against the page URL. */
  canonical?: string;
  siteName?: string;
  byline?: string;
  publishedTime?: string;
}

// Elements whose text is one paragraph of the article. Captions are left out: they describe pictures, not the story.
const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dt, dd";

let jsdom: Promise<{ JSDOM: typeof JSDOMType; VirtualConsole: typeof VirtualConsoleType }> | undefined;

/** The article in `html` (served from `url`), or undefined when the page holds no readable article. */
export async function extractArticle(html: string, url: string): Promise<ExtractedArticle | undefined> {
  jsdom ??= import("jsdom");
  const [{ JSDOM, VirtualConsole }, { Readability }] = await Promise.all([jsdom, import("@mozilla/readability")]);
  // jsdom reports every CSS it cannot parse on the console; none of it concerns us.
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  try {
    const document = dom.window.document;
    // Read before Readability runs: it rewrites the document in place.
    const canonicalHref = document.querySelector('link[rel~="canonical" i]')?.getAttribute("href") ?? undefined;
    const parsed = new Readability(document, { serializer: (node: Node) => node as Element }).parse();
    if (!parsed?.content) return undefined;
    const text = paragraphs(parsed.content, parsed.title ?? undefined);
    if (!text) return undefined;
    const result: ExtractedArticle = { text };
    if (parsed.title?.trim()) result.title = parsed.title.trim();
    const canonical = canonicalHref ? resolve(canonicalHref, url) : undefined;
    if (canonical) result.canonical = canonical;
    if (parsed.siteName?.trim()) result.siteName = parsed.siteName.trim();
    if (parsed.byline?.trim()) result.byline = parsed.byline.trim();
    if (parsed.publishedTime?.trim()) result.publishedTime = parsed.publishedTime.trim();
    return result;
  } finally {
    dom.window.close();
  }
}

/** The innermost block elements' text, one paragraph each, in document order. */
function paragraphs(root: Element, title: string | undefined): string {
  const out: string[] = [];
  for (const el of root.querySelectorAll(BLOCKS)) {
    // A <li> holding <p>s, or a <blockquote> holding <p>s: the inner blocks carry the text, once.
    if (el.querySelector(BLOCKS)) continue;
    if (el.closest("figcaption")) continue;
    const raw = el.textContent ?? "";
    const line = el.tagName === "PRE" ? raw.trim() : raw.replace(/\s+/g, " ").trim();
    if (!line) continue;
    // Readability usually drops the headline from the content; when it keeps it, the front matter has it already.
    if (out.length === 0 && /^H[1-6]$/.test(el.tagName) && title && line === title.trim()) continue;
    out.push(line);
  }
  return out.join("\n\n");
}

function resolve(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

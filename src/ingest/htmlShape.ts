// A cheap look at a page's shape before jsdom and Readability see it. Building a DOM and scoring it costs time that
// grows with the element count and, worse, with nesting: a page of 200,000 nested elements cost 21 s of CPU (and
// overflowed jsdom's stack) before it was skipped, while a real news page has a few thousand elements nested a few
// dozen deep. One pass over the tags, with no DOM, counts elements and tracks how deep the open ones go, and stops
// at the first limit passed.

export interface HtmlShapeLimits {
  /** Most start tags a page may have (default 20,000: several times a heavy news page). */
  maxElements: number;
  /** Deepest nesting of elements that need an end tag (default 128; browsers' own parsers stop near 512). */
  maxDepth: number;
}

export const DEFAULT_SHAPE_LIMITS: HtmlShapeLimits = { maxElements: 20_000, maxDepth: 128 };

// Elements that never hold others, and those whose end tag may be left out (a new <p> or <li> closes the last one):
// neither adds to the depth, so sloppy but ordinary markup is not mistaken for deep nesting.
const NO_DEPTH = new Set([
  ..."area base br col embed hr img input link meta source track wbr param keygen frame basefont bgsound".split(" "),
  ..."html head body p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp rtc".split(" "),
]);
// Their content is text, not tags: skipped whole.
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]);

const CLOSING: Record<string, RegExp> = {};

const TAG = /<(!--|\/?)([a-zA-Z][^\s/>]*)?(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** Why the page is too large a tree to read (one short reason), or undefined when it is within the limits. */
export function htmlTooComplex(html: string, limits: HtmlShapeLimits = DEFAULT_SHAPE_LIMITS): string | undefined {
  const open: string[] = [];
  let elements = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[1] === "!--") {
      const end = html.indexOf("-->", m.index + 4);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = m[2]?.toLowerCase();
    if (!name) continue;
    if (m[1] === "/") {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    if (++elements > limits.maxElements) return `the page has more than ${limits.maxElements.toLocaleString("en-US")} elements`;
    if (RAW_TEXT.has(name)) {
      const close = (CLOSING[name] ??= new RegExp(`</${name}`, "gi"));
      close.lastIndex = TAG.lastIndex;
      if (!close.exec(html)) break;
      TAG.lastIndex = close.lastIndex - name.length - 2;
      continue;
    }
    if (NO_DEPTH.has(name) || m[0].endsWith("/>")) continue;
    open.push(name);
    if (open.length > limits.maxDepth) return `the page nests elements more than ${limits.maxDepth} deep`;
  }
  return undefined;
}

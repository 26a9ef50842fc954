// RSS 2.0 and Atom 1.0 to one small shape. fast-xml-parser is used because it is pure JavaScript, has no native
// parts, validates well-formedness with a line number (so a broken feed is reported precisely) and caps entity
// expansion by default (a hostile feed cannot blow up memory).
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface FeedItem {
  title: string;
  /** The article page. */
  link?: string;
  /** guid (RSS) or id (Atom): identifies the item when it has no link. */
  id?: string;
  /** The date as the feed wrote it; publishedDay() reads it. */
  date?: string;
  /** Title, summary and categories in one string, for keyword matching before any download. */
  searchText: string;
  author?: string;
}

export interface ParsedFeed {
  format: "rss" | "atom";
  title: string;
  items: FeedItem[];
}

/** The feed is not well-formed XML or not RSS/Atom; the message names the feed URL. */
export class FeedParseError extends Error {
  override name = "FeedParseError";
}

const ARRAYS = new Set(["item", "entry", "link", "category", "author"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;

export function parseFeed(xml: string, feedUrl: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FeedParseError(`feed ${feedUrl}: malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new FeedParseError(`feed ${feedUrl}: malformed XML: ${(err as Error).message}`);
  }
  const rss = asNode(doc.rss);
  if (rss) return parseRss(asNode(rss.channel) ?? {}, feedUrl);
  const atom = asNode(doc.feed);
  if (atom) return parseAtom(atom, feedUrl);
  throw new FeedParseError(`feed ${feedUrl}: not an RSS 2.0 or Atom feed (root element is not <rss> or <feed>)`);
}

function parseRss(channel: Node, feedUrl: string): ParsedFeed {
  const items = list(channel.item).map((raw): FeedItem => {
    const item = asNode(raw) ?? {};
    const title = plain(text(item.title));
    const link = list(item.link).map(text).find(Boolean) ?? guidLink(item.guid);
    // Full-text feeds put the article in content:encoded; it helps keyword matching before any download.
    const summary = plain(`${text(item.description)} ${text(item["content:encoded"])}`);
    const categories = list(item.category).map(text);
    return compact({
      title,
      link: link ? resolve(link, feedUrl) : undefined,
      id: text(item.guid) || undefined,
      date: text(item.pubDate) || text(item["dc:date"]) || undefined,
      searchText: [title, summary, ...categories].join("\n"),
      author: plain(text(item["dc:creator"]) || text(list(item.author)[0])) || undefined,
    });
  });
  return { format: "rss", title: plain(text(channel.title)), items };
}

function parseAtom(feed: Node, feedUrl: string): ParsedFeed {
  const items = list(feed.entry).map((raw): FeedItem => {
    const entry = asNode(raw) ?? {};
    const title = plain(text(entry.title));
    const links = list(entry.link).map((l) => asNode(l) ?? {});
    // rel="alternate" is the page; a link with no rel means alternate too (RFC 4287, 4.2.7.2).
    const page = links.find((l) => (l["@_rel"] ?? "alternate") === "alternate") ?? links[0];
    const href = page ? text(page["@_href"]) : "";
    const summary = plain(text(entry.summary) || text(entry.content));
    const categories = list(entry.category).map((c) => text(asNode(c)?.["@_term"]) || text(c));
    const author = asNode(list(entry.author)[0]);
    return compact({
      title,
      link: href ? resolve(href, feedUrl) : undefined,
      id: text(entry.id) || undefined,
      date: text(entry.published) || text(entry.updated) || undefined,
      searchText: [title, summary, ...categories].join("\n"),
      author: author ? plain(text(author.name)) || undefined : undefined,
    });
  });
  return { format: "atom", title: plain(text(feed.title)), items };
}

// RSS allows a permalink guid in place of <link>.
function guidLink(guid: unknown): string | undefined {
  const node = asNode(guid);
  const value = text(guid);
  if (node && node["@_isPermaLink"] === "false") return undefined;
  return /^https?:\/\//i.test(value) ? value : undefined;
}

function resolve(link: string, base: string): string | undefined {
  try {
    return new URL(link, base).href;
  } catch {
    return undefined;
  }
}

function asNode(value: unknown): Node | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Node) : undefined;
}

function list(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function text(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  const node = asNode(value);
  return node ? text(node["#text"]) : "";
}

// Titles and summaries may carry HTML (Atom type="html", RSS descriptions): keep the words only.
function plain(value: string): string {
  return value
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:amp|lt|gt|quot|apos|#39|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, " ")
    .trim();
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&#39;": "'", "&nbsp;": " " };

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

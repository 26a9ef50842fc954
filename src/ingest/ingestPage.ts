// One article page to one corpus file: download (within the limits), check it is HTML, extract the text, check the
// story is not already in the corpus, write. Every way this can fail comes back as an outcome, never a throw, so
// one bad item cannot stop a feed.
import type { ArticleMeta } from "../corpus/types.ts";
import { decodeBody } from "./charset.ts";
import { contentKind } from "./contentKind.ts";
import type { IngestContext, WrittenArticle } from "./context.ts";
import { storyKeys } from "./corpusIndex.ts";
import { extractArticle } from "./extract.ts";
import { htmlTooComplex } from "./htmlShape.ts";
import { FetchFault, fetchLimited, type Fetched } from "./http.ts";
import { fetchedDay, publishedDay } from "./itemDate.ts";
import { matchesKeywords } from "./keywords.ts";
import { canonicalUrl } from "./storyKeys.ts";
import { writeNewArticle, renderArticle } from "./writeArticle.ts";

export interface PageRequest {
  link: string;
  /** From the feed; the page's own title is the fallback. */
  title?: string;
  /** The feed item's date as written; the page's publish time, then the fetch day, are the fallbacks. */
  date?: string;
  /** The feed's title; the page's site name, then the host name, are the fallbacks. */
  outlet?: string;
  author?: string;
  /** Keywords the item text did not match: the article text must match one of them. */
  keywords?: readonly string[];
}

export type PageOutcome =
  | ({ kind: "written"; link: string } & WrittenArticle)
  | { kind: "duplicate"; link: string; title?: string; of: string }
  | { kind: "skipped"; link: string; title?: string; reason: string; retry: boolean };

const ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
const MAX_AUTHOR = 120;

export async function ingestPage(request: PageRequest, ctx: IngestContext, prefetched?: Fetched): Promise<PageOutcome> {
  const { link } = request;
  const skip = (reason: string, retry = false): PageOutcome => ({ kind: "skipped", link, ...opt("title", request.title), reason, retry });

  // The cheap check first: a known link or title needs no download.
  const known = ctx.index.find(storyKeys({ urls: [link], title: request.title }));
  if (known) return { kind: "duplicate", link, ...opt("title", request.title), of: known };

  let page: Fetched;
  try {
    page = prefetched ?? (await fetchLimited(link, { accept: ACCEPT_HTML }, ctx.limits, ctx.signal));
  } catch (err) {
    if (err instanceof FetchFault) return skip(err.message, err.retry);
    return skip(`download failed: ${(err as Error).message}`, true);
  }
  const html = decodeBody(page.body, page.contentType);
  if (contentKind(page.contentType, html) !== "html")
    return skip(`not an HTML page (${page.contentType.split(";")[0] || "no content type"})`);

  // Checked before any DOM is built: a huge or deeply nested tree costs jsdom and Readability seconds.
  const tooComplex = htmlTooComplex(html);
  if (tooComplex) return skip(tooComplex);
  const article = await extractArticle(html, page.url).catch(() => undefined);
  if (!article) return skip("no article text found on the page");
  if (request.keywords?.length && !matchesKeywords(`${request.title ?? ""}\n${article.text}`, request.keywords))
    return skip(`mentions none of the keywords (${request.keywords.join(", ")})`);

  const title = request.title?.trim() || article.title;
  if (!title) return skip("the page has no title");
  const url = canonicalUrl(article.canonical ?? "") ?? canonicalUrl(page.url) ?? canonicalUrl(link);
  const meta: ArticleMeta = {
    title,
    outlet: request.outlet?.trim() || article.siteName || new URL(page.url).hostname.replace(/^www\./, ""),
    published: publishedDay(request.date) ?? publishedDay(article.publishedTime) ?? fetchedDay(ctx.now()),
  };
  if (url) meta.url = url;
  const author = (request.author ?? article.byline)?.replace(/^by\s+/i, "").trim();
  if (author && author.length <= MAX_AUTHOR) meta.author = author;

  // Re-publications and mirrors differ in link but share the canonical URL (or the title); check all of them.
  const keys = storyKeys({ urls: [link, page.url, article.canonical], title });
  try {
    return await ctx.exclusive(async (): Promise<PageOutcome> => {
      const existing = ctx.index.find(keys);
      if (existing) return { kind: "duplicate", link, title, of: existing };
      const file = await writeNewArticle(ctx.corpusDir, title, renderArticle(meta, article.text));
      ctx.index.add(file, keys);
      return { kind: "written", link, file, meta };
    });
  } catch (err) {
    // A full disk or a read-only folder may pass; the item is tried again later.
    return skip(`cannot write to ${ctx.corpusDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, true);
  }
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

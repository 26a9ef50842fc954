// One URL by hand (`npm run ingest`): a feed gets one full pass, a page is ingested alone. Which one it is, is
// decided by what the server sends, not by the URL, since feed URLs follow no pattern. No state is kept: the corpus
// itself says what is already there, so running it twice writes nothing the second time.
import { decodeBody } from "./charset.ts";
import { contentKind } from "./contentKind.ts";
import { createContext, type ContextOptions } from "./context.ts";
import { ACCEPT_FEED, runFeedPass, type FeedPassResult } from "./feedPass.ts";
import { FetchFault, fetchLimited } from "./http.ts";
import { ingestPage, type PageOutcome } from "./ingestPage.ts";

export type UrlResult = { kind: "feed"; result: FeedPassResult } | { kind: "page"; outcome: PageOutcome };

/** Throws a FetchFault or FeedParseError when the URL itself cannot be used. */
export async function ingestUrl(url: string, corpusDir: string, options: ContextOptions = {}): Promise<UrlResult> {
  const ctx = createContext(corpusDir, options);
  const accept = `${ACCEPT_FEED.replace(", */*;q=0.1", "")}, text/html;q=0.8, */*;q=0.1`;
  const response = await fetchLimited(url, { accept }, ctx.limits, ctx.signal);
  const kind = contentKind(response.contentType, decodeBody(response.body, response.contentType));
  if (kind === "feed") return { kind: "feed", result: await runFeedPass({ url, keywords: [] }, ctx, { prefetched: response }) };
  if (kind === "html") {
    await ctx.index.refresh();
    return { kind: "page", outcome: await ingestPage({ link: url }, ctx, response) };
  }
  throw new FetchFault("not-html", `${url} is neither an HTML page nor an RSS/Atom feed (${response.contentType || "no content type"})`, false);
}

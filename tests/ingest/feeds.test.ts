// Feed ingestion end to end against a local server: RSS and Atom, every fault the issue lists, dedupe across
// feeds and against hand-added files, conditional GET, and the written files read back through the real loader.
import { readdir, rm, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticleFile } from "../../src/corpus/load.ts";
import type { Article } from "../../src/corpus/types.ts";
import { createContext, type IngestContext } from "../../src/ingest/context.ts";
import { FeedParseError } from "../../src/ingest/feedParse.ts";
import { runFeedPass, type FeedPassResult } from "../../src/ingest/feedPass.ts";
import type { PageOutcome } from "../../src/ingest/ingestPage.ts";
import { StateStore } from "../../src/ingest/state.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { LOCAL_HOSTS, send, startServer, type TestServer } from "../support/httpServer.ts";
import { atomFeed, CHROME, rssFeed, storyPage, storyParagraphs } from "../support/newsSite.ts";

const HTML = "text/html; charset=utf-8";
const FETCH_DAY = "2026-11-21";

let server: TestServer;
let root: string;
let corpus: string;
let store: StateStore;
let ctx: IngestContext;
let rss: FeedPassResult;
let atom: FeedPassResult;
let flakyCalls = 0;

const byLink = (result: FeedPassResult, pathname: string): PageOutcome => {
  const found = result.outcomes.find((o) => new URL(o.link).pathname === pathname);
  if (!found) throw new Error(`no outcome for ${pathname}: ${JSON.stringify(result.outcomes)}`);
  return found;
};

const load = async (file: string): Promise<Article> => {
  const article = await loadArticleFile(file);
  if (typeof article === "string") throw new Error(`${file}: ${article}`);
  return article;
};

beforeAll(async () => {
  server = await startServer();
  const b = server.base;
  root = tempDir("ingest-");
  corpus = path.join(root, "corpus");
  await mkdir(corpus);
  // Hand-added files: one known by its url, one only by its title.
  await writeFile(
    path.join(corpus, "hand-added.md"),
    articleFile({ title: "Picked by hand", outlet: "Somewhere", published: "2025-01", url: `${b}/articles/hand-picked`, body: "A person added this file." }),
  );
  await writeFile(
    path.join(corpus, "by-title.md"),
    articleFile({ title: "Compilers Meet the Scheduler", outlet: "Elsewhere", published: "2025", body: "Typed in by a person." }),
  );

  const page = (title: string, topic: string, canonical?: string) =>
    send(HTML, storyPage(title, topic, canonical ? { canonical } : {}));
  server.route("/articles/rust-lands", page("Rust Lands in the Kernel", "Rust support", `${b}/articles/rust-lands?utm_source=canonical`));
  server.route("/mirror/rust-lands-syndicated", page("Rust has landed in Linux", "Rust support", `${b}/articles/rust-lands/`));
  server.route("/articles/rust-lands-v2", page("Rust Lands in the Kernel", "Rust support"));
  server.route("/articles/undated", page("An undated story about drivers", "the driver rewrite"));
  server.route("/articles/memory-safety", page("Memory safety goes mainstream", "memory-safe code"));
  server.route("/articles/hand-picked", page("Picked by hand", "nothing"));
  server.route("/articles/by-title", page("Compilers meet the scheduler", "nothing"));
  server.route("/articles/flaky", (_req, res) => {
    flakyCalls++;
    if (flakyCalls === 1) res.writeHead(503, { "content-type": "text/html" }).end("busy");
    else send(HTML, storyPage("A flaky server's story", "the flaky patch"))(_req, res);
  });
  server.route("/files/report.pdf", send("application/pdf", Buffer.from("%PDF-1.4 not html")));
  server.route("/articles/huge", (_req, res) => {
    // No content-length: the limit must come from counting streamed bytes. 6 MB in 64 KB chunks.
    res.writeHead(200, { "content-type": HTML });
    const chunk = Buffer.alloc(64 * 1024, "<p>filler text</p>\n");
    let sent = 0;
    const pump = (): void => {
      while (sent < 6 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("error", () => undefined);
    pump();
  });
  for (let i = 0; i < 8; i++) server.route(`/redirect/${i}`, (_req, res) => void res.writeHead(302, { location: `/redirect/${i + 1}` }).end());
  server.route("/articles/slow", () => undefined); // never answers
  server.route("/feeds/broken.xml", send("application/rss+xml", `<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Broken</title>\n<item><title>x</title></channel></rss>`));

  const rssXml = rssFeed("The Kernel Times", [
    { title: "Rust Lands in the Kernel", link: `${b}/articles/rust-lands?utm_source=rss&utm_medium=feed`, pubDate: "Tue, 03 Jun 2025 23:30:00 -0700" },
    { title: "Missing story", link: `${b}/articles/gone`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
    { title: "A huge page", link: `${b}/articles/huge`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
    { title: "A PDF report", link: `${b}/files/report.pdf`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
    { title: "A redirect loop", link: `${b}/redirect/0`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
    { title: "A slow server", link: `${b}/articles/slow`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
    { title: "A flaky server's story", link: `${b}/articles/flaky`, pubDate: "Wed, 04 Jun 2025 09:00:00 GMT" },
    { title: "An undated story about drivers", link: `${b}/articles/undated` },
    { title: "Picked by hand", link: `${b}/articles/hand-picked?utm_campaign=x#top`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
    { title: "Compilers meet the scheduler!", link: `${b}/articles/by-title`, pubDate: "Tue, 03 Jun 2025 10:00:00 GMT" },
  ]);
  server.route("/feeds/kernel.rss", (req, res) => {
    const headers = { "content-type": "application/rss+xml; charset=utf-8", etag: '"v1"', "last-modified": "Wed, 04 Jun 2025 12:00:00 GMT" };
    if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304, headers).end();
    res.writeHead(200, headers).end(rssXml);
  });
  server.route(
    "/feeds/systems.atom",
    send(
      "application/atom+xml",
      atomFeed("Systems Weekly", [
        // The RSS story again: tracking-free link with a trailing slash and a fragment, a new timestamp.
        { title: "Rust lands in the kernel", link: `${b}/articles/rust-lands/#comments`, updated: "2025-06-06T10:00:00Z" },
        // A mirror with another title: only the page's canonical link tells it is the same story.
        { title: "Rust has landed in Linux", link: `${b}/mirror/rust-lands-syndicated`, published: "2025-06-05T08:00:00Z" },
        // Re-published at a new address with a new timestamp: the same title (punctuation aside).
        { title: "Rust Lands in the Kernel!", link: `${b}/articles/rust-lands-v2`, published: "2025-06-07T08:00:00Z" },
        { title: "Memory safety goes mainstream", link: `${b}/articles/memory-safety`, published: "2025-06-05T23:59:00-05:00" },
      ]),
    ),
  );

  store = StateStore.inDataDir(path.join(root, "data"));
  ctx = createContext(corpus, { limits: { timeoutMs: 1500, allowHosts: LOCAL_HOSTS }, now: () => new Date(`${FETCH_DAY}T12:00:00Z`) });
  rss = await runFeedPass({ url: `${b}/feeds/kernel.rss`, keywords: [] }, ctx, { store });
  atom = await runFeedPass({ url: `${b}/feeds/systems.atom`, keywords: [] }, ctx, { store });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe("an RSS feed", () => {
  it("writes the story as a corpus file the loader accepts, with the feed's metadata", async () => {
    const o = byLink(rss, "/articles/rust-lands");
    expect(o.kind).toBe("written");
    if (o.kind !== "written") return;
    expect(path.basename(o.file)).toBe("rust-lands-in-the-kernel.md");
    const article = await load(o.file);
    expect(article.meta).toEqual({
      title: "Rust Lands in the Kernel",
      outlet: "The Kernel Times",
      published: "2025-06-03", // the publisher's day, not UTC's (23:30 -0700)
      url: `${server.base}/articles/rust-lands`, // the canonical link, tracking parameters gone
      author: "Jane Reporter",
    });
  });

  it("keeps the article body and none of the page chrome, as paragraphs separated by blank lines", async () => {
    const o = byLink(rss, "/articles/rust-lands");
    if (o.kind !== "written") throw new Error("not written");
    const article = await load(o.file);
    const expected = storyParagraphs("Rust support");
    expect(article.body.trim()).toBe(expected.join("\n\n"));
    for (const chrome of Object.values(CHROME)) expect(article.body).not.toContain(chrome);
    expect(article.body).not.toMatch(/cookie|Privacy|Terms|Newsletters|window\.tracking/i);
    expect(article.text).toContain("Maria Lopez");
  });

  it("gives an undated item the day it was fetched", async () => {
    const o = byLink(rss, "/articles/undated");
    if (o.kind !== "written") throw new Error(JSON.stringify(o));
    expect((await load(o.file)).meta.published).toBe(FETCH_DAY);
  });

  it("skips a 404 for good, without retrying", () => {
    expect(byLink(rss, "/articles/gone")).toMatchObject({ kind: "skipped", reason: "HTTP 404", retry: false });
  });

  it("stops reading a page past 5 MB", () => {
    expect(byLink(rss, "/articles/huge")).toMatchObject({ kind: "skipped", reason: "larger than 5 MB", retry: false });
  });

  it("skips a non-HTML item", () => {
    expect(byLink(rss, "/files/report.pdf")).toMatchObject({ kind: "skipped", reason: "not an HTML page (application/pdf)", retry: false });
  });

  it("gives up after 5 redirects", () => {
    expect(byLink(rss, "/redirect/0")).toMatchObject({ kind: "skipped", reason: "more than 5 redirects", retry: false });
    expect(server.count("/redirect/5")).toBe(1);
    expect(server.count("/redirect/6")).toBe(0);
  });

  it("times out a server that does not answer, to retry later", () => {
    expect(byLink(rss, "/articles/slow")).toMatchObject({ kind: "skipped", reason: "timed out after 1.5 s", retry: true });
  });

  it("skips a 503 to retry later", () => {
    expect(byLink(rss, "/articles/flaky")).toMatchObject({ kind: "skipped", reason: "HTTP 503", retry: true });
  });

  it("does not duplicate hand-added files, by url or by title, and does not download them", () => {
    expect(byLink(rss, "/articles/hand-picked")).toMatchObject({ kind: "duplicate", of: "hand-added.md" });
    expect(byLink(rss, "/articles/by-title")).toMatchObject({ kind: "duplicate", of: "by-title.md" });
    expect(server.count("/articles/hand-picked")).toBe(0);
    expect(server.count("/articles/by-title")).toBe(0);
  });
});

describe("an Atom feed", () => {
  it("writes its own story with the Atom date and the feed title as outlet", async () => {
    const o = byLink(atom, "/articles/memory-safety");
    if (o.kind !== "written") throw new Error(JSON.stringify(o));
    const article = await load(o.file);
    expect(article.meta).toMatchObject({ title: "Memory safety goes mainstream", outlet: "Systems Weekly", published: "2025-06-05" });
    expect(article.body).toContain("memory-safe code had been merged");
  });

  it("stores a story found in two feeds once: same link, mirror with the same canonical URL, re-publication with the same title", () => {
    // The same link (tracking, fragment and trailing slash aside) is the item the RSS pass settled: not even looked at.
    expect(atom.outcomes.some((o) => o.link.includes("/articles/rust-lands/#"))).toBe(false);
    expect(byLink(atom, "/mirror/rust-lands-syndicated")).toMatchObject({ kind: "duplicate", of: "rust-lands-in-the-kernel.md" });
    expect(byLink(atom, "/articles/rust-lands-v2")).toMatchObject({ kind: "duplicate", of: "rust-lands-in-the-kernel.md" });
    expect(server.count("/articles/rust-lands")).toBe(1);
    expect(server.count("/articles/rust-lands-v2")).toBe(0); // the title was enough
  });

  it("without remembered state, still finds the same link in the corpus", async () => {
    const fresh = createContext(corpus, { limits: { timeoutMs: 1500, allowHosts: LOCAL_HOSTS } });
    const pass = await runFeedPass({ url: `${server.base}/feeds/systems.atom`, keywords: [] }, fresh);
    expect(pass.outcomes.map((o) => o.kind)).toEqual(["duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(byLink(pass, "/articles/rust-lands/")).toMatchObject({ of: "rust-lands-in-the-kernel.md" });
    expect(server.count("/articles/memory-safety")).toBe(1);
  });

  it("leaves exactly the expected files in the corpus, all loadable", async () => {
    const names = (await readdir(corpus)).sort();
    expect(names).toEqual(["an-undated-story-about-drivers.md", "by-title.md", "hand-added.md", "memory-safety-goes-mainstream.md", "rust-lands-in-the-kernel.md"]);
    for (const name of names) await load(path.join(corpus, name));
  });
});

describe("a second pass", () => {
  it("sends If-None-Match and If-Modified-Since, gets 304 and downloads nothing again, but retries the 503 and the timeout", async () => {
    const pagesBefore = server.requests.filter((r) => r.path.startsWith("/articles/rust-lands") || r.path === "/articles/gone").length;
    // Retries are due a few minutes later.
    const later = createContext(corpus, { limits: { timeoutMs: 1500, allowHosts: LOCAL_HOSTS }, now: () => new Date(`${FETCH_DAY}T13:00:00Z`) });
    const again = await runFeedPass({ url: `${server.base}/feeds/kernel.rss`, keywords: [] }, later, { store });
    const feedRequests = server.requests.filter((r) => r.path === "/feeds/kernel.rss");
    expect(feedRequests).toHaveLength(2);
    expect(feedRequests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(feedRequests[1]?.headers["if-modified-since"]).toBe("Wed, 04 Jun 2025 12:00:00 GMT");
    expect(again.notModified).toBe(true);
    const pagesAfter = server.requests.filter((r) => r.path.startsWith("/articles/rust-lands") || r.path === "/articles/gone").length;
    expect(pagesAfter).toBe(pagesBefore);
    expect(server.count("/articles/huge")).toBe(1);
    expect(server.count("/files/report.pdf")).toBe(1);
    // Only the temporary failures were tried again; the flaky server now answers.
    expect(again.outcomes.map((o) => new URL(o.link).pathname).sort()).toEqual(["/articles/flaky", "/articles/slow"]);
    const flaky = byLink(again, "/articles/flaky");
    expect(flaky).toMatchObject({ kind: "written", meta: { outlet: "The Kernel Times", published: "2025-06-04" } });
    expect(store.state.items[`url:${server.base.replace("http://", "")}/articles/gone`]).toMatchObject({ status: "failed", reason: "HTTP 404" });
  });

  it("keeps the state on disk, written atomically (no temp file left)", async () => {
    const files = await readdir(path.join(root, "data"));
    expect(files).toEqual(["feeds-state.json"]);
    const reloaded = new StateStore(store.file);
    await reloaded.load();
    expect(reloaded.state.feeds[`${server.base}/feeds/kernel.rss`]).toMatchObject({ etag: '"v1"', lastModified: "Wed, 04 Jun 2025 12:00:00 GMT" });
  });
});

describe("a malformed feed", () => {
  it("is reported with the feed URL and the line", async () => {
    const url = `${server.base}/feeds/broken.xml`;
    const pass = runFeedPass({ url, keywords: [] }, ctx, { store });
    await expect(pass).rejects.toBeInstanceOf(FeedParseError);
    await expect(pass).rejects.toThrow(new RegExp(`^feed ${url.replace(/[.?]/g, "\\$&")}: malformed XML at line 4`));
  });
});

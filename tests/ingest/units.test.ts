// The small pure pieces: FEEDS syntax and feeds files, story keys, feed dates, keywords, content sniffing, slugs,
// back-off, and keyword filtering in a feed pass.
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { nextPollDelay } from "../../src/ingest/backoff.ts";
import { contentKind } from "../../src/ingest/contentKind.ts";
import { createContext } from "../../src/ingest/context.ts";
import { loadFeedSources, parseFeedsValue, readFeedsFile } from "../../src/ingest/feedList.ts";
import { parseFeed } from "../../src/ingest/feedParse.ts";
import { runFeedPass } from "../../src/ingest/feedPass.ts";
import { publishedDay } from "../../src/ingest/itemDate.ts";
import { matchesKeywords } from "../../src/ingest/keywords.ts";
import { slugify } from "../../src/ingest/slug.ts";
import { StateStore } from "../../src/ingest/state.ts";
import { canonicalUrl, titleKey, urlKey } from "../../src/ingest/storyKeys.ts";
import { tempDir } from "../support/files.ts";
import { LOCAL_HOSTS, send, startServer, type TestServer } from "../support/httpServer.ts";
import { rssFeed, storyPage } from "../support/newsSite.ts";

let dir: string;
beforeAll(async () => {
  dir = tempDir("ingest-units-");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("FEEDS", () => {
  it("reads URLs with optional keywords; a part that is not a URL is one more keyword", () => {
    expect(parseFeedsValue("https://a.example/rss|Rust,kernel, https://b.example/atom.xml,https://c.example/x|rust for linux")).toEqual([
      { url: "https://a.example/rss", keywords: ["rust", "kernel"] },
      { url: "https://b.example/atom.xml", keywords: [] },
      { url: "https://c.example/x", keywords: ["rust for linux"] },
    ]);
  });

  it("names the key and the bad entry", () => {
    expect(() => parseFeedsValue("https://a.example/rss,https://exa mple/x")).toThrow(ConfigError);
    expect(() => parseFeedsValue("https://a.example/rss,https://exa mple/x")).toThrow('config: FEEDS entry "https://exa mple/x" must be an http:// or https:// URL');
  });

  it("config accepts the feed keys, defaults the interval to 30, leaves the start spread to the poller when unset, and rejects a bad one by name", () => {
    expect(loadConfig({ FEEDS: "https://a.example/rss" })).toMatchObject({ feeds: "https://a.example/rss", feedIntervalMinutes: 30 });
    expect(loadConfig({ FEED_INTERVAL_MINUTES: "5", FEEDS_FILE: "feeds.yaml" })).toMatchObject({ feedIntervalMinutes: 5, feedsFile: "feeds.yaml" });
    expect(() => loadConfig({ FEED_INTERVAL_MINUTES: "0" })).toThrow(/^config: FEED_INTERVAL_MINUTES /);
    expect(loadConfig({})).not.toHaveProperty("feedStartSpreadMs");
    expect(loadConfig({ FEED_START_SPREAD_SECONDS: "0" })).toMatchObject({ feedStartSpreadMs: 0 });
    expect(loadConfig({ FEED_START_SPREAD_SECONDS: "2.5" })).toMatchObject({ feedStartSpreadMs: 2500 });
    expect(() => loadConfig({ FEED_START_SPREAD_SECONDS: "-1" })).toThrow(/^config: FEED_START_SPREAD_SECONDS must be 0 or more/);
  });
});

describe("FEEDS_FILE", () => {
  it("reads a YAML or JSON list and merges it with FEEDS", async () => {
    const yaml = path.join(dir, "feeds.yaml");
    await writeFile(yaml, "- url: https://a.example/rss\n  keywords: [Rust, kernel]\n- url: https://b.example/atom\n  keywords: memory safety, c++\n");
    const json = path.join(dir, "feeds.json");
    await writeFile(json, JSON.stringify([{ url: "https://c.example/feed" }]));
    expect(readFeedsFile(yaml)).toEqual([
      { url: "https://a.example/rss", keywords: ["rust", "kernel"] },
      { url: "https://b.example/atom", keywords: ["memory safety", "c++"] },
    ]);
    expect(loadFeedSources({ feeds: "https://c.example/feed|x,https://a.example/rss|linux", feedsFile: json })).toEqual([
      { url: "https://c.example/feed", keywords: [] }, // the unfiltered entry wins
      { url: "https://a.example/rss", keywords: ["linux"] },
    ]);
  });

  it("names the file and the entry that is wrong", async () => {
    const file = path.join(dir, "bad.yaml");
    await writeFile(file, "- url: https://a.example/rss\n- url: ftp://b.example/feed\n");
    expect(() => readFeedsFile(file)).toThrow(`config: FEEDS_FILE ${file} entry 2 (url): must be an http:// or https:// URL`);
    await writeFile(file, "- url: https://a.example/rss\n  keyword: rust\n");
    expect(() => readFeedsFile(file)).toThrow(new RegExp(`FEEDS_FILE ${file} entry 1: .*keyword`));
    await writeFile(file, "url: https://a.example/rss\n");
    expect(() => readFeedsFile(file)).toThrow(`config: FEEDS_FILE ${file} must be a list of {url, keywords?} entries`);
    const json = path.join(dir, "bad.json");
    await writeFile(json, "[{");
    expect(() => readFeedsFile(json)).toThrow(`config: FEEDS_FILE ${json} is not valid JSON`);
    expect(() => readFeedsFile(path.join(dir, "missing.yaml"))).toThrow(/cannot be read \(ENOENT\)/);
  });
});

describe("story keys", () => {
  it("strips tracking parameters, the fragment and the trailing slash", () => {
    expect(canonicalUrl("https://News.example/a/b/?utm_source=x&id=3&fbclid=y#top")).toBe("https://news.example/a/b?id=3");
    expect(urlKey("http://www.news.example/a/")).toBe(urlKey("https://news.example/a?utm_medium=rss"));
    expect(canonicalUrl("mailto:x@example.com")).toBeUndefined();
  });

  it("folds case, accents and punctuation of titles; a very short title gives no key", () => {
    expect(titleKey("Rust “Lands” in the Kérnel!")).toBe(titleKey("rust lands in the kernel"));
    expect(titleKey("Update")).toBeUndefined();
  });
});

describe("feed dates", () => {
  it("keeps the publisher's calendar day", () => {
    expect(publishedDay("Tue, 03 Jun 2025 23:30:00 -0700")).toBe("2025-06-03");
    expect(publishedDay("2025-06-05T23:59:00-05:00")).toBe("2025-06-05");
    expect(publishedDay("3 June 2025")).toBe("2025-06-03");
    expect(publishedDay("Tue, 31 Feb 2025 10:00:00 GMT")).toBeUndefined();
    expect(publishedDay("soon")).toBeUndefined();
    expect(publishedDay(undefined)).toBeUndefined();
  });
});

describe("keywords", () => {
  it("match whole words and phrases, case- and accent-insensitively", () => {
    expect(matchesKeywords("Rust for Linux lands", ["rust"])).toBe(true);
    expect(matchesKeywords("We trust rustic code", ["rust"])).toBe(false);
    expect(matchesKeywords("memory   Safety matters", ["memory safety"])).toBe(true);
    expect(matchesKeywords("Le noyau café", ["cafe"])).toBe(true);
    expect(matchesKeywords("anything", [])).toBe(true);
  });
});

describe("content sniffing", () => {
  it("tells feeds from pages whatever the declared type", () => {
    expect(contentKind("text/html", "<!DOCTYPE html><html></html>")).toBe("html");
    expect(contentKind("text/html", '<?xml version="1.0"?>\n<rss version="2.0"></rss>')).toBe("feed");
    expect(contentKind("application/xml", '<?xml version="1.0"?><!-- x --><feed xmlns="http://www.w3.org/2005/Atom"/>')).toBe("feed");
    expect(contentKind("", "<html><body>x</body></html>")).toBe("html");
    expect(contentKind("text/xml", '<!DOCTYPE rss SYSTEM "x.dtd">\n<rss/>')).toBe("feed");
    expect(contentKind("application/pdf", "%PDF-1.4")).toBe("other");
    expect(contentKind("application/json", "{}")).toBe("other");
  });
});

describe("feed parsing", () => {
  it("reads RSS items with guid permalinks, CDATA and entities", () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>A &amp; B</title><item><title><![CDATA[Tom & Jerry <b>return</b>]]></title>` +
        `<guid>https://x.example/1</guid><category>rust</category></item></channel></rss>`,
      "https://x.example/feed",
    );
    expect(feed).toMatchObject({ format: "rss", title: "A & B", items: [{ title: "Tom & Jerry return", link: "https://x.example/1" }] });
    expect(feed.items[0]?.searchText).toContain("rust");
  });

  it("resolves relative Atom links against the feed URL and prefers rel=alternate", () => {
    const feed = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>E</title><link rel="self" href="/self"/><link href="/a/1"/>` +
        `<updated>2025-01-02T00:00:00Z</updated></entry></feed>`,
      "https://x.example/feeds/atom.xml",
    );
    expect(feed.items[0]).toMatchObject({ link: "https://x.example/a/1", date: "2025-01-02T00:00:00Z" });
  });

  it("rejects XML that is neither RSS nor Atom, naming the feed", () => {
    expect(() => parseFeed("<html><body/></html>", "https://x.example/f")).toThrow("feed https://x.example/f: not an RSS 2.0 or Atom feed");
  });
});

describe("slugs and back-off", () => {
  it("makes short ASCII file names", () => {
    expect(slugify("Rust’s “Big” Day: Über-fast C++ & more!")).toBe("rusts-big-day-uber-fast-c-more");
    expect(slugify("日本語")).toBe("article");
    expect(slugify("word ".repeat(40)).length).toBeLessThanOrEqual(80);
  });

  it("polls a failing feed exponentially less often, with jitter, up to a cap", () => {
    const mid = () => 0.5;
    const interval = 30 * 60_000;
    expect(nextPollDelay(interval, 0, mid)).toBe(interval);
    expect(nextPollDelay(interval, 1, mid)).toBe(2 * interval);
    expect(nextPollDelay(interval, 3, mid)).toBe(8 * interval);
    expect(nextPollDelay(interval, 50, mid)).toBe(12 * 3600_000);
    expect(nextPollDelay(interval, 0, () => 0)).toBe(Math.round(0.9 * interval));
    expect(nextPollDelay(interval, 0, () => 1)).toBe(Math.round(1.1 * interval));
  });
});

describe("keyword filtering in a feed pass", () => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it("keeps items whose title or article mentions a keyword and skips the rest with the reason", async () => {
    server = await startServer();
    const b = server.base;
    server.route("/f.rss", send("application/rss+xml", rssFeed("Mixed", [
      { title: "Rust in the kernel again", link: `${b}/a`, description: "" },
      { title: "A quiet week for maintainers", link: `${b}/b`, description: "" },
      { title: "Gardening tips for the spring", link: `${b}/c`, description: "" },
    ])));
    server.route("/a", send("text/html", storyPage("Rust in the kernel again", "the new code")));
    server.route("/b", send("text/html", storyPage("A quiet week for maintainers", "Rust support")));
    server.route("/c", send("text/html", storyPage("Gardening tips for the spring", "the compost heap")));
    const ctx = createContext(path.join(dir, "kw-corpus"), { limits: { allowHosts: LOCAL_HOSTS } });
    const pass = await runFeedPass({ url: `${b}/f.rss`, keywords: ["rust"] }, ctx);
    expect(pass.outcomes.map((o) => o.kind)).toEqual(["written", "written", "skipped"]);
    expect(pass.outcomes[2]).toMatchObject({ reason: "mentions none of the keywords (rust)", retry: false });
  });
});

describe("an item that keeps failing with 5xx", () => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it("is retried on later passes, then given up after 5 attempts and never asked for again", async () => {
    server = await startServer();
    const b = server.base;
    server.route("/f.rss", send("application/rss+xml", rssFeed("Down", [{ title: "A story on a server that is down", link: `${b}/down` }])));
    server.route("/down", (_req, res) => void res.writeHead(500).end());
    const store = StateStore.inDataDir(path.join(dir, "retry-data"));
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const ctx = createContext(path.join(dir, "retry-corpus"), { now: () => new Date(clock), limits: { allowHosts: LOCAL_HOSTS } });
    const feed = { url: `${b}/f.rss`, keywords: [] };
    // Too soon: the retry is not due yet, so the page is not asked for.
    await runFeedPass(feed, ctx, { store });
    clock += 60_000;
    await runFeedPass(feed, ctx, { store });
    expect(server.count("/down")).toBe(1);
    for (let i = 0; i < 6; i++) {
      clock += 7 * 3600_000; // past the longest retry delay
      await runFeedPass(feed, ctx, { store });
    }
    expect(server.count("/down")).toBe(5);
    expect(Object.values(store.state.items)[0]).toMatchObject({ status: "failed", reason: "gave up after 5 attempts: HTTP 500" });
  });
});

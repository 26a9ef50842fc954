// The background poller: feeds on their own timers, a broken, a hanging and an unreachable feed next to a good
// one, back-off, onWrite, and a clean stop.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticleFile } from "../../src/corpus/load.ts";
import type { WrittenArticle } from "../../src/ingest/context.ts";
import { startFeedPolling } from "../../src/ingest/poller.ts";
import { tempDir } from "../support/files.ts";
import { LOCAL_HOSTS, send, startServer, type TestServer } from "../support/httpServer.ts";
import { recordingLog } from "../support/log.ts";
import { rssFeed, storyPage } from "../support/newsSite.ts";

let server: TestServer;
let root: string;

beforeAll(async () => {
  server = await startServer();
  root = tempDir("ingest-poller-");
  const b = server.base;
  server.route("/good.rss", send("application/rss+xml", rssFeed("Good News", [
    { title: "First good story of the day", link: `${b}/p/one`, pubDate: "Mon, 02 Jun 2025 08:00:00 GMT" },
    { title: "Second good story of the day", link: `${b}/p/two`, pubDate: "Mon, 02 Jun 2025 09:00:00 GMT" },
  ])));
  server.route("/p/one", send("text/html", storyPage("First good story of the day", "the first patch")));
  server.route("/p/two", send("text/html", storyPage("Second good story of the day", "the second patch")));
  server.route("/broken.rss", send("application/rss+xml", "<rss><channel><title>oops</channel>"));
  server.route("/hang.rss", () => undefined);
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const until = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("startFeedPolling", () => {
  it("ingests the good feed while the others fail, backs the broken one off, and stops cleanly", async () => {
    const { log, lines } = recordingLog("debug");
    const written: WrittenArticle[] = [];
    const b = server.base;
    const config = {
      // The unreachable one is a closed port on the same host.
      feeds: `${b}/good.rss,${b}/broken.rss,${b}/hang.rss,http://127.0.0.1:9/closed.rss`,
      feedIntervalMinutes: 30,
      feedsAllowHosts: LOCAL_HOSTS,
      feedsIngestExisting: true,
      corpusDir: path.join(root, "corpus"),
      dataDir: path.join(root, "data"),
    };
    const stop = startFeedPolling(config, {
      log,
      intervalMs: 60,
      startSpreadMs: 0,
      limits: { timeoutMs: 15_000 },
      onWrite: (article) => {
        written.push(article);
        if (written.length === 1) throw new Error("announcer down"); // must not stop anything
      },
    });

    await until(() => written.length === 2, 15_000);
    // The hanging feed is still waiting for its 15 s deadline: the good feed did not wait for it.
    expect(server.count("/hang.rss")).toBe(1);
    expect(lines.some((l) => l.msg.includes("hang.rss failed"))).toBe(false);
    for (const w of written) expect(typeof (await loadArticleFile(w.file))).toBe("object");
    expect(written.map((w) => w.meta.outlet)).toEqual(["Good News", "Good News"]);

    // The broken feed is polled again, later each time (60 ms, then 120, 240 …), and each failure names it.
    await until(() => lines.filter((l) => l.msg.startsWith(`feed ${b}/broken.rss failed (2 in a row)`)).length > 0);
    const brokenLine = lines.find((l) => l.msg.startsWith(`feed ${b}/broken.rss failed (1 in a row)`));
    expect(brokenLine?.msg).toContain(`feed ${b}/broken.rss: malformed XML at line 1`);
    expect(lines.some((l) => l.msg.startsWith("feed http://127.0.0.1:9/closed.rss failed (1 in a row): network error"))).toBe(true);
    expect(lines.some((l) => l.msg === "onWrite failed")).toBe(true);

    // The good feed is polled again; its items are known by then and not downloaded again (checked below).
    await until(() => server.count("/good.rss") > 1);
    await stop();
    // A request aborted by stop() may still reach the server a moment later (it was on its way): count from once
    // those have landed. A timer left running would poll again within 60-240 ms, so 300 ms of quiet proves none is.
    await new Promise((r) => setTimeout(r, 300));
    const requests = server.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests.length).toBe(requests); // no timer left
    expect(server.count("/p/one")).toBe(1); // the good feed's items were remembered, not downloaded each poll

    const state = JSON.parse(await readFile(path.join(root, "data", "feeds-state.json"), "utf8"));
    expect(state.feeds[`${b}/broken.rss`].failures).toBeGreaterThanOrEqual(2);
    expect(state.feeds[`${b}/good.rss`].failures).toBe(0);
    // The hanging feed was aborted by stop(), which is not a failure of the feed.
    expect(state.feeds[`${b}/hang.rss`]?.failures ?? 0).toBe(0);
  });

  it("counts a new feed's 300 listed items as seen (nothing downloaded, one log line), then ingests only what comes next", async () => {
    const { log, lines } = recordingLog("info");
    const b = server.base;
    const items = Array.from({ length: 300 }, (_, i) => ({ title: `Archive story number ${i}`, link: `${b}/archive/${i}` }));
    server.route("/big.rss", (req, res) => send("application/rss+xml", rssFeed("Big Feed", items))(req, res));
    server.route("/fresh", send("text/html", storyPage("A story after the feed was added", "the fresh patch")));
    const written: WrittenArticle[] = [];
    const dir = path.join(root, "big");
    const config = { feeds: `${b}/big.rss`, feedIntervalMinutes: 30, feedsAllowHosts: LOCAL_HOSTS, corpusDir: path.join(dir, "corpus"), dataDir: path.join(dir, "data") };
    const stop = startFeedPolling(config, { log, intervalMs: 50, startSpreadMs: 0, onWrite: (a) => void written.push(a) });
    try {
      await until(() => lines.some((l) => l.msg.startsWith("new feed")));
      items.unshift({ title: "A story after the feed was added", link: `${b}/fresh` });
      await until(() => written.length === 1);
      expect(written[0]?.meta.title).toBe("A story after the feed was added");
    } finally {
      await stop();
    }
    expect(server.requests.filter((r) => r.path.startsWith("/archive/"))).toEqual([]);
    expect(lines.filter((l) => l.msg.startsWith("new feed"))).toEqual([
      expect.objectContaining({ msg: `new feed ${b}/big.rss: its 300 listed items count as seen and are not downloaded (FEEDS_INGEST_EXISTING=true ingests them)` }),
    ]);
    const state = JSON.parse(await readFile(path.join(dir, "data", "feeds-state.json"), "utf8"));
    expect(Object.keys(state.items)).toHaveLength(301);
  });

  it("spreads the first polls over FEED_START_SPREAD_SECONDS when it is set: 0 reads every feed at once", async () => {
    const { log } = recordingLog("info");
    server.route("/spread.rss", send("application/rss+xml", rssFeed("Spread", [])));
    const dir = path.join(root, "spread");
    const config = { feeds: `${server.base}/spread.rss`, feedIntervalMinutes: 30, feedsAllowHosts: LOCAL_HOSTS, corpusDir: path.join(dir, "corpus"), dataDir: path.join(dir, "data") };
    // The latest moment of the spread: unset, a tenth of the 30 minutes, at most 30 s, so the first poll would come
    // 29.7 s after the start.
    const stop = startFeedPolling({ ...config, feedStartSpreadMs: 0 }, { log, random: () => 0.99 });
    try {
      await until(() => server.count("/spread.rss") === 1, 5000);
    } finally {
      await stop();
    }
  });

  it("refuses a bad FEEDS value at once, naming the key", () => {
    expect(() => startFeedPolling({ feeds: "rust,kernel", feedIntervalMinutes: 30, corpusDir: root, dataDir: root })).toThrow(
      /^config: FEEDS must start with a feed URL/,
    );
  });
});

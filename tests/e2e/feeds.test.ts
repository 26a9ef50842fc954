// Feeds to announcements, end to end: the real bot follows an RSS feed served on 127.0.0.1, writes the new story
// into its corpus folder, picks it up live at once (no wait for the file to settle) and announces it, once, in the
// configured channel.
import { copyFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedFile, tempDir } from "../support/files.ts";
import { LOCAL_HOSTS, send, startServer, type TestServer } from "../support/httpServer.ts";
import { CHROME, rssFeed, storyPage } from "../support/newsSite.ts";
import { FakeDiscord } from "./fakeDiscord.ts";
import { FAKE_TOKEN, startBot, stop, tempDataDir, type Spawned } from "./harness.ts";

const CHANNEL = "700000000000000009";
const TITLE = "Volunteers finish the tram timetable rewrite";

let fake: FakeDiscord;
let site: TestServer;
let bot: Spawned;
let corpus: string;

beforeAll(async () => {
  site = await startServer();
  site.route("/feed.xml", send("application/rss+xml", rssFeed("Harbour Herald", [{ title: TITLE, link: `${site.base}/story`, pubDate: "Tue, 03 Jun 2025 09:00:00 GMT" }])));
  site.route("/story", send("text/html; charset=utf-8", storyPage(TITLE, "the timetable rewrite")));
  corpus = tempDir("newsdesk-feeds-");
  // One seed article so the bot has a corpus to start with.
  copyFileSync(seedFile("rust-goes-mainstream-in-the-linux-kernel"), path.join(corpus, "seed.md"));
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
  bot = await startBot(fake, {
    CORPUS_DIR: corpus,
    DATA_DIR: tempDataDir(),
    ANNOUNCE_CHANNEL_IDS: CHANNEL,
    // Ten minutes for a file to settle: the story must not wait for that, since the ingester writes it whole.
    CORPUS_DEBOUNCE_MS: "600000",
    FEEDS: `${site.base}/feed.xml`,
    FEEDS_ALLOW_HOSTS: LOCAL_HOSTS.join(","),
    // The story is in the feed when the bot first reads it: without this it would count as seen (no download).
    FEEDS_INGEST_EXISTING: "true",
    FEED_INTERVAL_MINUTES: "1",
  });
});

afterAll(async () => {
  if (bot) await stop(bot);
  await fake?.stop();
  await site?.close();
});

it("writes a new feed story into the corpus and announces it once, without the page chrome", async () => {
  await fake.waitFor(() => fake.postedIn(CHANNEL).length > 0, 30_000, "the announcement").catch((err: Error) => {
    throw new Error(`${err.message}\n${bot.stderr()}`);
  });
  const files = readdirSync(corpus).filter((f) => f.endsWith(".md"));
  expect(files).toHaveLength(2);
  const posted = fake.postedIn(CHANNEL);
  expect(posted).toHaveLength(1);
  const text = JSON.stringify(posted[0]);
  expect(text).toContain(TITLE);
  expect(text).toContain("Maria Lopez");
  expect(text).not.toContain(CHROME.cookie);
  expect(site.count("/story")).toBe(1);
});

// Feeds to announcements, end to end: the real bot follows an RSS feed served on 127.0.0.1, writes the new story
// into its corpus folder, picks it up live at once (no wait for the file to settle) and announces it, once, in the
// configured channel.
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { feedBot } from "../support/feedBot.ts";
import { send } from "../support/httpServer.ts";
import { CHROME, rssFeed, storyPage } from "../support/newsSite.ts";

const CHANNEL = "700000000000000009";
const TITLE = "Volunteers finish the tram timetable rewrite";

const s = feedBot({
  channel: CHANNEL,
  feeds: ["/feed.xml"],
  routes: (site) => {
    site.route("/feed.xml", send("application/rss+xml", rssFeed("Harbour Herald", [{ title: TITLE, link: `${site.base}/story`, pubDate: "Tue, 03 Jun 2025 09:00:00 GMT" }])));
    site.route("/story", send("text/html; charset=utf-8", storyPage(TITLE, "the timetable rewrite")));
  },
  // Ten minutes for a file to settle: the story must not wait for that, since the ingester writes it whole.
  env: { CORPUS_DEBOUNCE_MS: "600000", FEED_INTERVAL_MINUTES: "1" },
});

it("writes a new feed story into the corpus and announces it once, without the page chrome", async () => {
  await s.fake.waitFor(() => s.fake.postedIn(CHANNEL).length > 0, 30_000, "the announcement").catch((err: Error) => {
    throw new Error(`${err.message}\n${s.bot.stderr()}`);
  });
  const files = readdirSync(s.corpus).filter((f) => f.endsWith(".md"));
  expect(files).toHaveLength(2);
  const posted = s.fake.postedIn(CHANNEL);
  expect(posted).toHaveLength(1);
  const text = JSON.stringify(posted[0]);
  expect(text).toContain(TITLE);
  expect(text).toContain("Maria Lopez");
  expect(text).not.toContain(CHROME.cookie);
  expect(s.site.count("/story")).toBe(1);
});

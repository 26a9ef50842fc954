// One post per story, end to end: two feeds (two outlets) carry the same story under different addresses and
// headlines; the real bot ingests both, announces the story once (whichever copy it read first), and edits "Also reported by" into that
// announcement when the second copy arrives (its page is served a moment later, so that it does).
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { feedBot } from "../support/feedBot.ts";
import { send } from "../support/httpServer.ts";
import { articlePage, rssFeed, storyParagraphs } from "../support/newsSite.ts";
import { validateMessage, type FakeMessage } from "./fakeDiscord.ts";

type Json = Record<string, unknown>;
const CHANNEL = "700000000000000031";
const [TITLE_A, TITLE_B] = ["Volunteers finish the tram timetable rewrite", "Tram timetable rewrite completed by volunteers"];
const paragraphs = [
  ...storyParagraphs("the timetable rewrite"),
  "Volunteers from the transport club spent two winters checking every departure against the drivers' logs, station by station, before the new tables were printed.",
];

const s = feedBot({
  channel: CHANNEL,
  feeds: ["/a.xml", "/b.xml"],
  routes: (site) => {
    site.route("/a.xml", send("application/rss+xml", rssFeed("Harbour Herald", [{ title: TITLE_A, link: `${site.base}/a/story`, pubDate: "Tue, 03 Jun 2025 09:00:00 GMT" }])));
    site.route("/b.xml", send("application/rss+xml", rssFeed("Coast Wire", [{ title: TITLE_B, link: `${site.base}/b/story?ref=rss`, pubDate: "Tue, 03 Jun 2025 14:30:00 GMT" }])));
    site.route("/a/story", send("text/html; charset=utf-8", articlePage({ title: TITLE_A, paragraphs })));
    // The same story under another headline, with the outlet's own lead; a moment later than the first.
    const copy = articlePage({ title: TITLE_B, paragraphs: [`HARBOUR CITY (Coast Wire) - ${paragraphs[0] ?? ""}`, ...paragraphs.slice(1)] });
    site.route("/b/story", (_req, res) => void setTimeout(() => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(copy), 2500));
  },
  env: { CORPUS_DEBOUNCE_MS: "100" },
});

it("a story from two feeds is announced once, with the other outlet edited in as also reporting it", async () => {
  const also = (m: FakeMessage | undefined) => ((m?.embeds[0] as Json | undefined)?.fields as { name: string; value: string }[] | undefined)?.find((f) => f.name === "Also reported by");
  // Edited in once posted (the copy's page comes 2.5 s later); had it come before the post, the queued one says it.
  await s.fake.waitFor(() => also(s.fake.postedIn(CHANNEL)[0]), 50_000, "the announcement listing the copy").catch((err: Error) => {
    throw new Error(`${err.message}\n${s.bot.stderr()}`);
  });
  expect(readdirSync(s.corpus).filter((f) => f.endsWith(".md"))).toHaveLength(3);
  const posted = s.fake.postedIn(CHANNEL);
  expect(posted).toHaveLength(1);
  const m = posted[0] as FakeMessage;
  expect(validateMessage(m)).toBeUndefined();
  const embed = m.embeds[0] as Json;
  // Feed B's page comes later, but a loaded machine may still ingest it first: then B is the story and A its copy.
  const copyOfA = `*Coast Wire*: [${TITLE_B}](${s.site.base}/b/story?ref=rss)`;
  const copyOfB = `*Harbour Herald*: [${TITLE_A}](${s.site.base}/a/story)`;
  expect(embed.title === TITLE_A ? copyOfA : embed.title === TITLE_B ? copyOfB : `a title of the two, not ${String(embed.title)}`).toBe(also(m)?.value);
  expect(s.fake.channels.edits.map((e) => e.messageId)).toEqual(s.fake.channels.edits.length ? [m.id] : []);
  await new Promise((r) => setTimeout(r, 500));
  expect(s.fake.postedIn(CHANNEL)).toHaveLength(1);
});

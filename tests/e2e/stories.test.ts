// One post per story, end to end: two feeds (two outlets) carry the same story under different addresses and
// headlines; the real bot ingests both, announces the story once (whichever copy it read first), and edits "Also reported by" into that
// announcement when the second copy arrives (its page is served a moment later, so that it does).
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedCorpus } from "../support/files.ts";
import { LOCAL_HOSTS, send, startServer, type TestServer } from "../support/httpServer.ts";
import { articlePage, rssFeed, storyParagraphs } from "../support/newsSite.ts";
import { FakeDiscord, validateMessage, type FakeMessage } from "./fakeDiscord.ts";
import { FAKE_TOKEN, startBot, stop, tempDataDir, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const CHANNEL = "700000000000000031";
const [TITLE_A, TITLE_B] = ["Volunteers finish the tram timetable rewrite", "Tram timetable rewrite completed by volunteers"];
const paragraphs = [
  ...storyParagraphs("the timetable rewrite"),
  "Volunteers from the transport club spent two winters checking every departure against the drivers' logs, station by station, before the new tables were printed.",
];

let fake: FakeDiscord;
let site: TestServer;
let bot: Spawned;
let corpus: string;

beforeAll(async () => {
  site = await startServer();
  site.route("/a.xml", send("application/rss+xml", rssFeed("Harbour Herald", [{ title: TITLE_A, link: `${site.base}/a/story`, pubDate: "Tue, 03 Jun 2025 09:00:00 GMT" }])));
  site.route("/b.xml", send("application/rss+xml", rssFeed("Coast Wire", [{ title: TITLE_B, link: `${site.base}/b/story?ref=rss`, pubDate: "Tue, 03 Jun 2025 14:30:00 GMT" }])));
  site.route("/a/story", send("text/html; charset=utf-8", articlePage({ title: TITLE_A, paragraphs })));
  // The same story under another headline, with the outlet's own lead; a moment later than the first.
  const copy = articlePage({ title: TITLE_B, paragraphs: [`HARBOUR CITY (Coast Wire) - ${paragraphs[0] ?? ""}`, ...paragraphs.slice(1)] });
  site.route("/b/story", (_req, res) => void setTimeout(() => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(copy), 2500));
  corpus = seedCorpus(["rust-goes-mainstream-in-the-linux-kernel"]);
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
  bot = await startBot(fake, {
    CORPUS_DIR: corpus,
    DATA_DIR: tempDataDir(),
    ANNOUNCE_CHANNEL_IDS: CHANNEL,
    CORPUS_DEBOUNCE_MS: "100",
    FEEDS: `${site.base}/a.xml,${site.base}/b.xml`,
    FEEDS_ALLOW_HOSTS: LOCAL_HOSTS.join(","),
    FEEDS_INGEST_EXISTING: "true",
  });
});

afterAll(async () => {
  if (bot) await stop(bot);
  await fake?.stop();
  await site?.close();
});

it("a story from two feeds is announced once, with the other outlet edited in as also reporting it", async () => {
  const also = (m: FakeMessage | undefined) => ((m?.embeds[0] as Json | undefined)?.fields as { name: string; value: string }[] | undefined)?.find((f) => f.name === "Also reported by");
  // Edited in once posted (the copy's page comes 2.5 s later); had it come before the post, the queued one says it.
  await fake.waitFor(() => also(fake.postedIn(CHANNEL)[0]), 50_000, "the announcement listing the copy").catch((err: Error) => {
    throw new Error(`${err.message}\n${bot.stderr()}`);
  });
  expect(readdirSync(corpus).filter((f) => f.endsWith(".md"))).toHaveLength(3);
  const posted = fake.postedIn(CHANNEL);
  expect(posted).toHaveLength(1);
  const m = posted[0] as FakeMessage;
  expect(validateMessage(m)).toBeUndefined();
  const embed = m.embeds[0] as Json;
  // Feed B's page comes later, but a loaded machine may still ingest it first: then B is the story and A its copy.
  const copyOfA = `*Coast Wire*: [${TITLE_B}](${site.base}/b/story?ref=rss)`;
  const copyOfB = `*Harbour Herald*: [${TITLE_A}](${site.base}/a/story)`;
  expect(embed.title === TITLE_A ? copyOfA : embed.title === TITLE_B ? copyOfB : `a title of the two, not ${String(embed.title)}`).toBe(also(m)?.value);
  expect(fake.channels.edits.map((e) => e.messageId)).toEqual(fake.channels.edits.length ? [m.id] : []);
  await new Promise((r) => setTimeout(r, 500));
  expect(fake.postedIn(CHANNEL)).toHaveLength(1);
});

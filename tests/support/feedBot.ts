// The real bot following the feeds of a news site served on 127.0.0.1 (httpServer.ts), announcing in one channel of
// the fake Discord, on a corpus of one seed article: started before the calling file's tests, stopped after them.
// Used by the feed end-to-end tests (tests/e2e/feeds.test.ts, tests/e2e/stories.test.ts).
import { afterAll, beforeAll } from "vitest";
import { FakeDiscord } from "../e2e/fakeDiscord.ts";
import { FAKE_TOKEN, startBot, stop, tempDataDir, WARM_WORKER, type Spawned } from "../e2e/harness.ts";
import { seedCorpus } from "./files.ts";
import { LOCAL_HOSTS, startServer, type TestServer } from "./httpServer.ts";

export interface FeedBot {
  fake: FakeDiscord;
  site: TestServer;
  bot: Spawned;
  corpus: string;
}

export interface FeedBotOptions {
  channel: string;
  /** Paths of the feeds on the site, each served by `routes`. */
  feeds: string[];
  /** Serves the feeds and their stories on the site. */
  routes(site: TestServer): void;
  /** More of the bot's settings. */
  env?: Record<string, string>;
}

/** The fields are set once the calling file's tests run. */
export function feedBot(o: FeedBotOptions): FeedBot {
  const f = {} as FeedBot;
  beforeAll(async () => {
    f.site = await startServer();
    o.routes(f.site);
    f.corpus = seedCorpus(["rust-goes-mainstream-in-the-linux-kernel"]);
    f.fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
    f.bot = await startBot(f.fake, {
      ...WARM_WORKER,
      CORPUS_DIR: f.corpus,
      DATA_DIR: tempDataDir(),
      ANNOUNCE_CHANNEL_IDS: o.channel,
      FEEDS: o.feeds.map((p) => `${f.site.base}${p}`).join(","),
      FEEDS_ALLOW_HOSTS: LOCAL_HOSTS.join(","),
      // The stories are in the feeds when the bot first reads them: without this they would count as seen.
      FEEDS_INGEST_EXISTING: "true",
      // Every feed read at once: by default the first polls are spread over up to 30 s (random moments).
      FEED_START_SPREAD_SECONDS: "0",
      ...o.env,
    });
  });
  afterAll(async () => {
    if (f.bot) await stop(f.bot);
    await f.fake?.stop();
    await f.site?.close();
  });
  return f;
}

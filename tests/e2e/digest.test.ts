// DIGEST_CRON end to end: the real bot posts a quote of the day to the announcement channel at each tick (every
// second here), never the same quote twice in a round, also across a restart (the rotation lives in DATA_DIR).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, validateMessage } from "./fakeDiscord.ts";
import { FAKE_TOKEN, RESTART_IDENTIFY_MS, startBot, stop, tempDataDir, type Spawned } from "./harness.ts";

const CHANNEL = "700000000000000009";
let fake: FakeDiscord;
let bot: Spawned | undefined;
let dataDir: string;

function start(): Promise<Spawned> {
  return startBot(
    fake,
    {
      DATA_DIR: dataDir,
      ANNOUNCE_CHANNEL_IDS: CHANNEL,
      DIGEST_CRON: "* * * * * *",
    },
    "quote of the day scheduled",
  );
}

beforeAll(async () => {
  dataDir = tempDataDir();
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000, identifyIntervalMs: RESTART_IDENTIFY_MS }).start();
});

afterAll(async () => {
  if (bot) await stop(bot);
  await fake?.stop();
});

describe("the quote of the day", () => {
  it("is posted at each tick with its speaker and citation, and no quote repeats across a restart", async () => {
    bot = await start();
    await fake.waitFor(() => fake.postedIn(CHANNEL).length >= 2, 6000, "two digests");
    await stop(bot);
    const beforeRestart = fake.postedIn(CHANNEL).length;
    bot = await start();
    await fake.waitFor(() => fake.postedIn(CHANNEL).length >= beforeRestart + 2, 6000, "two more digests");
    await stop(bot);
    bot = undefined;

    const posted = fake.postedIn(CHANNEL);
    for (const m of posted) {
      expect(validateMessage(m)).toBeUndefined();
      const e = m.embeds[0] as { title: string; description: string };
      expect(e.title).toBe("Quote of the day");
      expect(e.description).toMatch(/^> “.+”\n> — \*\*.+\*\*\n— .+, (The New Stack|LWN\.net|21CTO|Kloudnative), /s);
    }
    const quotes = posted.map((m) => (m.embeds[0] as { description: string }).description);
    expect(new Set(quotes).size).toBe(quotes.length);
    const stored = JSON.parse(readFileSync(path.join(dataDir, "digest.json"), "utf8")) as { used: string[] };
    expect(stored.used.length).toBeGreaterThanOrEqual(quotes.length);
    expect(fake.errors).toEqual([]);
  });
});

// Crash safety, end to end: the real bot is killed with SIGKILL again and again while articles stream into its
// corpus and their announcements go out, and restarted each time. After every kill the state it left must load;
// at the end every article must have been announced exactly once in every channel (nothing lost, nothing twice).
// Used by tests/e2e/crash.test.ts (a couple of kills) and tests/stress/crash.test.ts (many).
import { copyFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { openFactsCache } from "../../src/pipeline/factsCache.ts";
import { articleFile } from "../support/articles.ts";
import { seedFile, tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { FakeDiscord } from "./fakeDiscord.ts";
import { FAKE_TOKEN, RESTART_IDENTIFY_MS, startBot, tempDataDir, WARM_WORKER, type Spawned } from "./harness.ts";
import { HoldingProxy } from "./holdingProxy.ts";

export const CHANNELS = ["700000000000000041", "700000000000000042"];

export interface CrashReport {
  /** Titles of the articles added while the bot ran (and was killed). */
  titles: string[];
  /** Titles posted in each channel, in order. */
  posted: Map<string, string[]>;
  /** The record after the final clean stop. */
  record: { announced: Record<string, string>; queue: unknown[] };
  /** Problems seen on the way (state that did not load, a bad exit); empty when all went well. */
  problems: string[];
  /** How each kill was timed, for the failure message. */
  kills: string[];
  finalExit: number | null;
  /** Kills that left a half-done record write behind (its temporary file): proof they hit a write. */
  midWrite: number;
  /** Messages sent again after a kill (the same nonce): Discord took them, the record had not noted it yet. */
  resent: number;
}

export interface CrashOptions {
  kills: number;
  /** Articles written per cycle, while the bot runs. */
  batch: number;
  random?: () => number;
}

const story = (n: number): { id: string; title: string; text: string } => {
  const title = `Harbour Council Story ${n}: Trams Stay`;
  const day = String((n % 27) + 1).padStart(2, "0");
  const text = articleFile({
    title,
    published: `2025-11-${day}`,
    url: `https://example.org/crash/${n}`,
    body: `Maria Lopez${n}, a member of the harbour council, opened session ${n} in Lisbon on Nov. ${Number(day)}, 2025.\n\n"We will keep the trams running, whatever it takes," Lopez${n} said.`,
  });
  return { id: `harbour-story-${n}`, title, text };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function crashRun(options: CrashOptions): Promise<CrashReport> {
  const random = options.random ?? Math.random;
  const corpus = tempDir("newsdesk-crash-");
  copyFileSync(seedFile("rust-goes-mainstream-in-the-linux-kernel"), path.join(corpus, "seed.md"));
  const dataDir = tempDataDir();
  const recordFile = path.join(dataDir, "announcements.json");
  const fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000, identifyIntervalMs: RESTART_IDENTIFY_MS }).start();
  // Every announcement is posted at once, but Discord's answer takes 60 ms to come back: a kill in that window
  // leaves a message that was posted but not recorded as sent, which the restart sends again with the same nonce.
  const proxy = await new HoldingProxy(fake).start();
  proxy.hold("POST", /^\/api\/v10\/channels\/\d+\/messages$/, 60, Infinity, "response");
  const titles: string[] = [];
  const problems: string[] = [];
  const kills: string[] = [];
  let written = 0;
  let midWrite = 0;
  // write-file-atomic's temporary file: one left behind means the kill landed in the middle of a record write.
  const temporaries = (): string[] => readdirSync(dataDir).filter((f) => /^announcements\.json\.\d+$/.test(f));

  // Written the way a careful tool writes (a hidden temporary file, then a rename), so the bot never reads half.
  const addArticle = (): void => {
    const s = story(++written);
    const temp = path.join(corpus, `.${s.id}.tmp`);
    writeFileSync(temp, s.text);
    renameSync(temp, path.join(corpus, `${s.id}.md`));
    titles.push(s.title);
  };
  const posted = (): number => fake.channelMessages.length;
  const start = (): Promise<Spawned> =>
    startBot(fake, {
      ...WARM_WORKER,
      DISCORD_API_BASE: proxy.apiBase,
      CORPUS_DIR: corpus,
      DATA_DIR: dataDir,
      ANNOUNCE_CHANNEL_IDS: CHANNELS.join(","),
      CORPUS_DEBOUNCE_MS: "30",
      ANNOUNCE_RETRY_MS: "100",
      // Every article announced one by one (the default folds all past 5 in 10 minutes into a summary post).
      ANNOUNCE_BURST: "100",
    });
  const checkState = async (when: string): Promise<void> => {
    try {
      JSON.parse(readFileSync(recordFile, "utf8"));
      const record = await AnnouncementRecord.open(recordFile);
      if (record.corrupt) problems.push(`${when}: the record was not valid JSON`);
    } catch (err) {
      problems.push(`${when}: the record did not load: ${(err as Error).message}`);
    }
  };

  let bot = await start();
  let finalExit: number | null;
  try {
    for (let k = 0; k < options.kills; k++) {
      const before = posted();
      for (let i = 0; i < options.batch; i++) addArticle();
      // Half the kills land while messages go out (after a few), half after a random moment (reload, record write).
      if (k % 2 === 0) {
        const target = before + 1 + Math.floor(random() * (options.batch * CHANNELS.length - 1));
        await fake.waitFor(() => posted() >= target, 15_000, `${target - before} announcements before kill ${k + 1}`);
        kills.push(`kill ${k + 1}: after ${posted() - before} of ${options.batch * CHANNELS.length} messages`);
      } else {
        const ms = Math.floor(random() * 400);
        await sleep(ms);
        kills.push(`kill ${k + 1}: ${ms} ms after the batch (${posted() - before} messages out)`);
      }
      bot.child.kill("SIGKILL");
      await bot.exit;
      if (temporaries().length > 0) midWrite += 1;
      await checkState(`after kill ${k + 1}`);
      addArticle(); // one more while the bot is down: announced after the restart
      bot = await start();
    }
    for (let i = 0; i < options.batch; i++) addArticle();
    const expected = titles.length * CHANNELS.length;
    await fake.waitFor(() => posted() >= expected, 30_000, `all ${expected} announcements`).catch((err: Error) => {
      problems.push(`${err.message}: ${posted()} arrived (${kills.join("; ")})`);
    });
    await fake.waitFor(() => queueLength(recordFile) === 0, 5000, "the queue to empty").catch(() => problems.push("the queue did not empty"));
    await sleep(300); // a duplicate would arrive now
    bot.child.kill("SIGTERM");
    finalExit = await bot.exit;
    if (temporaries().length > 0) problems.push(`temporary files left after a clean stop: ${temporaries().join(", ")}`);
    await checkState("after the final stop");
    // The facts cache (DATA_DIR/cache), flushed by the clean stop: every file in it can be trusted.
    const { log, messages } = recordingLog("warn");
    openFactsCache(path.join(dataDir, "cache"), log);
    const warnings = messages();
    if (warnings.length > 0) problems.push(`the facts cache after the final stop: ${warnings.join(" ")}`);
    const unexpected = fake.errors.filter((e) => e.status !== 404 || !e.path.startsWith("/interactions"));
    if (unexpected.length > 0) problems.push(`calls the fake refused: ${JSON.stringify(unexpected.slice(0, 3))}`);
  } finally {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    await proxy.stop();
    await fake.stop();
  }
  const posts = new Map(CHANNELS.map((c) => [c, fake.postedIn(c).map((m) => String((m.embeds[0] as { title?: string } | undefined)?.title))]));
  const record = JSON.parse(readFileSync(recordFile, "utf8")) as CrashReport["record"];
  const nonces = proxy.held.map((h) => (JSON.parse(h.body || "{}") as { nonce?: string }).nonce);
  const resent = nonces.length - new Set(nonces).size;
  return { titles, posted: posts, record, problems, kills, finalExit, midWrite, resent };
}

function queueLength(file: string): number {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { queue: unknown[] }).queue.length;
  } catch {
    return -1;
  }
}

// SIGTERM and SIGINT, end to end: the real bot (src/main.ts as `npm start` runs it) against the fake Discord,
// caught with a reply and an announcement in flight (held by a proxy), exits 0 within 5 s with both delivered,
// answers an interaction that arrives meanwhile with a private "restarting" note, and leaves a loadable record.
// A reply that never completes trips the hard timer (exit 1, one log line). The console exits 0 on either signal.
import { EventEmitter } from "node:events";
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { RESTARTING_NOTE } from "../../src/discord/drain.ts";
import { atMost, closeClient, exitOnSignals } from "../../src/shutdown.ts";
import { seedCorpus, seedFile } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { ADMIN_PERMISSIONS, FakeDiscord, user, type FakeInteraction } from "./fakeDiscord.ts";
import { answered, botEnv, FAKE_TOKEN, REACTION_TIMEOUT_MS as WAIT, run, START_TIMEOUT_MS, startBot, tempDataDir, type Spawned } from "./harness.ts";
import { HoldingProxy } from "./holdingProxy.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const CHANNEL = "700000000000000031";
const INITIAL = ["rust-goes-mainstream-in-the-linux-kernel", "rust-integration-in-linux-kernel-faces-challenges-but"];
const ADDED = "why-the-linux-kernel-is-embracing-rust-inside";
const CALLBACK = /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_POST = /^\/api\/v10\/channels\/\d+\/messages$/;
const EDIT = /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/(@|%40)original$/;
// The bot's own hard timer exits 1 when its shutdown takes more than 5 s (src/shutdown.ts): exit code 0 is the proof that
// it finished in time. Seen from here, the exit also takes the signal's delivery and the process's teardown, which a
// loaded machine stretches by seconds: this bound only rules out a shutdown that waited for something else.
const EXIT_WITHIN_MS = 15_000;
const who = (fake: FakeDiscord): FakeInteraction => fake.command("who", [{ name: "name", type: 3, value: "Linus Torvalds" }], alice);

interface Setup {
  fake: FakeDiscord;
  proxy: HoldingProxy;
  bot: Spawned;
  corpus: string;
  dataDir: string;
  close: () => Promise<void>;
}

async function setup(env: Record<string, string> = {}): Promise<Setup> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
  const proxy = await new HoldingProxy(fake).start();
  const corpus = seedCorpus(INITIAL, "newsdesk-shutdown-");
  const dataDir = tempDataDir();
  const bot = await startBot(fake, {
    DISCORD_API_BASE: proxy.apiBase,
    CORPUS_DIR: corpus,
    DATA_DIR: dataDir,
    ANNOUNCE_CHANNEL_IDS: CHANNEL,
    CORPUS_DEBOUNCE_MS: "50",
    ...env,
  });
  const close = async (): Promise<void> => {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    await proxy.stop();
    await fake.stop();
  };
  return { fake, proxy, bot, corpus, dataDir, close };
}

const until = (check: () => boolean, ms: number, what: string): Promise<boolean> => FakeDiscord.prototype.waitFor(check, ms, what);

/** Sends `signal` and waits for the exit: the code and how long it took. */
async function signalAndWait(bot: Spawned, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  bot.child.kill(signal);
  const code = await bot.exit;
  return { code, ms: Date.now() - started };
}

describe.concurrent("shutdown on a signal", () => {
  it("SIGTERM with a reply and an announcement in flight: both land, a new command is told to retry, exit 0 within 5 s", async () => {
    const s = await setup();
    try {
      const { fake, proxy, bot } = s;
      proxy.hold("POST", CHANNEL_POST, 1500);
      copyFileSync(seedFile(ADDED), path.join(s.corpus, `${ADDED}.md`));
      await fake.waitFor(() => proxy.heldFor(CHANNEL_POST).length === 1, WAIT, "the announcement to be in flight");
      proxy.hold("POST", CALLBACK, 1500);
      const slow = who(fake);
      await fake.waitFor(() => proxy.heldFor(CALLBACK).length === 1, WAIT, "the reply to be in flight");

      const exit = signalAndWait(bot, "SIGTERM");
      await fake.waitFor(() => bot.stderr().includes("shutting down"), WAIT, "the shutdown to begin");
      const late = who(fake);
      const { code, ms } = await exit;

      expect(code, bot.stderr()).toBe(0);
      expect(ms).toBeLessThan(EXIT_WITHIN_MS);
      // The reply in flight arrived, whole.
      expect(slow.ack?.type).toBe(4);
      expect(String((slow.original?.embeds[0] as Json | undefined)?.title)).toContain("Linus Torvalds");
      // The interaction that came in while draining got the private note, not an answer and not silence.
      expect(late.ack?.type).toBe(4);
      expect(late.original?.content).toBe(RESTARTING_NOTE);
      expect((late.original?.flags ?? 0) & 64).toBe(64);
      // The announcement in flight was sent once and recorded as sent.
      expect(fake.postedIn(CHANNEL)).toHaveLength(1);
      const file = path.join(s.dataDir, "announcements.json");
      const stored = JSON.parse(readFileSync(file, "utf8")) as { announced: Json; queue: unknown[] };
      expect(Object.keys(stored.announced)).toContain(ADDED);
      expect(stored.queue).toEqual([]);
      expect((await AnnouncementRecord.open(file)).corrupt).toBeUndefined();
      expect(bot.stderr()).toMatch(/"msg":"stopped"/);
    } finally {
      await s.close();
    }
  });

  it("SIGINT with a deferred /reload reply in flight and the quote of the day running: the edit lands, exit 0 within 5 s", async () => {
    const s = await setup({ DIGEST_CRON: "* * * * * *" });
    try {
      const { fake, proxy, bot } = s;
      await fake.waitFor(() => fake.postedIn(CHANNEL).length > 0, WAIT, "a quote of the day");
      proxy.hold("PATCH", EDIT, 1500);
      const reload = fake.command("reload", [], alice, ADMIN_PERMISSIONS);
      await fake.waitFor(() => proxy.heldFor(EDIT).length === 1, WAIT, "the edit to be in flight");
      const { code, ms } = await signalAndWait(bot, "SIGINT");

      expect(code, bot.stderr()).toBe(0);
      expect(ms).toBeLessThan(EXIT_WITHIN_MS);
      const m = await answered(fake, reload);
      expect(m.content).toMatch(/^No change: 2 articles/);
      const digest = JSON.parse(readFileSync(path.join(s.dataDir, "digest.json"), "utf8")) as { used: string[] };
      expect(digest.used.length).toBeGreaterThan(0);
      const record = JSON.parse(readFileSync(path.join(s.dataDir, "announcements.json"), "utf8")) as { queue: unknown[] };
      expect(Array.isArray(record.queue)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("a reply that never completes: the hard timer exits 1 after about 5 s, with one line naming what hung", async () => {
    const s = await setup();
    try {
      const { fake, proxy, bot } = s;
      proxy.hold("POST", CALLBACK, Infinity);
      who(fake);
      await fake.waitFor(() => proxy.heldFor(CALLBACK).length === 1, WAIT, "the reply to hang");
      const { code, ms } = await signalAndWait(bot, "SIGTERM");
      expect(code).toBe(1);
      expect(ms).toBeGreaterThanOrEqual(4900);
      expect(ms).toBeLessThan(12_000);
      const lines = bot.stderr().split("\n").filter((l) => l.includes("shutdown did not finish within 5 s"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("interaction replies");
    } finally {
      await s.close();
    }
  });

  it("SIGTERM while the client waits for READY after a lost session: exit 0 within 5 s, state flushed", async () => {
    const s = await setup();
    try {
      const { fake, bot } = s;
      // Discord ends the session and does not answer the new IDENTIFY: the shard waits for READY, and discord.js's
      // client.destroy() never finishes then (@discordjs/ws 1.2.3), so the shutdown must not wait for it for good.
      fake.gateway.holdReady = true;
      fake.gateway.invalidateSession(false);
      await fake.waitFor(() => fake.gateway.heldIdentifies > 0, WAIT, "the bot to identify again");
      const { code, ms } = await signalAndWait(bot, "SIGTERM");
      expect(code, bot.stderr()).toBe(0);
      expect(ms).toBeLessThan(EXIT_WITHIN_MS);
      expect(bot.stderr()).toMatch(/"msg":"stopped"/);
      expect(bot.stderr()).toContain("discord client did not close within");
      expect((await AnnouncementRecord.open(path.join(s.dataDir, "announcements.json"))).corrupt).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`the console (no DISCORD_TOKEN) exits 0 on ${signal}`, async () => {
      const p = run("src/main.ts", botEnv({ LOG_LEVEL: "warn" }));
      try {
        await until(() => p.stderr().includes("local console"), START_TIMEOUT_MS, "the console");
        p.child.stdin?.write("/who Linus Torvalds\n");
        // Still part of the start: the console loads the commands' modules after it says it is there.
        await until(() => p.stdout().includes("Linus Torvalds"), START_TIMEOUT_MS, "an answer");
        const { code, ms } = await signalAndWait(p, signal);
        expect(code, p.stderr()).toBe(0);
        expect(ms).toBeLessThan(EXIT_WITHIN_MS);
      } finally {
        if (p.child.exitCode === null) p.child.kill("SIGKILL");
      }
    });
  }
});

describe("exitOnSignals", () => {
  const setupSignals = (run: Parameters<typeof exitOnSignals>[0]["run"]) => {
    const { log, lines } = recordingLog("info");
    const signals = new EventEmitter();
    const codes: number[] = [];
    exitOnSignals({ log, run, signals, exit: (c) => void codes.push(c), hardExitMs: 200 });
    return { lines, signals, codes };
  };

  it("exits 0 once the shutdown is done; a second signal does not cut it short", async () => {
    let finish = (): void => undefined;
    const { signals, codes, lines } = setupSignals((step) => step("work", new Promise<void>((r) => (finish = r))));
    signals.emit("SIGTERM", "SIGTERM");
    signals.emit("SIGINT", "SIGINT");
    expect(codes).toEqual([]);
    finish();
    await new Promise((r) => setTimeout(r, 10));
    expect(codes).toEqual([0]);
    expect(lines.map((l) => l.msg)).toEqual(["shutting down: finishing the work in flight", "already shutting down", "stopped"]);
  });

  it("exits 1 when the shutdown hangs past the hard timer, naming the step", async () => {
    const { signals, codes, lines } = setupSignals((step) => step("stuck thing", new Promise<void>(() => undefined)));
    signals.emit("SIGINT", "SIGINT");
    await new Promise((r) => setTimeout(r, 300));
    expect(codes).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ level: 50, waitingFor: ["stuck thing"] });
  });

  it("a Discord client whose close fails after the state is flushed: logged once, exit 0", async () => {
    const { log, lines } = recordingLog("info");
    const signals = new EventEmitter();
    const codes: number[] = [];
    const destroy = async (): Promise<void> => {
      throw new Error("Cannot close: the websocket is already closing");
    };
    exitOnSignals({ log, run: (step) => step("discord client", closeClient(destroy, log, [], 1000)), signals, exit: (c) => void codes.push(c), hardExitMs: 2000 });
    signals.emit("SIGTERM", "SIGTERM");
    await new Promise((r) => setTimeout(r, 50));
    expect(codes).toEqual([0]);
    expect(lines.filter((l) => /discord client/.test(String(l.msg)))).toMatchObject([{ level: 40, msg: "discord client failed to close; exiting without it, the state is stored", err: { message: "Cannot close: the websocket is already closing" } }]);
  });

  it("atMost: a step that never settles is given up after its bound, once told; one that fails in time still fails", async () => {
    const late: string[] = [];
    await atMost(new Promise(() => undefined), 50, () => late.push("late"));
    expect(late).toEqual(["late"]);
    await expect(atMost(Promise.reject(new Error("boom")), 1000, () => late.push("again"))).rejects.toThrow("boom");
    await atMost(Promise.resolve(), 1000, () => late.push("again"));
    expect(late).toEqual(["late"]);
  });
});

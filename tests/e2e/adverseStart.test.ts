// Starting when things are not as they should be: a Discord API that never answers the login (timed out, said
// once, tried again), and a DATA_DIR that cannot be written (one warning, answers from memory, no exit).
import { copyFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCorpus, seedFile } from "../support/files.ts";
import { FakeDiscord, user } from "./fakeDiscord.ts";
import { answered, botEnv, FAKE_TOKEN, run, startBot, stop, tempDataDir, WARM_WORKER, type Spawned } from "./harness.ts";
import { HoldingProxy } from "./holdingProxy.ts";

/**
 * A bot whose DATA_DIR cannot be written has no caches and extracts its corpus at every start: one short seed article
 * that names Linus Torvalds (a tenth of the seed corpus) keeps these starts cheap.
 */
const smallCorpus = (): string => seedCorpus(["why-the-linux-kernel-is-embracing-rust-inside"]);

/** A DATA_DIR under a regular file: every write there fails (ENOTDIR), as on a full or read-only disk. */
function unwritableDataDir(): string {
  return blockedDataDir().dataDir;
}

/** The same, and how the admin fixes it: the file in the way removed, the folder can be made. */
function blockedDataDir(): { dataDir: string; fix: () => void } {
  const file = path.join(tempDataDir(), "not-a-folder");
  writeFileSync(file, "");
  return { dataDir: path.join(file, "data"), fix: () => unlinkSync(file) };
}

const str = (name: string, value: string) => ({ name, type: 3, value });

/** The bot on the shared fake Discord, announcing in `channel`, over a small corpus and a blocked DATA_DIR. */
async function startBlocked(channel: string): Promise<{ data: ReturnType<typeof blockedDataDir>; corpus: string; bot: Spawned }> {
  const data = blockedDataDir();
  const corpus = smallCorpus();
  const env = { ...WARM_WORKER, DATA_DIR: data.dataDir, CORPUS_DIR: corpus, ANNOUNCE_CHANNEL_IDS: channel, CORPUS_DEBOUNCE_MS: "100", ANNOUNCE_RETRY_MS: "200" };
  const bot = await startBot(fake, env);
  bots.push(bot);
  return { data, corpus, bot };
}
const warnings = (p: Spawned, text: string) => p.stderr().split("\n").filter((l) => l.includes(text));
const errors = (p: Spawned) => p.stderr().split("\n").filter((l) => /"level":(50|60)/.test(l));

let fake: FakeDiscord;
// The login test's own Discord: sharing one, the two bots started together would meet Discord's identify limit (one
// session start per 5 s), and the login's second attempt, refused, would time out too (three attempts, 10 s).
let loginFake: FakeDiscord;
let proxy: HoldingProxy;
const bots: Spawned[] = [];

beforeAll(async () => {
  const started = () => new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
  [fake, loginFake] = await Promise.all([started(), started()]);
  proxy = await new HoldingProxy(loginFake).start();
});

afterAll(async () => {
  await Promise.all(bots.map(stop));
  await proxy?.stop();
  await Promise.all([fake?.stop(), loginFake?.stop()]);
});

describe.concurrent("npm start", () => {
  it("times out a login Discord never answers, says so, and gets in on the next attempt", async () => {
    // The first GET /gateway/bot is accepted and never answered.
    proxy.hold("GET", /\/gateway\/bot$/, Infinity);
    const bot = await startBot(loginFake, { DISCORD_API_BASE: proxy.apiBase, DISCORD_LOGIN_TIMEOUT_SECONDS: "1" });
    bots.push(bot);
    expect(proxy.heldFor(/\/gateway\/bot$/)).toHaveLength(1);
    const timedOut = warnings(bot, "Discord did not answer the login within 1 s; trying again in 1 s");
    expect(timedOut, bot.stderr()).toHaveLength(1);
    expect(bot.stderr().indexOf("did not answer the login")).toBeLessThan(bot.stderr().indexOf("connected to Discord"));
    const reply = await answered(loginFake, loginFake.command("who", [str("name", "Linus Torvalds")], user("555555555555555555", "alice")));
    expect(JSON.stringify(reply)).toContain("Linus Torvalds");
  });

  it("on Discord with a DATA_DIR it cannot write: one warning, answers from memory, announces only once the record is written", async () => {
    const { data, corpus, bot } = await startBlocked("700000000000000077");
    expect(warnings(bot, "cannot be written (ENOTDIR): answering from memory"), bot.stderr()).toHaveLength(1);
    const reply = await answered(fake, fake.command("who", [str("name", "Linus Torvalds")], user("555555555555555556", "bob")));
    expect(JSON.stringify(reply)).toContain("Linus Torvalds");
    // A new article: its announcement is not sent from memory (a restart would post it again), one warning says why.
    copyFileSync(seedFile("rust-goes-mainstream-in-the-linux-kernel"), path.join(corpus, "rust-goes-mainstream-in-the-linux-kernel.md"));
    await fake.waitFor(() => bot.stderr().includes("corpus reloaded"), 60_000, "the new article");
    await new Promise((r) => setTimeout(r, 1000)); // several tries of the write
    expect(fake.postedIn("700000000000000077")).toEqual([]); // the corpus present at start counts as announced: no flood
    const recordWarning = `announcement record ${path.resolve(data.dataDir, "announcements.json")} cannot be written (ENOTDIR)`;
    expect(warnings(bot, recordWarning), bot.stderr()).toHaveLength(1);
    expect(errors(bot), bot.stderr()).toEqual([]);
    // The admin fixes the folder: the record is written, and then the announcement goes out, without a restart.
    data.fix();
    await fake.waitFor(() => fake.postedIn("700000000000000077").length === 1, 30_000, "the announcement");
    expect(JSON.stringify(fake.postedIn("700000000000000077"))).toContain("Rust");
    expect(warnings(bot, recordWarning)).toHaveLength(1);
  });

  it("a first start whose record is never written: at exit, the articles waiting to be announced are named for /announce resend", async () => {
    const { corpus, bot } = await startBlocked("700000000000000078");
    const added = "rust-goes-mainstream-in-the-linux-kernel";
    copyFileSync(seedFile(added), path.join(corpus, `${added}.md`));
    await fake.waitFor(() => bot.stderr().includes("corpus reloaded"), 60_000, "the new article");
    bot.child.kill("SIGTERM");
    expect(await bot.exit, bot.stderr()).toBe(0);
    // The restart would find no record (a first start again) and count the article as announced: the admin is told.
    const told = errors(bot).filter((l) => l.includes("was never written (ENOTDIR)") && l.includes(`/announce resend: ${added}`));
    expect(told, bot.stderr()).toHaveLength(1);
    expect(fake.postedIn("700000000000000078")).toEqual([]);
  });

  it("in the console with a DATA_DIR it cannot write: one warning, the answer, exit 0", async () => {
    const p = run("src/main.ts", botEnv({ DATA_DIR: unwritableDataDir(), CORPUS_DIR: smallCorpus(), LOG_LEVEL: "info" }), [], "/who Linus Torvalds\n");
    expect(await p.exit, p.stderr()).toBe(0);
    expect(warnings(p, "cannot be written (ENOTDIR): answering from memory"), p.stderr()).toHaveLength(1);
    expect(errors(p), p.stderr()).toEqual([]);
    expect(p.stdout()).toContain("■ Linus Torvalds");
  });
});

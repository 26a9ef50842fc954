// The live corpus and the announcements, end to end: the real bot (src/main.ts as `npm start` runs it) against the
// fake Discord, with a temporary corpus and DATA_DIR. One bot start for the main story, one restart for what must
// survive it; short debounce and retry settings keep it quick.
import { copyFileSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeAnnouncement } from "../../src/announce/compose.ts";
import { toApiEmbed } from "../../src/discord/payload.ts";
import { readArticleTexts } from "../../src/kb/articleTexts.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { articleFile } from "../support/articles.ts";
import { seedCorpus, seedFile } from "../support/files.ts";
import { ADMIN_PERMISSIONS, FakeDiscord, user, validateMessage, type FakeInteraction, type FakeMessage } from "./fakeDiscord.ts";
import { answered as answeredBy, FAKE_TOKEN, REACTION_TIMEOUT_MS as WAIT, RESTART_IDENTIFY_MS, startBot as startBotOn, stop, tempDataDir, WARM_WORKER, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const CH_A = "700000000000000001";
const CH_B = "700000000000000002";

const INITIAL = ["rust-goes-mainstream-in-the-linux-kernel", "rust-integration-in-linux-kernel-faces-challenges-but"];
const X = "why-the-linux-kernel-is-embracing-rust-inside"; // added while running: announced by the watcher
const Y = "why-rust-in-the-linux-kernel-a-game"; // added, then /reload
const Z = "miguel-ojedas-fosdem-2025-keynote-on-the-history"; // added while channel B answers 403
const W = "tokyo-maintainers-meet"; // added while channel A answers 500, sent after a restart
const W_TEXT = articleFile({
  title: "Kernel Maintainers Meet in Tokyo",
  published: "2025-12-10",
  url: "https://example.org/tokyo",
  body: 'Jane Hopper, a maintainer of the scheduler, opened the meeting in Tokyo on Dec. 8, 2025.\n\n"We finally agree on the plan, and the plan is to ship," Hopper said.',
});

let fake: FakeDiscord;
let bot: Spawned;
let corpus: string;
let dataDir: string;
let stderrBefore = "";
/** The announcement X must get: composed from the corpus the bot will have once X is added. */
let expectedForX: Json;

const titleOf = (id: string): string => /title: "(.*)"/.exec(readFileSync(path.join(corpus, `${id}.md`), "utf8"))?.[1] ?? id;

function startBot(): Promise<Spawned> {
  return startBotOn(fake, {
    ...WARM_WORKER,
    CORPUS_DIR: corpus,
    DATA_DIR: dataDir,
    ANNOUNCE_CHANNEL_IDS: `${CH_A},${CH_B}`,
    CORPUS_DEBOUNCE_MS: "100",
    ANNOUNCE_RETRY_MS: "200",
  });
}

const logs = (): string => stderrBefore + bot.stderr();
const logLines = (): Json[] =>
  logs()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Json);

beforeAll(async () => {
  // Loaded here, before the fake Discord runs on this thread: a corpus loaded while it runs would stall it.
  const { kb } = await loadKnowledge(seedCorpus([...INITIAL, X]));
  expectedForX = toApiEmbed(composeAnnouncement(kb, X, await readArticleTexts(kb, [X])) as NonNullable<ReturnType<typeof composeAnnouncement>>) as Json;
  corpus = seedCorpus(INITIAL);
  dataDir = tempDataDir();
  // Heartbeats every 10 s (Discord: ~41 s). discord.js takes a session for dead, and resumes it, when an ack has not
  // come back by the next heartbeat: with short ones, a loaded machine that stalls the bot or the fake for a couple of
  // seconds would pass for the reconnect on reload that the last test rules out.
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 10_000, identifyIntervalMs: RESTART_IDENTIFY_MS }).start();
  bot = await startBot();
});

afterAll(async () => {
  if (bot) await stop(bot);
  if (process.env.LIVE_TEST_LOG) writeFileSync(process.env.LIVE_TEST_LOG, logs());
  if (fake) await fake.stop();
});

const str = (name: string, value: string, focused = false): Json => ({ name, type: 3, value, ...(focused ? { focused } : {}) });
const sub = (name: string, options: Json[]): Json => ({ name, type: 1, options });

const answered = (i: FakeInteraction): Promise<FakeMessage> => answeredBy(fake, i);

const titles = (channel: string): string[] => fake.postedIn(channel).map((m) => (m.embeds[0] as Json | undefined)?.title as string);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("live corpus and announcements", () => {
  it("first start: the corpus already there is recorded as announced, nothing is posted", async () => {
    const record = JSON.parse(readFileSync(path.join(dataDir, "announcements.json"), "utf8")) as { announced: Json; queue: unknown[] };
    expect(Object.keys(record.announced).sort()).toEqual([...INITIAL].sort());
    expect(record.queue).toEqual([]);
    expect(fake.channelMessages).toEqual([]);
  });

  it("an article added while running is announced once per channel; /who keeps answering during the reload", async () => {
    // Written in two parts with a pause: the watcher must wait for the whole file.
    const text = readFileSync(seedFile(X), "utf8");
    const target = path.join(corpus, `${X}.md`);
    await writeFile(target, text.slice(0, 400));
    await sleep(40);
    await appendFile(target, text.slice(400));

    const asked: FakeInteraction[] = [];
    const deadline = Date.now() + WAIT;
    while (fake.channelMessages.length < 2) {
      asked.push(fake.command("who", [str("name", "Linus Torvalds")], alice));
      await sleep(25);
      if (Date.now() > deadline) throw new Error(`no announcement within ${WAIT / 1000} s`);
    }
    for (const i of asked) {
      const m = await answered(i);
      expect(i.responses.every((r) => r.status < 300)).toBe(true);
      expect((m.embeds[0] as Json).title).toContain("Linus Torvalds");
    }

    const expected = expectedForX;
    for (const channel of [CH_A, CH_B]) {
      const posted = fake.postedIn(channel);
      expect(posted).toHaveLength(1);
      const m = posted[0] as FakeMessage;
      expect(validateMessage(m)).toBeUndefined();
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(m.embeds[0]).toEqual(expected);
    }
    const e = expected as Json & { fields: { name: string; value: string }[] };
    expect(e.title).toBe(titleOf(X));
    // Its people (bold names) and quotes, whatever the extractors find today.
    expect(e.fields.filter((f) => /people|mentions/i.test(f.name)).map((f) => f.value).join("\n")).toMatch(/\*\*[A-Z][^*]+\*\*/);
    expect(e.fields.find((f) => f.name === "Quotes")?.value).toMatch(/^> “.+”/);

    const about = await answered(fake.command("about", [], alice));
    expect((about.embeds[0] as Json).description).toMatch(/\*\*3\*\* news articles/);
    await sleep(400);
    expect(fake.channelMessages).toHaveLength(2);
  });

  it("/reload picks up a new article at once and says so; an edited article is not announced again", async () => {
    copyFileSync(seedFile(Y), path.join(corpus, `${Y}.md`));
    const i = fake.command("reload", [], alice, ADMIN_PERMISSIONS);
    const m = await answered(i);
    expect(m.flags & 64).toBe(64);
    // The watcher sees the new file too: on a loaded machine it can take it in before the command is handled, and
    // /reload then finds nothing new. Either way the article is added once, by one of the two.
    if (m.content.startsWith("No change")) expect(m.content).toBe("No change: 4 articles, as before.");
    else expect(m.content).toMatch(/^Reloaded in \d+ ms: now 4 articles\.\n\*\*Added\*\* \(1\): \*Why Rust in the Linux Kernel\? A Game-Changing Shift/);
    const addedY = (): number => logLines().filter((l) => l.msg === "corpus reloaded" && (l.added as string[]).includes(Y)).length;
    await fake.waitFor(() => addedY() > 0, WAIT, "the log of Y's addition");
    await fake.waitFor(() => titles(CH_A).length === 2 && titles(CH_B).length === 2, WAIT, "the announcement of Y");

    await appendFile(path.join(corpus, `${X}.md`), "\nLinus Torvalds said the edit changes nothing for the announcement.\n");
    await fake.waitFor(() => logLines().some((l) => l.msg === "corpus reloaded" && (l.changed as string[]).includes(X)), WAIT, "the edit to be live");
    await sleep(300);
    expect(addedY()).toBe(1);
    expect(titles(CH_A)).toEqual([titleOf(X), titleOf(Y)]);
    expect(titles(CH_B)).toEqual([titleOf(X), titleOf(Y)]);

    const again = await answered(fake.command("reload", [], alice, ADMIN_PERMISSIONS));
    expect(again.content).toBe("No change: 4 articles, as before.");
  });

  it("/announce preview shows the announcement privately, with autocomplete over titles; refused without Manage Server", async () => {
    const auto = fake.autocomplete("announce", [sub("preview", [str("article", "embracing", true)])], alice, ADMIN_PERMISSIONS);
    await fake.waitFor(() => auto.ack, WAIT, "autocomplete");
    const choices = (auto.ack?.data.choices ?? []) as { name: string; value: string }[];
    expect(choices).toEqual([{ name: titleOf(X), value: X }]);

    const posts = fake.channelMessages.length;
    const i = fake.command("announce", [sub("preview", [str("article", X)])], alice, ADMIN_PERMISSIONS);
    const m = await answered(i);
    expect(m.flags & 64).toBe(64);
    expect(validateMessage(m)).toBeUndefined();
    expect((m.embeds[0] as Json).title).toBe(titleOf(X));
    expect(m.content).toMatch(/Preview/);

    const refused = fake.command("announce", [sub("preview", [str("article", X)])], alice);
    const note = await answered(refused);
    expect(refused.ack?.type).toBe(4);
    expect(note.flags & 64).toBe(64);
    expect(note.content).toMatch(/Manage Server/);
    expect(note.embeds).toEqual([]);
    const reloadRefused = await answered(fake.command("reload", [], alice));
    expect(reloadRefused.content).toMatch(/Manage Server/);
    expect(fake.channelMessages.length).toBe(posts);
  });

  it("a channel answering 403 (50013) gets one log line and does not hold up the other", async () => {
    fake.failChannel(CH_B, { status: 403, code: 50013 });
    copyFileSync(seedFile(Z), path.join(corpus, `${Z}.md`));
    await fake.waitFor(() => titles(CH_A).includes(titleOf(Z)), WAIT, "the announcement of Z in channel A");
    await fake.waitFor(() => logs().includes(`cannot post in announcement channel ${CH_B}`), WAIT, "the log line");
    const lines = logLines().filter((l) => String(l.msg).includes(`cannot post in announcement channel ${CH_B}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toMatch(/Missing Permissions, 50013/);
    expect(titles(CH_B)).not.toContain(titleOf(Z));
    fake.channelFailures.clear();
  });

  it("an announcement Discord cannot take (5xx) stays queued and is sent after a restart, with no duplicate", async () => {
    fake.failChannel(CH_A, { status: 500 });
    writeFileSync(path.join(corpus, `${W}.md`), W_TEXT);
    await fake.waitFor(() => titles(CH_B).includes("Kernel Maintainers Meet in Tokyo"), WAIT, "W in channel B");
    const queued = (): { channel: string; label: string }[] =>
      (JSON.parse(readFileSync(path.join(dataDir, "announcements.json"), "utf8")) as { queue: { channel: string; label: string }[] }).queue;
    await fake.waitFor(() => logs().includes("queued for a retry"), WAIT, "a failed send");
    expect(queued()).toEqual([expect.objectContaining({ channel: CH_A, label: `article ${W}` })]);

    await stop(bot);
    stderrBefore += bot.stderr();
    fake.channelFailures.clear();
    bot = await startBot();
    // The restart starts from the build the first start saved, then applies the articles added since.
    const applied = (): boolean => bot.stderr().split("\n").some((l) => l.includes('"corpus reloaded"') && l.includes(`"${W}"`));
    await fake.waitFor(applied, WAIT, "the restart to apply the articles added since the saved build");
    await fake.waitFor(() => titles(CH_A).includes("Kernel Maintainers Meet in Tokyo"), WAIT, "W in channel A after the restart");
    await fake.waitFor(() => queued().length === 0, WAIT, "the queue to empty");
    await sleep(300);
    expect(titles(CH_A)).toEqual([titleOf(X), titleOf(Y), titleOf(Z), "Kernel Maintainers Meet in Tokyo"]);
    expect(titles(CH_B)).toEqual([titleOf(X), titleOf(Y), "Kernel Maintainers Meet in Tokyo"]);
  });

  it("a removed article leaves the answers; a bad file is skipped with one log line; the rest stays live", async () => {
    unlinkSync(path.join(corpus, `${Y}.md`));
    writeFileSync(path.join(corpus, "broken.md"), "no front matter here\n");
    await fake.waitFor(() => logLines().some((l) => l.msg === "corpus reloaded" && (l.removed as string[]).includes(Y)), WAIT, "the removal");
    const about = await answered(fake.command("about", [], alice));
    expect((about.embeds[0] as Json).description).toMatch(/\*\*5\*\* news articles/);
    await appendFile(path.join(corpus, "broken.md"), "still broken\n");
    const r = await answered(fake.command("reload", [], alice, ADMIN_PERMISSIONS));
    expect(r.content).toMatch(/\*\*Skipped files\*\* \(1\): `broken\.md`/);
    expect(logLines().filter((l) => String(l.msg).startsWith("skipped broken.md"))).toHaveLength(1);
    const who = await answered(fake.command("who", [str("name", "Linus Torvalds")], alice));
    expect((who.embeds[0] as Json).title).toContain("Linus Torvalds");
  });

  it("/announce resend posts an article's announcement to every channel again", async () => {
    const before = [titles(CH_A).length, titles(CH_B).length];
    const m = await answered(fake.command("announce", [sub("resend", [str("article", X)])], alice, ADMIN_PERMISSIONS));
    expect(m.flags & 64).toBe(64);
    expect(m.content).toContain(`<#${CH_A}>, <#${CH_B}>`);
    await fake.waitFor(() => titles(CH_A).length === before[0]! + 1 && titles(CH_B).length === before[1]! + 1, WAIT, "the resend");
    expect(titles(CH_A).at(-1)).toBe(titleOf(X));
    expect(titles(CH_B).at(-1)).toBe(titleOf(X));
  });

  it("made no call Discord would reject except the injected failures, and never printed the token", () => {
    const unexpected = fake.errors.filter((e) => !(e.path.startsWith("/channels/") && (e.status === 500 || e.code === 50013)));
    expect(unexpected).toEqual([]);
    expect(logs()).not.toContain(FAKE_TOKEN);
    expect(fake.identifies).toBe(2); // the first start and the restart: no reconnect during reloads
    expect(fake.resumes).toBe(0);
  });
});

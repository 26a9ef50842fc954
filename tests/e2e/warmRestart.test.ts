// A restart after the corpus folder changed while the bot was down: the bot starts from the build it saved (it does
// not wait for every file to be compared, nor rebuild everything) and applies the files added, changed and removed
// meanwhile as it applies the watcher's changes; a moment after it is up, the answers are the folder's.
import { appendFileSync, copyFileSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "../support/articles.ts";
import { seedCorpus, seedFile } from "../support/files.ts";
import { FakeDiscord, user } from "./fakeDiscord.ts";
import { answered, FAKE_TOKEN, RESTART_IDENTIFY_MS, startBot, stop, tempDataDir, WARM_WORKER, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const KEPT = "rust-goes-mainstream-in-the-linux-kernel";
const TOKYO = articleFile({
  title: "Kernel Maintainers Meet in Tokyo",
  published: "2025-12-10",
  body: "Jane Hopper, a maintainer of the scheduler, opened the meeting in Tokyo on Dec. 8, 2025.\n\nHopper said the plan is to ship.",
});
const DRIVERS = articleFile({
  title: "Drivers team reports on memory safety",
  published: "2025-12-11",
  body: "Priya Raman, the lead of the drivers team, published the report on Monday.\n\nRaman said the report shows how bugs are found earlier now.",
});

let fake: FakeDiscord;
let bot: Spawned | undefined;
const corpus = seedCorpus([KEPT]);
const dataDir = tempDataDir();
const env = { ...WARM_WORKER, CORPUS_DIR: corpus, DATA_DIR: dataDir, CORPUS_DEBOUNCE_MS: "100" };

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000, identifyIntervalMs: RESTART_IDENTIFY_MS }).start();
});

afterAll(async () => {
  if (bot) await stop(bot);
  await fake?.stop();
});

/** Whether DATA_DIR holds a saved startup build of this corpus folder (its header names the folder). */
const savedFor = (dir: string): boolean => {
  try {
    const bytes = readFileSync(path.join(dataDir, "cache", "startup.json"));
    return (JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString("utf8")) as { corpus?: string }).corpus === dir;
  } catch {
    return false;
  }
};

const who = async (name: string): Promise<string> => {
  const m = await answered(fake, fake.command("who", [{ name: "name", type: 3, value: name }], alice));
  return String((m.embeds[0] as Json | undefined)?.title ?? m.content);
};

describe("a restart over a folder changed while the bot was down", () => {
  // One restart for both stories (each bot start costs a couple of seconds of CPU): the changes are applied, and, as
  // the announcement record is gone, the restart is also a first start, which counts the added article as present.
  it("answers from the folder as it is now (an added article's people, a changed article's new text, a removed one gone); a first start does not announce the added article", async () => {
    const CHANNEL = "700000000000000001";
    writeFileSync(path.join(corpus, "kernel-maintainers-meet-in-tokyo.md"), TOKYO);
    bot = await startBot(fake, env);
    expect(await who("Jane Hopper")).toContain("Jane Hopper");
    await fake.waitFor(() => savedFor(corpus), 10_000, "the build of the folder to be saved");
    await stop(bot);

    unlinkSync(path.join(corpus, "kernel-maintainers-meet-in-tokyo.md"));
    writeFileSync(path.join(corpus, "drivers-team-reports.md"), DRIVERS);
    copyFileSync(seedFile(KEPT), path.join(corpus, `${KEPT}.md`));
    appendFileSync(path.join(corpus, `${KEPT}.md`), "\nOmar Haddad, the head of the kernel's testing team, welcomed the change on Monday.\n");
    rmSync(path.join(dataDir, "announcements.json"), { force: true });
    bot = await startBot(fake, { ...env, ANNOUNCE_CHANNEL_IDS: CHANNEL });
    const reloaded = (): Json | undefined =>
      bot
        ?.stderr()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Json)
        .find((l) => l.msg === "corpus reloaded");
    // A loaded machine may take tens of seconds (the live corpus's worker thread loads the NLP libraries first).
    const report = await fake.waitFor(reloaded, 60_000, "the changes made while the bot was down to be applied").catch((err: Error) => {
      throw new Error(`${err.message}\n${bot?.stderr() ?? ""}`);
    });
    expect(report).toMatchObject({ added: ["drivers-team-reports"], changed: [KEPT], removed: ["kernel-maintainers-meet-in-tokyo"] });
    expect(await who("Priya Raman")).toContain("Priya Raman");
    expect(await who("Omar Haddad")).toContain("Omar Haddad");
    expect(await who("Jane Hopper")).toMatch(/^No one called/);
    expect(await who("Linus Torvalds")).toContain("Linus Torvalds");
    expect(bot.stderr()).toContain("first start: the articles already in the corpus are recorded as announced");
    // An announcement would be sent within moments of the reload.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(fake.postedIn(CHANNEL)).toEqual([]);
    await stop(bot);
  }, 240_000); // two starts and an update, each up to a minute on a loaded machine
});

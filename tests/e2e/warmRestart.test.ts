// A restart after the corpus folder changed while the bot was down: the bot starts from the build it saved (it does
// not wait for every file to be compared, nor rebuild everything) and applies the files added, changed and removed
// meanwhile as it applies the watcher's changes; a moment after it is up, the answers are the folder's.
import { appendFileSync, copyFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "../support/articles.ts";
import { seedCorpus, seedFile } from "../support/files.ts";
import { FakeDiscord, user } from "./fakeDiscord.ts";
import { answered, FAKE_TOKEN, startBot, stop, tempDataDir, type Spawned } from "./harness.ts";

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
const env = { CORPUS_DIR: corpus, DATA_DIR: dataDir, CORPUS_DEBOUNCE_MS: "100" };

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
});

afterAll(async () => {
  if (bot) await stop(bot);
  await fake?.stop();
});

const who = async (name: string): Promise<string> => {
  const m = await answered(fake, fake.command("who", [{ name: "name", type: 3, value: name }], alice));
  return String((m.embeds[0] as Json | undefined)?.title ?? m.content);
};

describe("a restart over a folder changed while the bot was down", () => {
  it("answers from the folder as it is now: an added article's people, a changed article's new text, a removed one gone", async () => {
    writeFileSync(path.join(corpus, "kernel-maintainers-meet-in-tokyo.md"), TOKYO);
    bot = await startBot(fake, env);
    expect(await who("Jane Hopper")).toContain("Jane Hopper");
    await stop(bot);

    unlinkSync(path.join(corpus, "kernel-maintainers-meet-in-tokyo.md"));
    writeFileSync(path.join(corpus, "drivers-team-reports.md"), DRIVERS);
    copyFileSync(seedFile(KEPT), path.join(corpus, `${KEPT}.md`));
    appendFileSync(path.join(corpus, `${KEPT}.md`), "\nOmar Haddad, the head of the kernel's testing team, welcomed the change on Monday.\n");
    bot = await startBot(fake, env);
    const reloaded = (): Json | undefined =>
      bot
        ?.stderr()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Json)
        .find((l) => l.msg === "corpus reloaded");
    const report = await fake.waitFor(reloaded, 15_000, "the changes made while the bot was down to be applied");
    expect(report).toMatchObject({ added: ["drivers-team-reports"], changed: [KEPT], removed: ["kernel-maintainers-meet-in-tokyo"] });
    expect(await who("Priya Raman")).toContain("Priya Raman");
    expect(await who("Omar Haddad")).toContain("Omar Haddad");
    expect(await who("Jane Hopper")).toMatch(/^No one called/);
    expect(await who("Linus Torvalds")).toContain("Linus Torvalds");
  });
});

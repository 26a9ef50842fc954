// A session Discord no longer has (after a long outage): the bot's RESUME is answered with op 9 INVALID_SESSION
// (false), so it identifies again, a new session, and answers. Slow because discord.js spaces identifies 5 s apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, user } from "../e2e/fakeDiscord.ts";
import { answered, FAKE_TOKEN, startBot, stop, type Spawned } from "../e2e/harness.ts";

let fake: FakeDiscord;
let bot: Spawned;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 250 }).start();
  bot = await startBot(fake);
}, 30_000);

afterAll(async () => {
  if (bot) await stop(bot);
  if (fake) await fake.stop();
});

describe("gateway: session lost", () => {
  it("a resume Discord refuses: identifies again and answers", async () => {
    const { identifies, resumes } = fake.gateway;
    fake.gateway.refuseResume = true;
    fake.gateway.drop(4000);
    await fake.waitFor(() => fake.gateway.identifies > identifies && fake.connected, 10_000, "a new IDENTIFY");
    fake.gateway.refuseResume = false;
    expect(fake.gateway.resumes).toBe(resumes + 1); // it tried to resume first
    const i = fake.command("about", [], user("555555555555555555", "alice"));
    const m = await answered(fake, i);
    expect((m.embeds[0] as { title?: string } | undefined)?.title).toBe("About this bot");
    expect(fake.errors).toEqual([]);
  }, 20_000);
});

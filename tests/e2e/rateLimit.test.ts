// Rate limits on the real bot: a user who asks too fast gets a short private note saying when to try again, and is
// answered again from then on; others are not held up; autocomplete is not counted as a command; a burst from many
// users is answered in full while autocomplete keeps answering at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, user, validateMessage, type FakeInteraction } from "./fakeDiscord.ts";
import { answered, FAKE_TOKEN, startBot, stop, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const bob = user("666666666666666666", "bob");
const LIMIT = 3;
const WINDOW_S = 2;

let fake: FakeDiscord;
let bot: Spawned;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
  // A small budget so that the test can wait for the window to pass (the default is 5 commands in 10 seconds).
  bot = await startBot(fake, { RATE_LIMIT_COMMANDS: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_S) });
});

afterAll(async () => {
  if (bot) await stop(bot);
  if (fake) await fake.stop();
});

const str = (name: string, value: string, focused = false): Json => ({ name, type: 3, value, ...(focused ? { focused } : {}) });
const about = (who = alice): FakeInteraction => fake.command("about", [], who);
const isAnswer = (m: { embeds: Json[] }): boolean => m.embeds[0]?.title === "About this bot";

describe("per-user rate limit", () => {
  let retryAt = 0;

  it(`the ${LIMIT + 1}th command within ${WINDOW_S} s gets a private "slow down" with a countdown; others are answered`, async () => {
    const asked = Date.now();
    const first = Array.from({ length: LIMIT }, () => about());
    for (const i of first) expect(isAnswer(await answered(fake, i))).toBe(true);
    const limited = about();
    const note = await answered(fake, limited);
    expect(limited.ack?.type).toBe(4);
    expect(note.flags & 64).toBe(64);
    expect(note.embeds).toEqual([]);
    expect(validateMessage(note)).toBeUndefined();
    const m = new RegExp(`^Slow down: at most ${LIMIT} commands every ${WINDOW_S} seconds\\. Try again <t:(\\d+):R>\\.$`).exec(note.content);
    expect(m, note.content).not.toBeNull();
    retryAt = Number(m?.[1]) * 1000;
    expect(retryAt).toBeGreaterThan(asked);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + WINDOW_S * 1000 + 1000);
    expect(isAnswer(await answered(fake, about(bob)))).toBe(true);
  });

  it("autocomplete is not a command: the limited user still gets suggestions", async () => {
    const i = fake.autocomplete("who", [str("name", "Lin", true)], alice);
    await fake.waitFor(() => i.ack, 3000, "autocomplete");
    expect(((i.ack?.data.choices ?? []) as { value: string }[]).some((c) => c.value.includes("Linus"))).toBe(true);
  });

  it("at the time the note gave, the user is answered again", async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, retryAt - Date.now()) + 50));
    expect(isAnswer(await answered(fake, about()))).toBe(true);
  });

  it("autocomplete has its own budget: a flood gets empty suggestions, every request answered within 3 s", async () => {
    const carol = user("777777777777777777", "carol");
    const flood = Array.from({ length: 30 }, () => fake.autocomplete("who", [str("name", "Lin", true)], carol));
    for (const i of flood) await fake.waitFor(() => i.ack, 3000, "every autocomplete answered");
    const counts = flood.map((i) => ((i.ack?.data.choices ?? []) as unknown[]).length);
    expect(counts.slice(0, 20).every((n) => n > 0)).toBe(true);
    expect(counts.slice(20)).toEqual(Array(10).fill(0));
    expect(flood.every((i) => (i.ack?.at ?? Infinity) - i.dispatchedAt < 3000)).toBe(true);
  });
});

describe("a burst from many users", () => {
  it("is answered in full, each within Discord's 3 s, while autocomplete answers at once", async () => {
    const people = Array.from({ length: 40 }, (_, n) => user((800000000000000000n + BigInt(n)).toString(), `user${n}`));
    const burst = people.map((p) => fake.command("who", [str("name", "Linus Torvalds")], p));
    const typing = fake.autocomplete("who", [str("name", "Mig", true)], alice);
    await fake.waitFor(() => typing.ack, 3000, "autocomplete during the burst");
    expect((typing.ack?.at ?? Infinity) - typing.dispatchedAt).toBeLessThan(2000); // Discord allows 3 s
    for (const i of burst) {
      const m = await answered(fake, i);
      expect((m.embeds[0] as Json | undefined)?.title).toMatch(/Linus Torvalds/);
      expect((i.ack?.at ?? Infinity) - i.dispatchedAt).toBeLessThan(3000);
      expect(i.responses.every((r) => r.status < 300)).toBe(true);
    }
  });

  it("made no call Discord would reject", () => {
    expect(fake.errors).toEqual([]);
    expect(bot.stderr()).not.toContain(FAKE_TOKEN);
  });
});

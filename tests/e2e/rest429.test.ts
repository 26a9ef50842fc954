// Discord answering 429 Too Many Requests: the real bot (discord.js's REST client) waits as long as Discord says,
// sends the request again, and the user still gets the answer, later but not lost. Per-route limits (a bucket with
// X-RateLimit-* headers) and the global limit (X-RateLimit-Global: every route waits).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord, user, type FakeInteraction } from "./fakeDiscord.ts";
import { answered, FAKE_TOKEN, startBot, stop, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const CALLBACK = /^\/interactions\/\d+\/:token\/callback$/;
const EDIT = /^\/webhooks\/\d+\/:token\/messages\/@original$/;

let fake: FakeDiscord;
let bot: Spawned;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000 }).start();
  bot = await startBot(fake);
});

afterAll(async () => {
  if (bot) await stop(bot);
  if (fake) await fake.stop();
});

beforeEach(() => fake.rateLimits.clear());

const str = (name: string, value: string): Json => ({ name, type: 3, value });
const title = (m: { embeds: Json[] }): unknown => m.embeds[0]?.title;

/** When the interaction's successful requests of this kind reached the fake. */
const okAt = (i: FakeInteraction, kind: "callback" | "edit"): number[] =>
  i.responses.filter((r) => r.kind === kind && r.status < 300).map((r) => r.at);

describe("REST 429", () => {
  it("a reply answered 429 is sent again once retry_after has passed, not before, and still within the 3 s", async () => {
    fake.rateLimits.add({ method: "POST", path: CALLBACK, retryAfterMs: 1000 });
    const i = fake.command("about", [], alice);
    const m = await answered(fake, i);
    expect(title(m)).toBe("About this bot");
    const [hit] = fake.rateLimits.hits;
    expect(hit).toMatchObject({ global: false, retryAfterHeader: 1 });
    const [ok] = okAt(i, "callback");
    expect((ok ?? 0) - (hit?.at ?? Infinity)).toBeGreaterThanOrEqual(1000);
    expect((ok ?? Infinity) - i.dispatchedAt).toBeLessThan(3000);
    expect(fake.requests.filter((r) => r.path === `/interactions/${i.id}/:token/callback`)).toHaveLength(2);
  });

  it("an edit answered 429 by its route's bucket waits for retry_after (1.5 s) and then edits the answer in", async () => {
    fake.rateLimits.add({ method: "PATCH", path: EDIT, retryAfterMs: 1500 });
    const i = fake.command("search", [str("query", "memory safety")], alice);
    const m = await fake.waitFor(() => okAt(i, "edit").length > 0 && i.original, 8000, "the edited answer");
    expect(title(m)).toMatch(/memory safety/);
    const hit = fake.rateLimits.hits.at(-1);
    expect(hit).toMatchObject({ method: "PATCH", global: false, retryAfterHeader: 2 });
    expect((okAt(i, "edit")[0] ?? 0) - (hit?.at ?? Infinity)).toBeGreaterThanOrEqual(1500);
  });

  it("a global 429 holds every request to Discord until it is over, not only the one that got it", async () => {
    fake.rateLimits.add({ method: "PATCH", path: EDIT, retryAfterMs: 1000, global: true });
    const first = fake.command("search", [str("query", "Rust")], alice);
    const hit = await fake.waitFor(() => fake.rateLimits.hits.find((h) => h.global), 5000, "the global 429");
    // Another user's answer, asked during the global limit: its edit must wait too.
    const second = fake.command("search", [str("query", "kernel")], user("666666666666666666", "bob"));
    for (const i of [first, second]) {
      const m = await fake.waitFor(() => okAt(i, "edit").length > 0 && i.original, 8000, "the edited answer");
      expect(m.embeds).toHaveLength(1);
      expect((okAt(i, "edit")[0] ?? 0) - hit.at).toBeGreaterThanOrEqual(1000);
    }
    // The second one's deferral (an interaction callback, which the global limit does not cover) went out at once.
    expect((second.ack?.at ?? Infinity) - second.dispatchedAt).toBeLessThan(1000);
    expect(fake.rateLimits.hits.filter((h) => h.global)).toHaveLength(1);
  });

  it("nothing else failed, and the bot logged no error for it", () => {
    expect(fake.errors).toEqual([]);
    const errors = bot.stderr().split("\n").filter((l) => l.includes('"level":50'));
    expect(errors).toEqual([]);
    expect(bot.stderr()).not.toContain(FAKE_TOKEN);
  });
});

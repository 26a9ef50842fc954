// The real bot (src/main.ts, as `npm start` runs it) with the real discord.js client against the fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, user, validateMessage, type FakeInteraction, type FakeMessage } from "./fakeDiscord.ts";
import { answered as answeredBy, FAKE_TOKEN, RESTART_IDENTIFY_MS, startBot as startBotOn, stop, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const bob = user("666666666666666666", "bob");
const OUTLET = /, (The New Stack|LWN\.net|21CTO|Kloudnative), /;

let fake: FakeDiscord;
let bot: Spawned;

const startBot = (): Promise<Spawned> => startBotOn(fake);

/**
 * Heartbeats every 5 s (Discord: ~41 s; the fake's default 250 ms). discord.js takes a session for a zombie, and
 * resumes it, when the last heartbeat's ack has not been read by the next heartbeat. The fake answers from this test
 * thread: a stall of it longer than the interval (a loaded machine) delays the ack past the next heartbeat. Measured:
 * three 600 ms busy stalls of this thread gave 3 resumes at 250 ms, none at 5 s. A full run under load counted 1 resume
 * here once at 250 ms: no fault of the bot.
 */
const HEARTBEAT_MS = 5000;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: HEARTBEAT_MS, identifyIntervalMs: RESTART_IDENTIFY_MS }).start();
  bot = await startBot();
});

afterAll(async () => {
  if (bot) await stop(bot);
  if (fake) await fake.stop();
});

const str = (name: string, value: string, focused = false): Json => ({ name, type: 3, value, ...(focused ? { focused } : {}) });
const bool = (name: string, value: boolean): Json => ({ name, type: 5, value });

const answered = (i: FakeInteraction): Promise<FakeMessage> => answeredBy(fake, i);

function embed(m: FakeMessage): Json {
  expect(m.embeds.length).toBe(1);
  return m.embeds[0] as Json;
}

function buttons(m: FakeMessage): Json[] {
  return m.components.flatMap((row) => (row.components as Json[]) ?? []);
}

function button(m: FakeMessage, label: string): Json {
  const b = buttons(m).find((x) => x.label === label);
  if (!b) throw new Error(`no ${label} button in ${JSON.stringify(m.components)}`);
  return b;
}

/** Every answer keeps Discord's limits, never pings, and came well within 3 s. */
function wellFormed(i: FakeInteraction, m: FakeMessage): void {
  expect(validateMessage(m)).toBeUndefined();
  expect(m.allowed_mentions).toEqual({ parse: [] });
  expect((i.ack?.at ?? Infinity) - i.dispatchedAt).toBeLessThan(3000);
  expect(i.responses.every((r) => r.status < 300)).toBe(true);
}

describe("the bot on a fake Discord", () => {
  it("identifies with the Guilds intent only", () => {
    expect(fake.identify?.intents).toBe(1);
    expect(fake.requests.some((r) => r.path === "/gateway/bot")).toBe(true);
  });

  it("/who answers with the person, cited sentences and source lines", async () => {
    const i = fake.command("who", [str("name", "Linus Torvalds")], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(i.ack?.type).toBe(4);
    expect(m.flags & 64).toBe(0);
    const e = embed(m);
    expect(e.title).toContain("Linus Torvalds");
    expect(e.description).toMatch(/^> .+\n— .+, (The New Stack|LWN\.net|21CTO|Kloudnative), /m);
    expect((e.footer as Json).text).toMatch(/As of .+ · 5 articles/);
  });

  it("/who for an unknown name says so instead of guessing", async () => {
    const i = fake.command("who", [str("name", "Nobody Atall Xyzzy")], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(embed(m).title).toMatch(/No one called/);
  });

  it("autocompletes /who, /when, /quote speaker and /timeline person within limits", async () => {
    const cases: [string, Json[]][] = [
      ["who", [str("name", "Lin", true)]],
      ["when", [str("event", "Rust", true)]],
      ["quote", [str("speaker", "", true)]],
      ["timeline", [str("person", "O", true)]],
    ];
    for (const [name, options] of cases) {
      const i = fake.autocomplete(name, options, alice);
      await fake.waitFor(() => i.ack, 3000, `autocomplete for /${name}`);
      expect(i.ack?.type).toBe(8);
      const choices = (i.ack?.data.choices ?? []) as { name: string; value: string }[];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
      expect((i.ack?.at ?? 0) - i.dispatchedAt).toBeLessThan(1000);
      if (name === "who") expect(choices.some((c) => c.value.includes("Linus"))).toBe(true);
      if (name === "when") expect(choices.length).toBeGreaterThan(0);
    }
  });

  it("an autocompleted /when value finds its event", async () => {
    const auto = fake.autocomplete("when", [str("event", "pull request", true)], alice);
    await fake.waitFor(() => auto.ack, 3000, "autocomplete");
    const choice = ((auto.ack?.data.choices ?? []) as { value: string }[])[0];
    expect(choice).toBeDefined();
    const i = fake.command("when", [str("event", choice?.value as string)], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(embed(m).description).toMatch(OUTLET);
  });

  it("/when answers with dated, cited events", async () => {
    const i = fake.command("when", [str("event", "Rust merged")], alice);
    const m = await answered(i);
    wellFormed(i, m);
    const e = embed(m);
    expect(e.title).toContain("Rust merged");
    expect(e.description).toMatch(OUTLET);
  });

  it("/quote by speaker and by text", async () => {
    const a = fake.command("quote", [str("speaker", "Linus Torvalds")], alice);
    const b = fake.command("quote", [str("text", "religious war")], alice);
    for (const i of [a, b]) {
      const m = await answered(i);
      wellFormed(i, m);
      expect(embed(m).title).toMatch(/Quotes/);
    }
    const bySpeaker = embed(await answered(a));
    expect(bySpeaker.title).toContain("Linus Torvalds");
    expect(bySpeaker.description).toMatch(/^> “.+”\n> — \*\*Linus Torvalds\*\*\n— .+, (The New Stack|LWN\.net|21CTO|Kloudnative), /m);
    expect(embed(await answered(b)).title).toMatch(/religious war/);
  });

  it("/quote with neither speaker nor text gets a short private hint", async () => {
    const i = fake.command("quote", [], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(m.flags & 64).toBe(64);
    expect(m.content).toMatch(/speaker/);
  });

  it("/search defers, then edits in highlighted, cited hits", async () => {
    const i = fake.command("search", [str("query", "memory safety")], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(i.ack?.type).toBe(5);
    const e = embed(m);
    expect(e.title).toContain("memory safety");
    expect(e.description).toMatch(/\*\*[Mm]emory\*\*/);
    expect(e.description).toMatch(OUTLET);
  });

  it("an error after a public deferral replaces the placeholder with a private note", async () => {
    const i = fake.command("search", [str("query", "   ")], alice);
    const note = await fake.waitFor(() => i.followups[0], 5000, "the follow-up");
    expect(i.ack?.type).toBe(5);
    expect(i.responses.map((r) => [r.kind, r.status])).toEqual([["callback", 204], ["delete", 204], ["followup", 200]]);
    expect(i.original).toBeUndefined();
    expect(note.flags & 64).toBe(64);
    expect(note.content).toMatch(/what to look for/);
  });

  it("/about tells what the corpus holds", async () => {
    const i = fake.command("about", [], alice);
    const m = await answered(i);
    wellFormed(i, m);
    const e = embed(m);
    expect(e.title).toBe("About this bot");
    expect(e.description).toMatch(/\*\*5\*\* news articles/);
  });

  it("/timeline pages with Previous/Next for the asker; others get a private note", async () => {
    const i = fake.command("timeline", [], alice);
    let m = await answered(i);
    wellFormed(i, m);
    expect((embed(m).footer as Json).text).toMatch(/^Page 1\/\d+/);
    expect(button(m, "Previous").disabled).toBe(true);

    const next = fake.press(m, button(m, "Next").custom_id as string, alice);
    m = await fake.waitFor(() => next.ack && next.original, 3000, "page 2");
    wellFormed(next, m);
    expect(next.ack?.type).toBe(7);
    expect((embed(m).footer as Json).text).toMatch(/^Page 2\//);

    const back = fake.press(m, button(m, "Previous").custom_id as string, alice);
    m = await fake.waitFor(() => back.ack && back.original, 3000, "page 1 again");
    expect((embed(m).footer as Json).text).toMatch(/^Page 1\//);

    const foreign = fake.press(m, button(m, "Next").custom_id as string, bob);
    const note = await answered(foreign);
    wellFormed(foreign, note);
    expect(foreign.ack?.type).toBe(4);
    expect(note.flags & 64).toBe(64);
    expect(note.content).toMatch(/Only the person who asked/);
    expect((embed(fake.messages.get(m.id) as FakeMessage).footer as Json).text).toMatch(/^Page 1\//);
  });

  it("buttons work from their custom id alone (as after a restart), and an expired one gets a note", async () => {
    const first = await answered(fake.command("search", [str("query", "Rust")], alice));
    // A message the running process never produced: only the custom id carries the state.
    const copy: FakeMessage = { ...first, id: "777777777777777777" };
    const press = fake.press(copy, button(copy, "Next").custom_id as string, alice);
    const m = await fake.waitFor(() => press.ack && press.original, 3000, "page from custom id");
    expect((embed(m).footer as Json).text).toMatch(/^Page 2\//);

    for (const id of ["pg:0:p:abc:nosuchcommand:x", "something-old"]) {
      const expired = fake.press(copy, id, alice);
      const note = await answered(expired);
      expect(note.flags & 64).toBe(64);
      expect(note.content).toMatch(/expired/);
    }
  });

  it("private answers are ephemeral with a Share button that posts the same answer publicly", async () => {
    const i = fake.command("who", [str("name", "Linus Torvalds"), bool("private", true)], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(m.flags & 64).toBe(64);
    const share = fake.press(m, button(m, "Share in channel").custom_id as string, alice);
    const shared = await answered(share);
    wellFormed(share, shared);
    expect(share.ack?.type).toBe(4);
    expect(shared.flags & 64).toBe(0);
    expect(embed(shared).title).toBe(embed(m).title);
    expect(embed(shared).description).toBe(embed(m).description);
    expect(buttons(shared).some((b) => b.label === "Share in channel")).toBe(false);
  });

  it("a handler error is logged without the token and answered with a short private message", async () => {
    // An option of the wrong type makes discord.js throw inside the handler.
    const i = fake.command("who", [{ name: "name", type: 4, value: 42 }], alice);
    const m = await answered(i);
    wellFormed(i, m);
    expect(m.flags & 64).toBe(64);
    expect(m.content).toMatch(/something went wrong/i);
    await fake.waitFor(() => bot.stderr().includes(i.id), 2000, "the error log line");
    const line = bot.stderr().split("\n").find((l) => l.includes(i.id)) as string;
    const logged = JSON.parse(line) as Json;
    expect(logged.command).toBe("/who");
    expect(logged.interaction).toBe(i.id);
    expect(logged.err).toBeTruthy();
  });

  it("buttons keep working after a restart (the page state lives in the custom id)", async () => {
    const m = await answered(fake.command("timeline", [], alice));
    await stop(bot);
    bot = await startBot();
    const press = fake.press(m, button(m, "Next").custom_id as string, alice);
    const page = await fake.waitFor(() => press.ack && press.original, 3000, "page 2 after the restart");
    expect(press.ack?.type).toBe(7);
    expect((embed(page).footer as Json).text).toMatch(/^Page 2\//);
  });

  it("heartbeats are acknowledged and the session stays up (no reconnects)", async () => {
    // Two heartbeats: at the second, discord.js has read the first one's ack, or it resumes (counted below).
    const before = fake.heartbeats;
    await fake.waitFor(() => fake.heartbeats >= before + 2, 4 * HEARTBEAT_MS, "two heartbeats");
    expect(fake.identifies).toBe(2); // the first start and the restart, nothing more
    expect(fake.resumes).toBe(0);
    const i = fake.command("about", [], alice);
    wellFormed(i, await answered(i));
  });

  it("made no call Discord would reject, and never printed the token", () => {
    expect(fake.errors).toEqual([]);
    expect(bot.stderr()).not.toContain(FAKE_TOKEN);
    expect(bot.stdout()).not.toContain(FAKE_TOKEN);
  });
});

// The message context menus and the commands a member may use anywhere (user install), end to end: the real bot
// against the fake Discord, with the command definitions registered as deploy-commands registers them, so that the
// fake offers each command only where its contexts allow (a server, the bot's DMs, a private channel).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definitions } from "../../commands/index.ts";
import { APP_ID, FakeDiscord, user, validateMessage, type FakeInteraction, type FakeMessage, type Where } from "./fakeDiscord.ts";
import { answered as answeredBy, FAKE_TOKEN, startBot, stop, type Spawned } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const bob = user("666666666666666666", "bob");
const ROLE = "888888888888888888";

let fake: FakeDiscord;
let bot: Spawned;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  const res = await fetch(`${fake.apiBase}/v10/applications/${APP_ID}/commands`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bot ${FAKE_TOKEN}` },
    body: JSON.stringify(definitions()),
  });
  expect(res.status).toBe(200);
  bot = await startBot(fake);
});

afterAll(async () => {
  if (bot) await stop(bot);
  if (fake) await fake.stop();
});

const answered = (i: FakeInteraction): Promise<FakeMessage> => answeredBy(fake, i);
const embedOf = (m: FakeMessage): Json => m.embeds[0] as Json;
const buttonsOf = (m: FakeMessage): Json[] => m.components.flatMap((row) => (row.components as Json[]) ?? []);
const str = (name: string, value: string): Json => ({ name, type: 3, value });

/** A private answer within Discord's limits that pings no one. */
function privateAnswer(i: FakeInteraction, m: FakeMessage): Json {
  expect(validateMessage(m)).toBeUndefined();
  expect(i.responses.every((r) => r.status < 300)).toBe(true);
  expect(m.flags & 64).toBe(64);
  expect(m.allowed_mentions).toEqual({ parse: [] });
  expect([m.mentions, m.mention_roles, m.mention_everyone]).toEqual([[], [], false]);
  return embedOf(m);
}

describe("Check this quote", () => {
  it("finds the quoted words, says whose they are and where, and flags a wrong speaker", async () => {
    const said = fake.userMessage(`lol Torvalds said "There was zero pushback" about Rust`, bob);
    const i = fake.messageCommand("Check this quote", said, alice);
    const e = privateAnswer(i, await answered(i));
    expect(e.title).toMatch(/^Direct quote/);
    expect(e.description).toContain("There was zero pushback");
    expect(e.description).toContain("Steven Rostedt");
    expect(e.description).toMatch(/The New Stack, Dec 2025/);
    expect(e.description).toMatch(/gives \*\*Linus Torvalds\*\* as the speaker; the corpus attributes these words to \*\*Steven Rostedt\*\*/);
  });

  it("says when the message puts a sentence of the corpus in other words, and which", async () => {
    const said = fake.userMessage("The debate over Rust has reached religious war proportions, according to Torvalds", bob);
    const i = fake.messageCommand("Check this quote", said, alice);
    const e = privateAnswer(i, await answered(i));
    expect(e.title).toMatch(/^Not word for word: a paraphrase/);
    expect(e.description).toMatch(/> Linus Torvalds, Linux's creator, has characterized the ongoing debate as reaching "religious war" proportions\.\n— .+, Kloudnative, /);
  });

  it("says plainly when the corpus has no such quote, and offers the nearest", async () => {
    const said = fake.userMessage(`"Rust will replace every line of C in the kernel by 2027"`, bob);
    const i = fake.messageCommand("Check this quote", said, alice);
    const e = privateAnswer(i, await answered(i));
    expect(e.title).toBe("No such quote in the corpus");
    expect(e.description).toMatch(/The nearest:\n\n> .+\n— /);
  });

  it("Share posts the same answer in the channel, for the asker only; mentions in the message ping no one", async () => {
    const said = fake.userMessage(`<@&${ROLE}> @everyone "Kernel maintainers tend to be very conservative"`, bob);
    const i = fake.messageCommand("Check this quote", said, alice);
    const m = await answered(i);
    const e = privateAnswer(i, m);
    expect(e.title).toMatch(/^Partial quote/);
    const share = buttonsOf(m).find((b) => b.label === "Share in channel");
    expect(share?.custom_id).toBeDefined();
    const foreign = fake.press(m, share?.custom_id as string, bob);
    expect((await answered(foreign)).content).toMatch(/Only the person who asked/);
    const press = fake.press(m, share?.custom_id as string, alice);
    const shared = await answered(press);
    expect(shared.flags & 64).toBe(0);
    expect(shared.embeds).toEqual(m.embeds);
    expect(shared.components).toEqual([]);
    expect([shared.mention_roles, shared.mention_everyone]).toEqual([[], false]);
  });
});

describe("Who is mentioned here?", () => {
  it("lists the people the message names whom the corpus knows, each with role and a cited sentence", async () => {
    const said = fake.userMessage("Torvalds and Greg Kroah-Hartman disagree with nobody in particular, said Jane Nobody.", bob);
    const i = fake.messageCommand("Who is mentioned here?", said, alice);
    const e = privateAnswer(i, await answered(i));
    const fields = e.fields as { name: string; value: string }[];
    expect(fields.map((f) => f.name)).toEqual(["Linus Torvalds", "Greg Kroah-Hartman"]);
    expect(fields[0]?.value).toMatch(/^\*Linux's creator\*\n> .+\n— .+, The New Stack, /);
  });

  it("reads the text of a bot's embed when the message has no content", async () => {
    const embedded = fake.userMessage("", bob, { embeds: [{ title: "Quote", description: "Miguel Ojeda spoke at FOSDEM" }] });
    const i = fake.messageCommand("Who is mentioned here?", embedded, alice);
    const e = privateAnswer(i, await answered(i));
    expect((e.fields as { name: string }[]).map((f) => f.name)).toEqual(["Miguel Ojeda"]);
  });
});

describe("anywhere: user install", () => {
  const places: Where[] = ["dm", "private"];

  it.each(places)("the read-only commands and context menus answer in a %s", async (where) => {
    const who = fake.command("who", [str("name", "Miguel Ojeda")], alice, undefined, where);
    const m = await answered(who);
    expect(validateMessage(m)).toBeUndefined();
    expect(embedOf(m).title).toContain("Miguel Ojeda");
    const said = fake.userMessage("Miguel Ojeda leads Rust for Linux", bob);
    const check = fake.messageCommand("Who is mentioned here?", said, alice, where);
    expect((embedOf(await answered(check)).fields as Json[]).length).toBe(1);
  });

  it("the admin commands are offered in servers only (Discord would not send one from a DM)", () => {
    expect(() => fake.command("announce", [], alice, undefined, "dm")).toThrow(/does not offer/);
    expect(() => fake.command("reload", [], alice, undefined, "private")).toThrow(/does not offer/);
  });
});

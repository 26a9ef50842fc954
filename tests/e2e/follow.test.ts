// /follow and /unfollow end to end: the real bot against the fake Discord, a restart between following and the
// article's arrival, DMs listing what matched, a burst folded into one DM, a member whose DMs are closed (50007)
// told once at their next command, and the 26th follow refused. The DM interval is 2 s here (default 5 minutes).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DMS_CLOSED_NOTE } from "../../src/render/follows.ts";
import { user, validateMessage, type FakeMessage, type Where } from "./fakeDiscord.ts";
import { SeededBot, WARM_WORKER } from "./harness.ts";

type Json = Record<string, unknown>;
const alice = user("555555555555555555", "alice");
const bob = user("666666666666666666", "bob");
const carol = user("777777777777777777", "carol");
const dave = user("888888888888888881", "dave");

const article = (title: string, url: string, body: string) =>
  `---\ntitle: ${JSON.stringify(title)}\noutlet: "Test Wire"\npublished: "2025-12-10"\nurl: ${JSON.stringify(url)}\n---\n${body}\n`;
const TOKYO = article(
  "Kernel Maintainers Meet in Tokyo",
  "https://example.org/tokyo",
  `Jane Hopper, a maintainer of the scheduler, opened the meeting in Tokyo on Dec. 8, 2025.

"We finally agree on the plan, and the plan is to ship," Torvalds said after the session.

Hopper said the new scheduler improves memory safety in the timer code.`,
);
const storyAbout = (topic: string) =>
  article(`Drivers team reports on ${topic}`, `https://example.org/${topic}`, `The drivers team led by Omar Haddad published a report on ${topic} on Monday.

Haddad said the report shows how memory safety bugs are found earlier now.`);

const s = new SeededBot({ ...WARM_WORKER, CORPUS_DEBOUNCE_MS: "100", ANNOUNCE_RETRY_MS: "200", FOLLOW_DM_INTERVAL_SECONDS: "2" });
const str = (name: string, value: string, focused = false): Json => ({ name, type: 3, value, ...(focused ? { focused } : {}) });
const sub = (name: string, options: Json[] = []): Json => ({ name, type: 1, options });

/** Runs a command and returns its private answer's text. */
async function privately(name: string, options: Json[], from = alice, where: Where = "guild"): Promise<string> {
  const i = s.fake.command(name, options, from, undefined, where);
  const m = await s.answered(i);
  expect(m.flags & 64).toBe(64);
  expect(i.responses.every((r) => r.status < 300)).toBe(true);
  return m.content;
}

const choices = async (name: string, options: Json[], from = alice): Promise<Json[]> => {
  const i = s.fake.autocomplete(name, options, from);
  await s.fake.waitFor(() => i.ack, 5000, "autocomplete");
  return (i.ack?.data.choices as Json[]) ?? [];
};

describe("following", () => {
  it("/follow person autocompletes from the corpus's people, follows one, and offers the nearest names for an unknown one", async () => {
    expect((await choices("follow", [sub("person", [str("name", "Torv", true)])])).map((c) => c.value)).toContain("Linus Torvalds");
    expect(await privately("follow", [sub("person", [str("name", "Linus Torvalds")])])).toMatch(/^Following \*\*Linus Torvalds\*\*: I will DM you/);
    expect(await privately("follow", [sub("person", [str("name", "linus torvalds")])])).toBe("You already follow **Linus Torvalds**.");
    expect(await privately("follow", [sub("person", [str("name", "Lina Torvaldsen")])])).toMatch(/^No one called “Lina Torvaldsen” in the articles\. Did you mean \*\*Linus Torvalds\*\*/);
  });

  it("/follow words works from a DM too; /follow list and /unfollow (autocompleted from the member's follows)", async () => {
    expect(await privately("follow", [sub("words", [str("words", "memory safety")])], bob, "dm")).toMatch(/^Following “memory safety”/);
    await privately("follow", [sub("words", [str("words", "timetable")])], bob, "dm");
    expect(await privately("follow", [sub("list")], bob, "dm")).toMatch(/^You follow \(2 of at most 25\):\n• “memory safety”\n• “timetable”/);
    const mine = await choices("unfollow", [str("follow", "time", true)], bob);
    expect(mine.map((c) => c.name)).toEqual(["Words: timetable"]);
    expect(await privately("unfollow", [str("follow", String(mine[0]?.value))], bob)).toBe("Stopped following “timetable”.");
    expect(await privately("unfollow", [str("follow", "timetable")], bob)).toMatch(/^You do not follow “timetable”/);
    expect(await choices("unfollow", [str("follow", "", true)], alice)).toEqual([expect.objectContaining({ name: "Person: Linus Torvalds" })]);
  });

  it("a 26th follow gets a short private error", async () => {
    for (let n = 1; n <= 25; n++) await privately("follow", [sub("words", [str("words", `topic${n}`)])], dave);
    expect(await privately("follow", [sub("words", [str("words", "topic26")])], dave)).toBe("You already follow 25, the most there can be. `/unfollow` one first.");
  });
});

describe("DMs about new articles", () => {
  let tokyoDmAt = 0;

  it("after a restart, a new article brings one DM per follower, listing what matched, with title, outlet, date, link, how to stop", async () => {
    await privately("follow", [sub("words", [str("words", "Tokyo")])], carol);
    await privately("follow", [sub("words", [str("words", "scheduler")])], alice); // a second match in the same article
    s.fake.channels.closedDms.add(carol.id);
    await s.restart();
    writeFileSync(path.join(s.corpus, "tokyo.md"), TOKYO);
    await s.fake.waitFor(() => s.fake.dmsTo(alice.id).length > 0 && s.fake.dmsTo(bob.id).length > 0, 20_000, "the DMs");
    tokyoDmAt = Date.now();
    const [toAlice] = s.fake.dmsTo(alice.id) as [FakeMessage];
    expect(validateMessage(toAlice)).toBeUndefined();
    expect(toAlice.allowed_mentions).toEqual({ parse: [] });
    expect(toAlice.content).toBe("New in the news you follow: 1 article.");
    const e = toAlice.embeds[0] as Json;
    expect(e).toMatchObject({ title: "Kernel Maintainers Meet in Tokyo", url: "https://example.org/tokyo", footer: { text: "Stop: /unfollow · Your follows: /follow list" } });
    // The quote is attributed to "Torvalds" in this article: merging makes him the Linus Torvalds she follows.
    expect(e.description).toMatch(
      /^\*Test Wire\* · 10 Dec 2025\n\n\*\*Linus Torvalds\*\* is quoted\n> “We finally agree on the plan, and the plan is to ship”\n\n\*“scheduler”\*\n> Jane Hopper, a maintainer of the scheduler, /,
    );
    expect(s.fake.dmsTo(alice.id)).toHaveLength(1);
    expect((s.fake.dmsTo(bob.id)[0]?.embeds[0] as Json).description).toMatch(/\*“memory safety”\*\n> Hopper said the new scheduler improves memory safety/);
  });

  it("closed DMs (50007) are not retried; the member's next command tells them privately, once", async () => {
    await s.fake.waitFor(() => s.fake.errors.some((e) => e.code === 50007), 5000, "the refused DM");
    await new Promise((r) => setTimeout(r, 600)); // past the first retry delay (ANNOUNCE_RETRY_MS 200)
    expect(s.fake.errors.filter((e) => e.code === 50007)).toHaveLength(1);
    const first = s.fake.command("who", [str("name", "Linus Torvalds")], carol);
    await s.fake.waitFor(() => first.followups.length > 0, 5000, "the note");
    expect(first.original?.flags).toBe(0); // the answer itself, as asked: public
    expect(first.followups[0]).toMatchObject({ content: DMS_CLOSED_NOTE, flags: 64 });
    const second = s.fake.command("who", [str("name", "Linus Torvalds")], carol);
    await s.answered(second);
    await new Promise((r) => setTimeout(r, 200));
    expect(second.followups).toEqual([]);
  });

  it("a burst within the interval is folded into one DM", async () => {
    writeFileSync(path.join(s.corpus, "reviews.md"), storyAbout("reviews"));
    writeFileSync(path.join(s.corpus, "fuzzing.md"), storyAbout("fuzzing"));
    await s.fake.waitFor(() => s.fake.dmsTo(bob.id).length === 2, 15_000, "the second DM");
    const second = s.fake.dmsTo(bob.id)[1] as FakeMessage;
    expect(second.content).toBe("New in the news you follow: 2 articles.");
    expect(second.embeds.map((x) => (x as Json).title).sort()).toEqual(["Drivers team reports on fuzzing", "Drivers team reports on reviews"]);
    expect(Date.parse(second.timestamp as string) - tokyoDmAt).toBeGreaterThanOrEqual(1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.fake.dmsTo(bob.id)).toHaveLength(2);
    expect(s.fake.dmsTo(alice.id)).toHaveLength(1);
  });
});

// Per-channel announcements end to end: the real bot against the fake Discord, channels set with /announce channel
// (a filter, a mode, a thread per announcement, a role to mention), ANNOUNCE_CHANNEL_IDS as the default. The role is
// the only mention the bot makes.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_PERMISSIONS, GUILD_ID, user, validateMessage, type FakeMessage } from "./fakeDiscord.ts";
import { SeededBot, WARM_WORKER } from "./harness.ts";

type Json = Record<string, unknown>;
const admin = user("555555555555555555", "admin");
const [CH_A, CH_B, CH_C, CH_D, CH_E] = ["700000000000000021", "700000000000000022", "700000000000000023", "700000000000000024", "700000000000000025"];
const ROLE = "900000000000000001";

const article = (title: string, body: string, outlet = "Test Wire") => `---\ntitle: ${JSON.stringify(title)}\noutlet: ${JSON.stringify(outlet)}\npublished: "2025-12-10"\n---\n${body}\n`;
const TOKYO = article(
  "Kernel Maintainers Meet in Tokyo",
  `Jane Hopper, a maintainer of the scheduler, opened the meeting in Tokyo on Dec. 8, 2025.

"We finally agree on the plan, and the plan is to ship," Torvalds said after the session.`,
);
const report = (topic: string) =>
  article(`Drivers team reports on ${topic}`, `The drivers team led by Omar Haddad published a report on ${topic} on Monday, the team said.`, "Drivers Weekly");

const s = new SeededBot({ ...WARM_WORKER, ANNOUNCE_CHANNEL_IDS: CH_A, CORPUS_DEBOUNCE_MS: "100", ANNOUNCE_RETRY_MS: "200" });
const opt = (name: string, type: number, value: unknown): Json => ({ name, type, value });
const channelSet = (options: Json[]): Json => ({ name: "channel", type: 2, options: [{ name: "set", type: 1, options }] });
const channelSub = (name: string, options: Json[] = []): Json => ({ name: "channel", type: 2, options: [{ name, type: 1, options }] });

async function announce(options: Json[]): Promise<string> {
  const i = s.fake.command("announce", options, admin, ADMIN_PERMISSIONS);
  const m = await s.answered(i);
  expect(m.flags & 64).toBe(64);
  expect(m.mention_roles).toEqual([]);
  return m.content;
}

const titles = (channel: string): string[] => s.fake.postedIn(channel).map((m) => String((m.embeds[0] as Json).title));

describe("per-channel announcements", () => {
  it("/announce channel set adds channels with a filter, a mode, a thread and a role; list shows them all", async () => {
    const b = await announce([
      channelSet([opt("channel", 7, CH_B), opt("mode", 3, "quotes"), opt("thread", 5, true), opt("role", 8, ROLE), opt("people", 3, "Torvalds")]),
    ]);
    expect(b).toBe(`Announcing in <#${CH_B}>: only articles with a quote · a thread each · mentions <@&${ROLE}> · people: Linus Torvalds`);
    expect(await announce([channelSet([opt("channel", 7, CH_C), opt("words", 3, "fuzzing, static analysis")])])).toBe(
      `Announcing in <#${CH_C}>: every article · words: fuzzing, static analysis`,
    );
    expect(await announce([channelSet([opt("channel", 7, CH_C), opt("role", 8, GUILD_ID)])])).toMatch(/never mentions @everyone/);
    expect(await announce([channelSet([opt("channel", 7, CH_D), opt("mode", 3, "quotes")])])).toBe(`Announcing in <#${CH_D}>: only articles with a quote`);
    expect(await announce([channelSet([opt("channel", 7, CH_E), opt("outlets", 3, "drivers weekly")])])).toBe(`Announcing in <#${CH_E}>: every article · outlets: drivers weekly`);
    expect(await announce([channelSub("list")])).toBe(
      [
        `Announcement channels:`,
        `• <#${CH_A}>: every article`,
        `• ${b.replace("Announcing in ", "")}`,
        `• <#${CH_C}>: every article · words: fuzzing, static analysis`,
        `• <#${CH_D}>: only articles with a quote`,
        `• <#${CH_E}>: every article · outlets: drivers weekly`,
      ].join("\n"),
    );
  });

  it("each channel gets what its filter lets through; the role is mentioned, and nothing else; a thread starts from the announcement", async () => {
    writeFileSync(path.join(s.corpus, "tokyo.md"), TOKYO);
    writeFileSync(path.join(s.corpus, "reviews.md"), report("reviews"));
    await s.fake.waitFor(() => s.fake.postedIn(CH_A).length === 2 && s.fake.postedIn(CH_B).length === 1, 20_000, "the announcements");
    writeFileSync(path.join(s.corpus, "fuzzing.md"), report("fuzzing"));
    await s.fake.waitFor(() => s.fake.postedIn(CH_C).length === 1 && s.fake.postedIn(CH_A).length === 3 && s.fake.postedIn(CH_E).length === 2, 20_000, "the filtered one");
    expect(titles(CH_A).sort()).toEqual(["Drivers team reports on fuzzing", "Drivers team reports on reviews", "Kernel Maintainers Meet in Tokyo"]);
    expect(titles(CH_B)).toEqual(["Kernel Maintainers Meet in Tokyo"]);
    expect(titles(CH_C)).toEqual(["Drivers team reports on fuzzing"]);
    expect(titles(CH_D)).toEqual(["Kernel Maintainers Meet in Tokyo"]); // the only one with a quote
    expect(titles(CH_E).sort()).toEqual(["Drivers team reports on fuzzing", "Drivers team reports on reviews"]); // its outlet
    const [pinging] = s.fake.postedIn(CH_B) as [FakeMessage];
    expect(validateMessage(pinging)).toBeUndefined();
    expect(pinging).toMatchObject({ content: `<@&${ROLE}>`, allowed_mentions: { parse: [], roles: [ROLE] }, mention_roles: [ROLE], mentions: [], mention_everyone: false });
    for (const m of [CH_A, CH_C, CH_D, CH_E].flatMap((c) => s.fake.postedIn(c))) expect([m.content, m.mention_roles, m.allowed_mentions]).toEqual(["", [], { parse: [] }]);
    expect(s.fake.channels.threads.map((t) => [t.parentId, t.messageId, t.name])).toEqual([[CH_B, pinging.id, "Kernel Maintainers Meet in Tokyo"]]);
  });

  it("a channel removed gets nothing more, ANNOUNCE_CHANNEL_IDS or not; the others keep their settings", async () => {
    // Kept across restarts: tests/announce/channels.test.ts reopens the settings file.
    expect(await announce([channelSub("remove", [opt("channel", 7, CH_A)])])).toBe(`No more announcements in <#${CH_A}>.`);
    expect(await announce([channelSub("list")])).toMatch(new RegExp(`^Announcement channels:\\n• <#${CH_B}>: only articles with a quote · a thread each · mentions <@&${ROLE}> · people: Linus Torvalds\\n• <#${CH_C}>`));
    writeFileSync(path.join(s.corpus, "analysis.md"), report("static analysis"));
    await s.fake.waitFor(() => s.fake.postedIn(CH_C).length === 2, 20_000, "the next announcement");
    await new Promise((r) => setTimeout(r, 300));
    expect(s.fake.postedIn(CH_A)).toHaveLength(3);
  });
});

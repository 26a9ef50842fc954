import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { tempDir } from "../support/files.ts";

const dir = () => tempDir("record-test-");
const msg = (channel: string, label = "article a") => ({ channel, label, embed: { title: label } });

describe("the announcement record", () => {
  it("knows a first start, and marks articles announced together with their queued messages", async () => {
    const file = path.join(dir(), "sub", "announcements.json");
    const first = await AnnouncementRecord.open(file);
    expect(first.firstStart).toBe(true);
    await first.announce(["a", "b"], [msg("1"), msg("2")], 1000);
    expect(first.isAnnounced("a")).toBe(true);
    expect(first.isAnnounced("c")).toBe(false);

    const again = await AnnouncementRecord.open(file);
    expect(again.firstStart).toBe(false);
    expect(again.isAnnounced("b")).toBe(true);
    expect(again.queue().map((m) => [m.channel, m.attempts, m.nextAt])).toEqual([["1", 0, 1000], ["2", 0, 1000]]);
    expect(new Set(again.queue().map((m) => m.id)).size).toBe(2);
    expect(again.queue().every((m) => m.id.length <= 25)).toBe(true); // usable as a Discord nonce
  });

  it("keeps a failed message queued with its retry time, across a reopen, until it is removed", async () => {
    const file = path.join(dir(), "announcements.json");
    const r = await AnnouncementRecord.open(file);
    const [m] = await r.enqueue([msg("1", "digest")], 0);
    await r.retryLater(m!.id, 5000, "500");
    expect(r.heads().map((q) => q.nextAt)).toEqual([5000]);
    const reopened = await AnnouncementRecord.open(file);
    expect(reopened.heads().map((q) => [q.label, q.attempts, q.lastError])).toEqual([["digest", 1, "500"]]);
    expect(await reopened.keepChannels(["1", "2"])).toBe(0);
    await reopened.remove(m!.id);
    expect((await AnnouncementRecord.open(file)).queue()).toEqual([]);
  });

  it("turns a message that a copy of its story changed while it was being sent into an edit of the posted one", async () => {
    const file = path.join(dir(), "announcements.json");
    const r = await AnnouncementRecord.open(file);
    const [m] = await r.enqueue([{ ...msg("1", "article s"), article: "s" }], 0);
    const sent = m!.embed;
    // The copy arrives while Discord is taking the message: its update lands on the queued entry.
    await r.announce(["copy"], [], 0, [{ id: m!.id, embed: { title: "article s", description: "Also reported by Copy" } }], [{ id: "copy", of: "s" }]);
    await r.remove(m!.id, "posted-1", sent);
    const reopened = await AnnouncementRecord.open(file);
    expect(reopened.postedFor("s")).toEqual({ "1": "posted-1" });
    expect(reopened.queue().map((q) => [q.channel, q.edit, q.embed.description])).toEqual([["1", "posted-1", "Also reported by Copy"]]);
    expect(reopened.queue()[0]!.id).not.toBe(m!.id); // a new nonce: Discord would drop a repeat of the first one

    const [n] = await reopened.enqueue([{ ...msg("2", "article t"), article: "t" }], 0);
    await reopened.remove(reopened.queue()[0]!.id, "posted-1");
    await reopened.remove(n!.id, "posted-2", n!.embed); // unchanged while sent: simply gone
    expect(reopened.queue()).toEqual([]);
  });

  it("offers a message for sending only once the write that queued it is stored: a kill then cannot announce its article again", async () => {
    const file = path.join(dir(), "announcements.json");
    const stored = () => JSON.parse(readFileSync(file, "utf8")) as { announced: Record<string, string>; queue: { id: string }[] };
    const r = await AnnouncementRecord.open(file);
    const [a] = await r.announce(["a"], [{ ...msg("1", "article a"), article: "a" }]);
    // Discord took a's message: its removal is being written when article b comes in, b's write behind it.
    const removing = r.remove(a!.id, "posted-a", a!.embed);
    const announcing = r.announce(["b"], [{ ...msg("1", "article b"), article: "b" }]);
    expect(r.heads()).toEqual([]);
    await removing;
    // What a channel's worker sends next is on disk, with its article announced (or nothing is offered yet).
    for (const m of r.heads()) {
      expect(stored().queue.map((q) => q.id)).toContain(m.id);
      expect(Object.keys(stored().announced)).toContain(m.article);
    }
    await announcing;
    expect(r.heads().map((m) => m.article)).toEqual(["b"]);
    expect(stored().queue.map((q) => q.id)).toEqual([r.heads()[0]!.id]);
  });

  it("drops the queue of a channel taken out of the configuration", async () => {
    const r = await AnnouncementRecord.open(path.join(dir(), "announcements.json"));
    await r.enqueue([msg("1"), msg("2"), msg("1", "digest")]);
    expect(await r.keepChannels(["2"])).toBe(2);
    expect(r.queue().map((m) => m.channel)).toEqual(["2"]);
  });

  it("writes atomically: whole JSON after every write, the last state wins, no temporary file left", async () => {
    const d = dir();
    const file = path.join(d, "announcements.json");
    const r = await AnnouncementRecord.open(file);
    await Promise.all(Array.from({ length: 30 }, (_, i) => r.announce([`a${i}`], [])));
    const stored = JSON.parse(readFileSync(file, "utf8")) as { announced: Record<string, string> };
    expect(Object.keys(stored.announced)).toHaveLength(30);
    expect(readdirSync(d)).toEqual(["announcements.json"]);
  });

  it("moves an unreadable record aside instead of failing or guessing", async () => {
    const d = dir();
    const file = path.join(d, "announcements.json");
    writeFileSync(file, "{ half a reco");
    const r = await AnnouncementRecord.open(file);
    expect(r.corrupt).toMatch(/announcements\.json\.corrupt-\d+$/);
    expect(r.firstStart).toBe(true);
    expect(readdirSync(d).some((n) => n.startsWith("announcements.json.corrupt-"))).toBe(true);
  });
});

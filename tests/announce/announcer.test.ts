import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIEmbed } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { SUMMARY_QUIET_MS } from "../../src/announce/announcementMessages.ts";
import { Announcer } from "../../src/announce/announcer.ts";
import { backoff, MAX_RETRY_MS } from "../../src/announce/backoff.ts";
import { composeSummary } from "../../src/announce/compose.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { classifySendError, type SendMessage, type SendOutcome } from "../../src/announce/sender.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

const file = () => path.join(tempDir("announcer-test-"), "announcements.json");

/** A Discord stand-in: answers per channel from a script (default: ok), records what was posted. */
function fakeSend(script: Record<string, SendOutcome[]> = {}) {
  const posted: { channel: string; title: string | undefined; nonce: string }[] = [];
  const send: SendMessage = async (channel, embed: APIEmbed, nonce) => {
    const outcome = script[channel]?.shift() ?? { ok: true };
    if (outcome.ok) posted.push({ channel, title: embed.title, nonce });
    return outcome;
  };
  return { posted, send };
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });

describe("the announcer", () => {
  it("sends nothing while paused (this process no longer leads), and what was queued meanwhile once resumed", async () => {
    const kb = fixtureKb();
    const d = fakeSend();
    const a = new Announcer(await AnnouncementRecord.open(file()), d.send, { channels: ["1"], retryMs: 10, log: recordingLog().log });
    await a.begin({ ...kb, articles: [] }, false);
    a.resume();
    a.pause();
    await a.announceArticles(kb, ["budget"]);
    await new Promise((r) => setTimeout(r, 50));
    expect(d.posted).toEqual([]);
    a.resume();
    await until(() => d.posted.length === 1);
    await a.stop();
  });

  it("first start records the corpus as announced (no flood); ANNOUNCE_EXISTING announces it", async () => {
    const kb = fixtureKb();
    const quiet = fakeSend();
    const a = new Announcer(await AnnouncementRecord.open(file()), quiet.send, { channels: ["1"], retryMs: 10, log: recordingLog().log });
    await a.begin(kb, false);
    a.resume();
    await a.announceArticles(kb, kb.articles.map((x) => x.id));
    expect(quiet.posted).toEqual([]);

    const loud = fakeSend();
    const b = new Announcer(await AnnouncementRecord.open(file()), loud.send, { channels: ["1", "2"], retryMs: 10, log: recordingLog().log });
    await b.begin(kb, true);
    b.resume();
    await until(() => loud.posted.length === 4);
    expect(loud.posted.map((p) => p.channel).sort()).toEqual(["1", "1", "2", "2"]);
    await b.stop();
  });

  it("never announces an article twice: not on a second call, not after a restart", async () => {
    const kb = fixtureKb();
    const f = file();
    const d = fakeSend();
    const first = new Announcer(await AnnouncementRecord.open(f), d.send, { channels: ["1"], retryMs: 10, log: recordingLog().log });
    await first.begin({ ...kb, articles: kb.articles.slice(0, 1) }, false);
    first.resume();
    await first.announceArticles(kb, ["budget"]);
    await first.announceArticles(kb, ["budget", "tram"]);
    await until(() => d.posted.length === 1);
    await first.stop();
    const second = new Announcer(await AnnouncementRecord.open(f), d.send, { channels: ["1"], retryMs: 10, log: recordingLog().log });
    await second.begin(kb, false);
    second.resume();
    await new Promise((r) => setTimeout(r, 50));
    expect(d.posted.map((p) => p.title)).toEqual(["Tram budget doubles"]);
    await second.stop();
  });

  it("sends a message only once the record on disk holds it: killed as it goes out, the restart posts nothing under a new nonce", async () => {
    const kb = fixtureKb();
    const f = file();
    const sent: { title: string | undefined; nonce: string; stored: string }[] = [];
    const send: SendMessage = async (_channel, embed, nonce) => {
      sent.push({ title: embed.title, nonce, stored: readFileSync(f, "utf8") });
      // The next article comes in as Discord answers: the write queuing it lands after the one removing this message.
      if (sent.length === 1) setImmediate(() => void a.announceArticles(kb, ["tram"]));
      return { ok: true, id: `posted-${sent.length}` };
    };
    const a = new Announcer(await AnnouncementRecord.open(f), send, { channels: ["1"], retryMs: 10, log: recordingLog().log });
    await a.begin({ ...kb, articles: [] }, false);
    a.resume();
    await a.announceArticles(kb, ["budget"]);
    await until(() => sent.length === 2);
    await a.stop();
    // Killed (SIGKILL) as the second message went out: restarted from the record as it was on disk then.
    const restarted = file();
    writeFileSync(restarted, sent[1]!.stored);
    const again = fakeSend();
    const b = new Announcer(await AnnouncementRecord.open(restarted), again.send, { channels: ["1"], retryMs: 10, log: recordingLog().log });
    await b.begin(kb, false);
    b.resume();
    await new Promise((r) => setTimeout(r, 100));
    await b.stop();
    // What the restart sends again carries the nonce of the message Discord took, which drops the repeat.
    expect(sent.map((m) => m.title)).toEqual(["Tram budget doubles", "Harbour City approves its first tram line"]);
    for (const p of again.posted) expect(sent.map((m) => m.nonce)).toContain(p.nonce);
  });

  it("retries a 5xx with backoff, also after a restart, while a forbidden channel gets one log line and blocks nothing", async () => {
    const kb = fixtureKb();
    const f = file();
    const retry: SendOutcome = { ok: false, kind: "retry", reason: "Internal Server Error (500)" };
    const forbidden: SendOutcome = { ok: false, kind: "forbidden", reason: "Missing Permissions, 50013" };
    const d = fakeSend({ "1": [retry], "2": [forbidden, forbidden] });
    const { lines, messages, log } = recordingLog();
    const first = new Announcer(await AnnouncementRecord.open(f), d.send, { channels: ["1", "2", "3"], retryMs: 60_000, log });
    await first.begin({ ...kb, articles: [] }, false);
    first.resume();
    await first.announceArticles(kb, ["tram", "budget"]);
    await until(() => d.posted.filter((p) => p.channel === "3").length === 2);
    await until(() => lines.some((l) => l.msg.includes("queued for a retry")));
    expect(d.posted.filter((p) => p.channel === "1")).toEqual([]);
    expect(messages("error").filter((m) => m.includes("cannot post in announcement channel 2"))).toHaveLength(1);
    await first.stop();

    // The process ends with channel 1's messages queued; the next one sends them (once the backoff is over).
    const record = await AnnouncementRecord.open(f);
    expect(record.queue().map((m) => [m.channel, m.label, m.attempts])).toEqual([["1", "article tram", 1], ["1", "article budget", 0]]);
    const later = vi.spyOn(Date, "now").mockReturnValue(Date.now() + 120_000);
    const second = new Announcer(record, d.send, { channels: ["1", "2", "3"], retryMs: 60_000, log });
    second.resume();
    later.mockRestore();
    await until(() => d.posted.filter((p) => p.channel === "1").length === 2);
    expect(d.posted.filter((p) => p.channel === "1").map((p) => p.title)).toEqual(["Harbour City approves its first tram line", "Tram budget doubles"]);
    await second.stop();
  });

  it("announces at most ANNOUNCE_BURST of 300 new articles one by one; the rest join one summary post per channel", async () => {
    const base = fixtureKb();
    const template = base.articles[0]!;
    // 300 distinct stories (the same text would be one story, announced once: tests/announce/stories.test.ts).
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...template,
      id: `story-${i}`,
      title: `Story number ${i}`,
      url: `https://news.example/${i}`,
      sentences: template.sentences.map((s) => ({ ...s, text: s.text.replace(/\b(\w+)\b/g, `$1${i}`) })),
    }));
    const kb = { ...base, articles: many };
    const ids = many.map((a) => a.id);
    const d = fakeSend();
    const { lines, log } = recordingLog();
    const f = file();
    const live = await AnnouncementRecord.open(f);
    const a = new Announcer(live, d.send, { channels: ["1", "2"], retryMs: 10, log, burst: 5 });
    await a.begin({ ...kb, articles: [] }, false);
    // A feed's items arrive in several reloads; the summary waits for the burst to end (here: already over).
    const t = Date.now() - 2 * SUMMARY_QUIET_MS;
    await a.announceArticles(kb, ids.slice(0, 120), t);
    await a.announceArticles(kb, ids.slice(120), t + 10_000);
    a.resume();
    await until(() => d.posted.length === 12);
    await new Promise((r) => setTimeout(r, 50));
    expect(d.posted).toHaveLength(12);
    for (const channel of ["1", "2"]) {
      const titles = d.posted.filter((p) => p.channel === channel).map((p) => p.title);
      expect(titles).toEqual(["Story number 0", "Story number 1", "Story number 2", "Story number 3", "Story number 4", "295 more new articles"]);
    }
    expect(ids.every((id) => live.isAnnounced(id))).toBe(true);
    expect(lines.filter((l) => l.msg.includes("join one summary post"))).toHaveLength(2);
    await a.stop();

    // Still within the burst window: one more article joins a new summary, which waits for others to join it.
    expect((await AnnouncementRecord.open(f)).queue()).toEqual([]);
    await a.announceArticles({ ...kb, articles: [{ ...template, id: "late", title: "A late story" }] }, ["late"]);
    const waiting = live.queue();
    expect(waiting.map((m) => [m.channel, m.embed.title, m.nextAt > Date.now() + SUMMARY_QUIET_MS - 5000])).toEqual([
      ["1", "1 more new article", true],
      ["2", "1 more new article", true],
    ]);
  });

  it("lists the folded articles as links, within Discord's limits", () => {
    const folded = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, title: `Story *${i}* with a long enough title to fill lines`, outlet: "Wire", url: `https://news.example/${i}` }));
    const embed = composeSummary(folded);
    expect(embed.title).toBe("300 more new articles");
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toContain("• [Story \\*0\\* with a long enough title to fill lines](https://news.example/0) · *Wire*");
    expect(embed.description).toMatch(/\*and \d+ more\*$/);
  });

  it("backs off exponentially with jitter, capped at ten minutes", () => {
    expect(backoff(1000, 0, () => 0.5)).toBe(1000);
    expect(backoff(1000, 3, () => 0.5)).toBe(8000);
    expect(backoff(1000, 30, () => 0.5)).toBe(MAX_RETRY_MS);
    expect(backoff(1000, 1, () => 0)).toBe(1600);
    expect(backoff(1000, 1, () => 1)).toBe(2400);
  });

  it("tells failures apart: channel unusable, content refused, try again", () => {
    expect(classifySendError(Object.assign(new Error("Missing Permissions"), { code: 50013, status: 403 })).kind).toBe("forbidden");
    expect(classifySendError(Object.assign(new Error("Unknown Channel"), { code: 10003, status: 404 })).kind).toBe("forbidden");
    expect(classifySendError(Object.assign(new Error("Missing Access"), { code: 50001, status: 403 })).kind).toBe("forbidden");
    expect(classifySendError(Object.assign(new Error("Invalid Form Body"), { code: 50035, status: 400 })).kind).toBe("rejected");
    expect(classifySendError(Object.assign(new Error("Internal Server Error"), { status: 502 })).kind).toBe("retry");
    expect(classifySendError(Object.assign(new Error("Too Many Requests"), { status: 429 })).kind).toBe("retry");
    expect(classifySendError(new TypeError("fetch failed")).kind).toBe("retry");
  });
});

import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIEmbed } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { Announcer, backoff, MAX_RETRY_MS } from "../../src/announce/announcer.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { classifySendError, type SendMessage, type SendOutcome } from "../../src/announce/sender.ts";
import type { Logger } from "../../src/log.ts";
import { fixtureKb } from "../answer/fixture.ts";

const file = () => path.join(mkdtempSync(path.join(os.tmpdir(), "announcer-test-")), "announcements.json");
function fakeLog() {
  const lines: { level: string; obj: unknown; msg: string }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, obj, msg: msg ?? String(obj) });
  return { lines, log: { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") } as unknown as Logger };
}

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

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 3000, interval: 5 });

describe("the announcer", () => {
  it("first start records the corpus as announced (no flood); ANNOUNCE_EXISTING announces it", async () => {
    const kb = fixtureKb();
    const quiet = fakeSend();
    const a = new Announcer(await AnnouncementRecord.open(file()), quiet.send, { channels: ["1"], retryMs: 10, log: fakeLog().log });
    await a.begin(kb, false);
    a.resume();
    await a.announceArticles(kb, kb.articles.map((x) => x.id));
    expect(quiet.posted).toEqual([]);

    const loud = fakeSend();
    const b = new Announcer(await AnnouncementRecord.open(file()), loud.send, { channels: ["1", "2"], retryMs: 10, log: fakeLog().log });
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
    const first = new Announcer(await AnnouncementRecord.open(f), d.send, { channels: ["1"], retryMs: 10, log: fakeLog().log });
    await first.begin({ ...kb, articles: kb.articles.slice(0, 1) }, false);
    first.resume();
    await first.announceArticles(kb, ["budget"]);
    await first.announceArticles(kb, ["budget", "tram"]);
    await until(() => d.posted.length === 1);
    await first.stop();
    const second = new Announcer(await AnnouncementRecord.open(f), d.send, { channels: ["1"], retryMs: 10, log: fakeLog().log });
    await second.begin(kb, false);
    second.resume();
    await new Promise((r) => setTimeout(r, 50));
    expect(d.posted.map((p) => p.title)).toEqual(["Tram budget doubles"]);
    await second.stop();
  });

  it("retries a 5xx with backoff, also after a restart, while a forbidden channel gets one log line and blocks nothing", async () => {
    const kb = fixtureKb();
    const f = file();
    const retry: SendOutcome = { ok: false, kind: "retry", reason: "Internal Server Error (500)" };
    const forbidden: SendOutcome = { ok: false, kind: "forbidden", reason: "Missing Permissions, 50013" };
    const d = fakeSend({ "1": [retry], "2": [forbidden, forbidden] });
    const { lines, log } = fakeLog();
    const first = new Announcer(await AnnouncementRecord.open(f), d.send, { channels: ["1", "2", "3"], retryMs: 60_000, log });
    await first.begin({ ...kb, articles: [] }, false);
    first.resume();
    await first.announceArticles(kb, ["tram", "budget"]);
    await until(() => d.posted.filter((p) => p.channel === "3").length === 2);
    await until(() => lines.some((l) => l.msg.includes("queued for a retry")));
    expect(d.posted.filter((p) => p.channel === "1")).toEqual([]);
    expect(lines.filter((l) => l.level === "error" && l.msg.includes("cannot post in announcement channel 2"))).toHaveLength(1);
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

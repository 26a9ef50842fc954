// Per-channel announcements apart from Discord: the settings file (ANNOUNCE_CHANNEL_IDS as the default, changes
// kept across restarts, a removed default staying out) and the announcer sending each channel what its filter and
// mode let through, with its role and thread.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Announcer } from "../../src/announce/announcer.ts";
import { ChannelConfig, DEFAULT_SETTINGS } from "../../src/announce/channels.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import type { SendMessage, SendOptions } from "../../src/announce/sender.ts";
import type { Logger } from "../../src/log.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";

const dir = () => tempDir("channels-test-");
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as Logger;
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });
const [A, B, C] = ["100000000000000001", "100000000000000002", "100000000000000003"];
const ROLE = "200000000000000001";

describe("channel settings", () => {
  it("start from ANNOUNCE_CHANNEL_IDS with the defaults; changes and removals last across restarts", async () => {
    const file = path.join(dir(), "channels.json");
    const first = await ChannelConfig.open(file, [A, B]);
    expect(first.channels()).toEqual([A, B]);
    expect(first.settings(A)).toEqual(DEFAULT_SETTINGS);
    await first.configure(C, { mode: "quotes", thread: true, role: ROLE, people: ["Tomasz Wróbel"] });
    await first.configure(B, { words: ["tram"] });
    expect(await first.remove(A)).toBe(true);
    expect(await first.remove(A)).toBe(false);
    const again = await ChannelConfig.open(file, [A, B]);
    expect(again.channels()).toEqual([B, C]);
    expect(again.settings(C)).toEqual({ ...DEFAULT_SETTINGS, mode: "quotes", thread: true, role: ROLE, people: ["Tomasz Wróbel"] });
    // Changing one setting keeps the others; role null drops the role; a removed channel set again starts afresh.
    expect(await again.configure(C, { role: null, thread: false })).toEqual({ ...DEFAULT_SETTINGS, mode: "quotes", people: ["Tomasz Wróbel"] });
    expect(await again.configure(A, { thread: true })).toEqual({ ...DEFAULT_SETTINGS, thread: true });
    expect(again.channels()).toEqual([A, B, C]);
  });

  it("a file of the wrong shape is moved aside: ANNOUNCE_CHANNEL_IDS only, with the defaults", async () => {
    const file = path.join(dir(), "channels.json");
    writeFileSync(file, JSON.stringify({ version: 1, channels: { [A]: { mode: "sometimes" } } }));
    const config = await ChannelConfig.open(file, [B]);
    expect(config.problem).toMatch(/unexpected shape/);
    expect(config.channels()).toEqual([B]);
  });
});

describe("the announcer with channel settings", () => {
  it("sends each channel the articles its filter and mode let through, with its role and thread", async () => {
    const kb = fixtureKb();
    const config = await ChannelConfig.open(path.join(dir(), "channels.json"), [A]);
    await config.configure(B, { people: ["Wróbel"], thread: true, role: ROLE });
    await config.configure(C, { mode: "quotes", outlets: ["Other Times"] });
    const posted: { channel: string; title: string | undefined; options: SendOptions | undefined }[] = [];
    const send: SendMessage = async (channel, embed, _nonce, options) => {
      posted.push({ channel, title: embed.title, options });
      return { ok: true, id: `m-${posted.length}` };
    };
    const record = await AnnouncementRecord.open(path.join(dir(), "announcements.json"));
    const a = new Announcer(record, send, { channels: config, retryMs: 10, log });
    await a.begin({ ...kb, articles: [] }, false);
    a.resume();
    await a.announceArticles(kb, ["tram", "budget"]);
    await until(() => posted.length === 4);
    await new Promise((r) => setTimeout(r, 30));
    // Channels are sent to side by side; each channel in order.
    expect([...posted].sort((x, y) => x.channel.localeCompare(y.channel)).map((p) => [p.channel, p.title, p.options])).toEqual([
      [A, "Harbour City approves its first tram line", {}],
      [A, "Tram budget doubles", {}],
      [B, "Harbour City approves its first tram line", { role: ROLE, thread: "Harbour City approves its first tram line" }],
      [B, "Tram budget doubles", { role: ROLE, thread: "Tram budget doubles" }],
    ]);
    // The message of each announcement is remembered, for "also reported by".
    const idOf = (channel: string) => `m-${posted.findIndex((p) => p.channel === channel && p.title?.startsWith("Harbour")) + 1}`;
    expect(record.postedFor("tram")).toEqual({ [A]: idOf(A), [B]: idOf(B) });
    await a.stop();
  });
});

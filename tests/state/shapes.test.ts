// Every state file in DATA_DIR is checked for shape, not only syntax. A file of the wrong shape ({}, null, [], a
// queue that is not a list, ...) is treated as a corrupt one: moved aside, one log line, no crash, and no flood (the
// articles present count as announced, even with ANNOUNCE_EXISTING; every feed starts as new).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Announcer } from "../../src/announce/announcer.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import type { SendMessage } from "../../src/announce/sender.ts";
import { DigestRotation } from "../../src/digest/rotation.ts";
import { StateStore } from "../../src/ingest/state.ts";
import type { KbQuote } from "../../src/kb/types.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

/** A fresh DATA_DIR holding `name` with `text`. */
function dataDirWith(name: string, text: string): { dir: string; file: string } {
  const dir = tempDir("state-shape-");
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

const expectMovedAside = (dir: string, name: string, text: string): void => {
  const aside = readdirSync(dir).filter((n) => n.startsWith(`${name}.corrupt-`));
  expect(aside).toHaveLength(1);
  expect(readFileSync(path.join(dir, aside[0] as string), "utf8")).toBe(text);
};

const queued = { id: "abc", channel: "1", label: "article x", embed: { title: "x" }, attempts: 0, nextAt: 0 };

describe("announcements.json of the wrong shape", () => {
  it.each([
    ["an empty object", "{}"],
    ["null", "null"],
    ["a list", "[]"],
    ["a string", '"announced"'],
    ["a queue that is not a list", JSON.stringify({ version: 1, announced: {}, queue: {} })],
    ["announced as a list", JSON.stringify({ version: 1, announced: ["budget"], queue: [] })],
    ["a queued message without an id", JSON.stringify({ version: 1, announced: {}, queue: [{ ...queued, id: undefined }] })],
    ["a queued message whose embed is a list", JSON.stringify({ version: 1, announced: {}, queue: [{ ...queued, embed: [] }] })],
    ["half a file", '{"version":1,"announced":{"bud'],
  ])("%s: moved aside with one log line, and nothing is announced, not even with ANNOUNCE_EXISTING", async (_what, text) => {
    const { dir, file } = dataDirWith("announcements.json", text);
    const kb = fixtureKb();
    const record = await AnnouncementRecord.open(file);
    expect(record.problem).toBeDefined();
    const { messages, log } = recordingLog();
    const sent: string[] = [];
    const send: SendMessage = async (channel) => (sent.push(channel), { ok: true });
    const announcer = new Announcer(record, send, { channels: ["1"], retryMs: 10, log });
    await announcer.begin(kb, true);
    announcer.resume();
    await announcer.stop();

    expect(sent).toEqual([]);
    expect(record.queue()).toEqual([]);
    expect(kb.articles.every((a) => record.isAnnounced(a.id))).toBe(true);
    const errors = messages("error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^announcement record .*announcements\.json (unexpected shape|not valid JSON).*; moved it to .*; started a new one in which the \d+ articles present count as announced$/);
    expectMovedAside(dir, "announcements.json", text);
    // The new record is a good one: the next start is an ordinary start.
    const next = await AnnouncementRecord.open(file);
    expect(next.problem).toBeUndefined();
    expect(next.firstStart).toBe(false);
  });

  it("a folder in its place is moved aside too", async () => {
    const dir = tempDir("state-shape-");
    mkdirSync(path.join(dir, "announcements.json"));
    const record = await AnnouncementRecord.open(path.join(dir, "announcements.json"));
    expect(record.problem).toBe("a folder, not a file");
    expect(readdirSync(dir).some((n) => n.startsWith("announcements.json.corrupt-"))).toBe(true);
  });
});

describe("digest.json of the wrong shape", () => {
  const quotes: KbQuote[] = [{ article: "a", sentence: 1, text: "quote one", speaker: "S" }];
  it.each([
    ["an empty object", "{}"],
    ["null", "null"],
    ["a list", "[]"],
    ["used that is not a list", JSON.stringify({ version: 1, used: "abc" })],
    ["used holding numbers", JSON.stringify({ version: 1, used: [1, 2] })],
  ])("%s: moved aside, a new round starts", async (_what, text) => {
    const { dir, file } = dataDirWith("digest.json", text);
    const rotation = await DigestRotation.open(file);
    expect(rotation.damaged?.problem).toMatch(/^unexpected shape: /);
    expectMovedAside(dir, "digest.json", text);
    expect((await rotation.next(quotes))?.text).toBe("quote one");
    expect((await DigestRotation.open(file)).damaged).toBeUndefined();
  });
});

describe("feeds-state.json of the wrong shape", () => {
  it.each([
    ["an empty object", "{}"],
    ["null", "null"],
    ["a list", "[]"],
    ["feeds as a list", JSON.stringify({ feeds: [], items: {} })],
    ["an item of an unknown status", JSON.stringify({ feeds: {}, items: { "url:a.example/x": { status: "maybe", attempts: 1, lastSeenAt: 0 } } })],
    ["a feed whose failures are text", JSON.stringify({ feeds: { "https://a.example/rss": { failures: "many" } }, items: {} })],
  ])("%s: moved aside with one problem reported, starting afresh", async (_what, text) => {
    const { dir } = dataDirWith("feeds-state.json", text);
    const store = StateStore.inDataDir(dir);
    const problems: string[] = [];
    await store.load((p) => problems.push(p));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^feed state .*feeds-state\.json unexpected shape: .*; moved it to .*; starting afresh/);
    expect(store.state).toEqual({ feeds: {}, items: {} });
    expectMovedAside(dir, "feeds-state.json", text);
    await store.save(Date.now());
    expect(existsSync(path.join(dir, "feeds-state.json"))).toBe(true);
  });
});

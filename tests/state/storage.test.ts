// The state contract, run against both storages: JSON files in DATA_DIR (the embedded default) and PostgreSQL (with
// DATABASE_URL). Each store (announcement record, channel settings, follows, quote-of-the-day round, feed state) keeps
// what it is told across a reopen, reports stored state of the wrong shape without using it, and, in PostgreSQL, two
// processes changing the same state at once lose nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { ChannelConfig } from "../../src/announce/channels.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { DigestRotation } from "../../src/digest/rotation.ts";
import { FollowStore } from "../../src/follow/store.ts";
import { StateStore } from "../../src/ingest/state.ts";
import type { KbQuote } from "../../src/kb/types.ts";
import type { StateStorage } from "../../src/state/document.ts";
import { stateFiles } from "../../src/state/jsonFile.ts";
import { stateInDatabase } from "../../src/state/pgDocument.ts";
import { tempDir } from "../support/files.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
const databases: Database[] = [];
beforeAll(async () => void (server = await sharedPostgres()), SHARED_POSTGRES_START_MS);
afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
});

/** A fresh storage, and a second handle on the same state (another process, for PostgreSQL: its own pool). */
type Fresh = () => Promise<{ storage: StateStorage; other: () => Promise<StateStorage> }>;

const files: Fresh = async () => {
  const dir = tempDir("state-contract-");
  return { storage: stateFiles(dir), other: async () => stateFiles(dir) };
};
const postgres: Fresh = async () => {
  const url = await server.freshDatabase();
  const open = async (): Promise<StateStorage> => {
    const db = await openDatabase(url);
    databases.push(db);
    return stateInDatabase(db.pool);
  };
  return { storage: await open(), other: open };
};

const CHANNEL = "700000000000000001";
const ALICE = "800000000000000001";
const quote = (text: string): KbQuote => ({ article: "a", text, speaker: "Maria Lopez" }) as KbQuote;

describe.each([
  ["JSON files in DATA_DIR", files],
  ["PostgreSQL", postgres],
])("state in %s", (_name, fresh) => {
  it("the announcement record keeps what was announced, queued and sent across a reopen", async () => {
    const { storage, other } = await fresh();
    const record = await AnnouncementRecord.open(storage);
    expect(record.firstStart).toBe(true);
    const [first, second] = await record.announce(["budget", "trams"], [
      { channel: CHANNEL, label: "article budget", embed: { title: "Budget" }, article: "budget" },
      { channel: CHANNEL, label: "article trams", embed: { title: "Trams" }, article: "trams" },
    ]);
    await record.remove(first!.id, "900000000000000001", { title: "Budget" });
    await record.retryLater(second!.id, 12345, "500: Internal Server Error");

    const again = await AnnouncementRecord.open(await other());
    expect(again.firstStart).toBe(false);
    expect(again.isAnnounced("budget") && again.isAnnounced("trams")).toBe(true);
    expect(again.queue().map((m) => [m.label, m.attempts, m.nextAt])).toEqual([["article trams", 1, 12345]]);
    expect(again.postedFor("budget")).toEqual({ [CHANNEL]: "900000000000000001" });
  });

  it("channel settings, follows, the quote round and the feed state survive a reopen", async () => {
    const { storage, other } = await fresh();
    const channels = await ChannelConfig.open(storage, []);
    await channels.configure(CHANNEL, { mode: "quotes", words: ["tram"] });
    const follows = await FollowStore.open(storage);
    await follows.add(ALICE, { kind: "words", label: "tram budget" });
    const rotation = await DigestRotation.open(storage);
    const picked = await rotation.next([quote("one"), quote("two")], () => 0);
    const feeds = new StateStore(storage);
    await feeds.load();
    feeds.feed("https://news.example/rss").etag = '"v1"';
    await feeds.save(Date.now());

    const later = await other();
    expect((await ChannelConfig.open(later, [])).settings(CHANNEL)).toMatchObject({ mode: "quotes", words: ["tram"] });
    expect((await FollowStore.open(later)).follows(ALICE).map((f) => f.label)).toEqual(["tram budget"]);
    // The round goes on: the quote of yesterday is not picked again before the other one.
    const next = await (await DigestRotation.open(later)).next([quote("one"), quote("two")], () => 0);
    expect(next?.text).not.toBe(picked?.text);
    const reread = new StateStore(later);
    await reread.load();
    expect(reread.feed("https://news.example/rss").etag).toBe('"v1"');
  });

  it("state of the wrong shape is reported and not used: the store starts afresh", async () => {
    const { storage, other } = await fresh();
    await storage.document("follows", z.unknown()).write({ version: 1, members: "nobody" });
    const follows = await FollowStore.open(await other());
    expect(follows.problem).toMatch(/unexpected shape: members/);
    expect(follows.movedTo).toBeDefined();
    expect(follows.followers()).toEqual([]);
    expect((await FollowStore.open(await other())).problem).toBeUndefined();
  });
});

describe("state in PostgreSQL shared by two processes", () => {
  it("changes made at once by both land, and each sees the other's", async () => {
    const { storage, other } = await postgres();
    const a = await FollowStore.open(storage);
    const b = await FollowStore.open(await other());
    const users = Array.from({ length: 20 }, (_, i) => `8000000000000001${String(i).padStart(2, "0")}`);
    await Promise.all(users.map((u, i) => (i % 2 === 0 ? a : b).add(u, { kind: "words", label: `words ${i}` })));
    // One of them wrote last: the other's copy is behind, until it takes in the latest.
    expect((await a.refresh()) !== (await b.refresh())).toBe(true);
    for (const store of [a, b]) expect(store.followers().map(([u]) => u).sort()).toEqual(users);
    expect([await a.refresh(), await b.refresh()]).toEqual([false, false]);
  });

  it("a resend one shard queues reaches the record of the shard that sends", async () => {
    const { storage, other } = await postgres();
    const leader = await AnnouncementRecord.open(storage);
    await leader.announce(["budget"], []);
    const shard = await AnnouncementRecord.open(await other());
    await shard.enqueue([{ channel: CHANNEL, label: "resend budget", embed: { title: "Budget" } }]);
    expect(leader.queue()).toEqual([]);
    expect(await leader.refresh()).toBe(true);
    expect(leader.queue().map((m) => m.label)).toEqual(["resend budget"]);
    expect(leader.isAnnounced("budget")).toBe(true);
  });
});

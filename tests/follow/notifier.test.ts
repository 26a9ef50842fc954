// Follows and their DMs, apart from Discord: the store (limits, restarts) and the notifier (one DM per article at
// first, then at most one per interval with the rest folded in; closed DMs never retried; failures retried a few
// times). Intervals are a fraction of a second here; the bot's default is five minutes.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { MAX_FOLLOWS } from "../../commands/services.ts";
import { composeFollowDm } from "../../src/follow/compose.ts";
import { FollowNotifier } from "../../src/follow/notifier.ts";
import type { DmOutcome, SendDm } from "../../src/follow/sender.ts";
import { followsOf } from "../../src/follow/service.ts";
import { FollowStore, type PendingArticle } from "../../src/follow/store.ts";
import type { KbPerson } from "../../src/kb/types.ts";
import type { Logger } from "../../src/log.ts";
import { validateMessage } from "../e2e/fakeDiscord.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";

const ALICE = "555555555555555555";
const BOB = "666666666666666666";
const kb = fixtureKb();
const wrobel = kb.people.find((p) => p.name === "Tomasz Wróbel") as KbPerson;
const file = () => path.join(tempDir("follows-test-"), "follows.json");
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as Logger;
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });

/** Discord as a script of outcomes per member (default: delivered); records what each was sent. */
function fakeDms(script: Record<string, DmOutcome[]> = {}) {
  const sent: { user: string; titles: string[]; content: string; at: number }[] = [];
  const send: SendDm = async (user, message) => {
    const outcome = script[user]?.shift() ?? { ok: true };
    if (outcome.ok) sent.push({ user, titles: message.embeds.map((e) => String(e.title)), content: message.content, at: Date.now() });
    return outcome;
  };
  return { sent, send };
}

async function setup(script?: Record<string, DmOutcome[]>, intervalMs = 300, f = file()) {
  const store = await FollowStore.open(f);
  const dms = fakeDms(script);
  const notifier = new FollowNotifier(store, dms.send, { intervalMs, retryMs: 20, log });
  notifier.resume();
  return { store, follows: followsOf(store), notifier, ...dms, file: f };
}

describe("follows", () => {
  it("are kept per member, once each, at most 25; the 26th is refused; a member with none is forgotten", async () => {
    const { follows, store } = await setup();
    expect((await follows.followPerson(ALICE, wrobel)).kind).toBe("added");
    expect((await follows.followPerson(ALICE, wrobel)).kind).toBe("already");
    for (let i = 1; i < MAX_FOLLOWS; i++) expect((await follows.followWords(ALICE, `words ${i}`)).kind).toBe("added");
    expect(await follows.followWords(ALICE, "one too many")).toEqual({ kind: "limit" });
    expect(follows.list(ALICE)).toHaveLength(MAX_FOLLOWS);
    for (const f of follows.list(ALICE)) await follows.unfollow(ALICE, f.id);
    expect(store.member(ALICE)).toBeUndefined();
  });

  it("survive a restart, as does a DM still waiting; a file of the wrong shape is moved aside", async () => {
    const first = await setup(undefined, 60_000);
    await first.follows.followWords(ALICE, "tram budget");
    await first.store.queue([{ user: ALICE, articles: [pendingOf("tram")], dueAt: Date.now() + 100 }]);
    await first.notifier.stop();
    const again = await setup(undefined, 60_000, first.file);
    expect(again.follows.list(ALICE).map((f) => f.label)).toEqual(["tram budget"]);
    await until(() => again.sent.length === 1);
    await again.notifier.stop();
    writeFileSync(first.file, JSON.stringify({ version: 1, members: { [ALICE]: { follows: "none" } }, outbox: [] }));
    const broken = await FollowStore.open(first.file);
    expect(broken.problem).toMatch(/unexpected shape/);
    expect(broken.follows(ALICE)).toEqual([]);
    expect(readFileSync(`${broken.movedTo}`, "utf8")).toContain("none");
  });
});

const pendingOf = (id: string): PendingArticle => {
  const a = kb.articles.find((x) => x.id === id) as (typeof kb.articles)[number];
  return { id, title: a.title, outlet: a.outlet, published: a.published, items: [{ label: "tram budget", kind: "words", text: "x" }] };
};

describe("follow DMs", () => {
  it("the first new article goes out at once; those within the interval fold into one DM after it", async () => {
    const { follows, notifier, sent } = await setup();
    await follows.followPerson(ALICE, wrobel);
    await follows.followWords(BOB, "chief engineer");
    await notifier.articlesAdded(kb, ["tram"]);
    await until(() => sent.length === 1);
    expect(sent[0]).toMatchObject({ user: ALICE, titles: ["Harbour City approves its first tram line"] });
    await notifier.articlesAdded(kb, ["budget"]);
    // Bob's first DM goes at once; Alice's waits for her interval (300 ms), counted from her first DM: not from when
    // this test saw it (seen late on a loaded machine, the wait left would look short).
    await until(() => sent.length === 3);
    expect(sent.map((s) => s.user)).toEqual([ALICE, BOB, ALICE]);
    expect((sent[2]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
    await notifier.stop();
  });

  it("several articles and matches arriving together make one DM, within Discord's limits", async () => {
    const { follows, notifier, sent } = await setup();
    await follows.followPerson(ALICE, { name: "Ingrid Solberg-Haugen", aliases: ["Solberg-Haugen"] });
    await follows.followWords(ALICE, "tram");
    await notifier.articlesAdded(kb, ["tram", "budget"]);
    await until(() => sent.length === 1);
    expect(sent[0]?.titles).toEqual(["Harbour City approves its first tram line", "Tram budget doubles"]);
    await notifier.stop();
    // However many: ten embeds at most, the rest listed by title; every part within its limit.
    const many = Array.from({ length: 40 }, (_, i) => ({ ...pendingOf("tram"), id: `a${i}`, title: `Story ${i} ${"x".repeat(240)}`, items: Array.from({ length: 6 }, () => ({ label: "tram", kind: "words" as const, text: "y".repeat(900) })) }));
    const dm = composeFollowDm(many);
    expect(dm.embeds).toHaveLength(10);
    expect(dm.embeds.at(-1)?.title).toBe("And 31 more");
    expect(validateMessage({ content: dm.content, embeds: dm.embeds as never })).toBeUndefined();
  });

  it("closed DMs (50007) are not retried; nothing more is queued until the member is told, then DMs resume", async () => {
    const { follows, notifier, sent, store } = await setup({ [ALICE]: [{ ok: false, kind: "closed", reason: "Cannot send messages to this user (50007)" }] }, 50);
    await follows.followWords(ALICE, "tram");
    await notifier.articlesAdded(kb, ["tram"]);
    await until(() => follows.dmsClosed(ALICE));
    expect(store.outbox()).toEqual([]);
    await notifier.articlesAdded(kb, ["budget"]);
    expect(store.outbox()).toEqual([]);
    await follows.toldDmsClosed(ALICE);
    expect(follows.dmsClosed(ALICE)).toBe(false);
    await notifier.articlesAdded(kb, ["budget"]);
    await until(() => sent.length === 1);
    expect(sent[0]?.titles).toEqual(["Tram budget doubles"]);
    await notifier.stop();
  });

  it("a pause (the lead lost) lets the DM being sent finish and sends no other; resume sends the rest", async () => {
    const store = await FollowStore.open(file());
    const follows = followsOf(store);
    await follows.followWords(ALICE, "tram");
    await follows.followWords(BOB, "tram");
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const send: SendDm = async (user) => {
      sent.push(user);
      if (sent.length === 1) await held;
      return { ok: true };
    };
    const notifier = new FollowNotifier(store, send, { intervalMs: 60_000, retryMs: 20, log });
    notifier.resume();
    await notifier.articlesAdded(kb, ["tram"]);
    await until(() => sent.length === 1);
    notifier.pause();
    release();
    await until(() => store.outbox().length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toHaveLength(1);
    notifier.resume();
    await until(() => sent.length === 2);
    expect([...sent].sort()).toEqual([ALICE, BOB]);
    await notifier.stop();
  });

  it("a DM Discord cannot take for now is retried with backoff; one that keeps failing is dropped after five tries", async () => {
    const retry: DmOutcome = { ok: false, kind: "retry", reason: "500: Internal Server Error" };
    const { follows, notifier, sent, store } = await setup({ [ALICE]: [retry, retry], [BOB]: Array.from({ length: 5 }, () => retry) }, 50);
    await follows.followWords(ALICE, "tram");
    await follows.followWords(BOB, "tram");
    await notifier.articlesAdded(kb, ["tram"]);
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ user: BOB }), "Discord would not take a follow DM; dropped it"), { timeout: 15_000 });
    expect(sent.map((s) => s.user)).toEqual([ALICE]);
    expect(store.outbox()).toEqual([]);
    await notifier.stop();
  });
});

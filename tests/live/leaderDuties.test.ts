// A process that comes to lead takes up the leader's duties from the state as stored, before its knowledge base is
// brought up to date with the folder (at 50,000 articles that catch-up took 11-32 s, which the queue waited for).
import type { APIEmbed } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { Announcer } from "../../src/announce/announcer.ts";
import { openChannelConfig } from "../../src/announce/channels.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import type { SendMessage } from "../../src/announce/sender.ts";
import type { Leadership } from "../../src/db/leader.ts";
import { startFollows } from "../../src/follow/start.ts";
import type { KbArticle, KnowledgeBase } from "../../src/kb/types.ts";
import { followLeadership } from "../../src/live/leaderDuties.ts";
import { stateFiles } from "../../src/state/jsonFile.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

const { log } = recordingLog("warn");
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });

/** An election this test decides. */
function election() {
  const listeners: ((leading: boolean) => void | Promise<void>)[] = [];
  const state = { leading: false };
  const leadership: Leadership = { get leading() { return state.leading; }, onChange: (l) => void listeners.push(l), stop: async () => undefined };
  const decide = (leading: boolean) => {
    state.leading = leading;
    for (const l of listeners) void l(leading);
  };
  return { leadership, win: () => decide(true), lose: () => decide(false) };
}

/** A process of the bot over the state in `dir`, its knowledge base `kb` until its catch-up (held back) makes it `after`. */
async function follower(dir: string, kb: KnowledgeBase, after: KnowledgeBase) {
  const posted: string[] = [];
  const send: SendMessage = async (_channel, embed: APIEmbed) => {
    posted.push(embed.title ?? "");
    return { ok: true };
  };
  const storage = stateFiles(dir);
  const record = await AnnouncementRecord.open(storage);
  const channels = await openChannelConfig(storage, ["1"], {}, log);
  const announcer = new Announcer(record, send, { channels, retryMs: 10, log });
  const follows = await startFollows(storage, { intervalMs: 1000, retryMs: 10, log, rest: () => ({ post: async () => ({}) }) });
  let current = kb;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const caughtUp = { done: false, calls: 0, running: 0, mostAtOnce: 0 };
  const { leadership, win, lose } = election();
  const duties = followLeadership(
    {
      leadership, announcer, record, channels, follows, log, announceExisting: false,
      startDigest: () => undefined,
      knowledge: () => current,
      prepareToLead: async () => {
        caughtUp.calls++;
        caughtUp.mostAtOnce = Math.max(caughtUp.mostAtOnce, ++caughtUp.running);
        await held;
        current = after; // what the catch-up wrote
        caughtUp.done = true;
        caughtUp.running--;
      },
    },
    { begun: false, syncMs: 0 },
  );
  const stop = async () => {
    await duties.stop();
    await announcer.stop();
    await follows.notifier.stop();
  };
  return { posted, win, lose, release, caughtUp, duties, stop };
}

/** A state folder whose record holds a message the last leader queued and never sent. */
async function queuedByLastLeader(): Promise<string> {
  const dir = tempDir("leader-duties-");
  const before = await AnnouncementRecord.open(stateFiles(dir));
  await before.enqueue([{ channel: "1", label: "quote of the day", embed: { title: "Quote of the day" } }]);
  await before.flush();
  return dir;
}

/**
 * The process that leads after a last leader which queued a message (a resend, a quote of the day) and died before it
 * was sent, the tram article stored and not announced yet; its catch-up writes the budget article.
 */
async function winsAfterLastLeader() {
  const full = fixtureKb();
  const [tram, budget] = full.articles as [KbArticle, KbArticle];
  const next = await follower(await queuedByLastLeader(), { ...full, articles: [tram] }, full);
  next.win();
  return { next, tram, budget };
}

describe("a new leader's duties", () => {
  it("sends the queued message and announces a stored article before its catch-up ends, then announces what the catch-up wrote", async () => {
    const { next, tram, budget } = await winsAfterLastLeader();
    // The catch-up is held back: the queue is sent and the stored article announced meanwhile.
    await until(() => next.posted.length === 2);
    expect(next.caughtUp.done).toBe(false);
    expect(next.duties.acting).toBe(true);
    expect(next.posted.sort()).toEqual(["Quote of the day", tram.title].sort());
    // What the catch-up writes is announced once it ends, once.
    next.release();
    await until(() => next.posted.length === 3);
    expect(next.posted[2]).toBe(budget.title);
    await new Promise((r) => setTimeout(r, 100));
    expect(next.posted).toHaveLength(3);
    await next.stop();
  });

  it("at a first start (no record yet) writes the folder first: what it holds counts as announced", async () => {
    const full = fixtureKb();
    const next = await follower(tempDir("leader-duties-"), { ...full, articles: [] }, full);
    next.win();
    next.release();
    await until(() => next.duties.acting);
    expect(next.caughtUp.done).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(next.posted).toEqual([]);
    await next.stop();
  });

  it("lost and won again while its catch-up runs, writes the folder once at a time and announces each article once", async () => {
    // Not a first start: another process led before and queued a message.
    const { next, tram, budget } = await winsAfterLastLeader();
    await until(() => next.duties.acting && next.caughtUp.running === 1);
    // The catch-up is held back while the process loses the lead and wins it again.
    next.lose();
    await until(() => !next.duties.acting);
    next.win();
    await until(() => next.duties.acting);
    await new Promise((r) => setTimeout(r, 50));
    expect(next.caughtUp.mostAtOnce).toBe(1);
    next.release();
    await until(() => next.posted.includes(budget.title));
    await new Promise((r) => setTimeout(r, 100));
    expect(next.caughtUp.mostAtOnce).toBe(1);
    expect(next.posted.sort()).toEqual(["Quote of the day", tram.title, budget.title].sort());
    await next.stop();
  });
});

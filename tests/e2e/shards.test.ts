// SHARDS end to end: discord.js's ShardingManager starts one bot process per shard against the fake Discord, each
// identifies as its shard and answers its own server; the shards share a throwaway PostgreSQL, elect one leader, and
// when the leader is killed mid-announcement another takes over: nothing lost, nothing sent twice.
// (One kill here; twenty in a row, each after the killed shard is back: tests/stress/leaderFailover.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import type { TestPostgres } from "../support/postgres.ts";
import { channelOf, user, type FakeInteraction } from "./fakeDiscord.ts";
import { answered } from "./harness.ts";
import { CHANNELS, GUILDS, killLeaders, SHARDS_START_MS, ShardedFixture, type ShardedBot } from "./shardRun.ts";

const fixture = new ShardedFixture();
let server: TestPostgres;
let s: ShardedBot;
beforeAll(() => void ({ server, bot: s } = fixture));

const member = user("500000000000000001", "reader");

describe("two shards sharing PostgreSQL", () => {
  it("each shard identifies as [id, 2], within Discord's identify limit, answers the commands of its own server; one leads", async () => {
    const shards = s.fake.gateway.identifiedShards.map((p) => p.join("/")).sort();
    expect(shards).toEqual(["0/2", "1/2"]);
    expect(s.fake.identifyLimit.refused).toEqual([]);
    expect(s.lines().filter((l) => l.msg?.startsWith("leading:")).length).toBe(1);
    for (const guild of GUILDS) {
      const i = s.fake.command("who", [{ name: "name", type: 3, value: "Linus Torvalds" }], member, undefined, "guild", undefined, guild);
      const reply = await answered(s.fake, i);
      expect(JSON.stringify(reply.embeds)).toMatch(/Torvalds/);
    }
    // One reply per command: the other shard never saw it.
    const callbacks = [...s.fake.interactions.values()].map((i) => i.responses.filter((r) => r.kind === "callback").length);
    expect(callbacks).toEqual([1, 1]);
    expect(channelOf(GUILDS[0] as string)).not.toBe(channelOf(GUILDS[1] as string));
  });

  it("the database restarted while answering: answers go on, /follow gets a short error meanwhile, and all works again without a restart", async () => {
    const follow = (words: string, guild: string) => s.fake.command("follow", [{ name: "words", type: 1, options: [{ name: "words", type: 3, value: words }] }], member, undefined, "guild", undefined, guild);
    const who = (guild: string) => s.fake.command("who", [{ name: "name", type: 3, value: "Linus Torvalds" }], member, undefined, "guild", undefined, guild);
    // Both shards up: an interaction for a shard that is down is lost, on Discord too.
    await s.fake.waitFor(() => s.fake.gateway.connectedShards().length === 2, SHARDS_START_MS, "both shards");
    const during: ReturnType<typeof follow>[] = [];
    const whos: ReturnType<typeof who>[] = [];
    let restarting = true;
    const restart = server.restart().finally(() => (restarting = false));
    for (let n = 0; restarting; n++) {
      during.push(follow(`topic${n}`, GUILDS[n % 2] as string));
      whos.push(who(GUILDS[n % 2] as string));
      await new Promise((r) => setTimeout(r, 250));
    }
    await restart;
    // Generous: a burst of commands on a loaded machine, each /follow waiting for the database to refuse it.
    const wait = 30_000;
    const reply = (i: FakeInteraction) =>
      answered(s.fake, i, wait).catch((err: Error) => {
        const errors = s.fake.errors.filter((e) => e.path.includes(i.id) || e.path.includes(i.token));
        const problems = s.lines().filter((l) => ((l as { level?: number }).level ?? 0) >= 40).slice(-10);
        throw new Error(`${err.message}: ack ${JSON.stringify(i.ack)}, responses ${JSON.stringify(i.responses)}, errors ${JSON.stringify(errors)}, log ${JSON.stringify(problems)}`, { cause: err });
      });
    for (const i of whos) expect(JSON.stringify((await reply(i)).embeds)).toMatch(/Torvalds/);
    for (const i of during) {
      const content = (await reply(i)).content;
      // Either it went through, or a short private error that says nothing of the database's address.
      if (!content.startsWith("Following")) expect(content.length).toBeLessThan(200);
      expect(content).not.toMatch(/postgres|127\.0\.0\.1/);
    }
    // Afterwards, without a restart of the bot: follows are stored again, and a leader announces again.
    const after = await s.fake.waitFor(() => s.leader(), 30_000, "a leader after the database restart");
    expect(after).toBeDefined();
    const i = follow("after the restart", GUILDS[0] as string);
    expect((await answered(s.fake, i, wait)).content).toMatch(/^Following/);
    const title = s.addArticle();
    await s.fake.waitFor(() => CHANNELS.every((c) => s.fake.postedIn(c).some((m) => (m.embeds[0] as { title?: string } | undefined)?.title === title)), 30_000, "the next article announced");
  });

  // Last, so that no test waits for the killed shard to be started again.
  it("one leads; killed with SIGKILL mid-announcement, another takes over and every article is announced once in every channel", async () => {
    // What the tests before posted (all of it out by now): anything past it, a copy included, is this test's.
    const earlier = new Map(CHANNELS.map((c) => [c, s.fake.postedIn(c).length]));
    const report = await killLeaders(s, 1);
    for (const channel of CHANNELS) {
      const titles = (report.posted.get(channel) ?? []).slice(earlier.get(channel));
      expect(titles.slice().sort(), `${channel}: ${report.kills.join("; ")}`).toEqual(report.titles.slice().sort());
    }
    expect(report.takeoverSeconds).toHaveLength(1);
    for (const t of report.takeoverSeconds) expect(t).toBeLessThan(20);
  }, 120_000);
});

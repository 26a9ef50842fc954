// Slow variant of tests/e2e/shards.test.ts's failover: two shard processes sharing PostgreSQL, the leader killed with
// SIGKILL twenty times while its announcements go out; each time the other shard takes over (and the killed one is
// started again by the ShardingManager). Every article is announced exactly once in every channel.
import { expect, it } from "vitest";
import { CHANNELS, killLeaders, ShardedFixture } from "../e2e/shardRun.ts";

const fixture = new ShardedFixture();

it("twenty leaders killed mid-announcement: a follower takes over each time, nothing lost, nothing sent twice", async () => {
  const report = await killLeaders(fixture.bot, 20);
  const context = report.kills.join("\n");
  for (const channel of CHANNELS) {
    const titles = report.posted.get(channel) ?? [];
    expect(new Set(titles).size, `${channel}: a duplicate\n${context}`).toBe(titles.length);
    expect([...titles].sort(), context).toEqual([...report.titles].sort());
  }
  // Some kills came between Discord taking a message and the record noting it: sent again, deduplicated by nonce.
  expect(report.resent).toBeGreaterThan(0);
  const slowest = Math.max(...report.takeoverSeconds);
  process.stderr.write(`leader failover: ${report.takeoverSeconds.length} takeovers, median ${median(report.takeoverSeconds)} s, slowest ${slowest} s\n`);
  expect(slowest).toBeLessThan(20);
}, 900_000);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

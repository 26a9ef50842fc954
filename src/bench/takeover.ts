// `npm run bench:takeover -- --database URL --corpus DIR`: a shard process that comes to lead, as the bot's does
// (src/live/botKnowledge.ts sharedKnowledge, src/live/leaderDuties.ts followLeadership, the real announcer on the
// stored record, a sender that posts nothing). It opens the stored knowledge base as a follower, a message is queued
// in the record (as a dead leader leaves one), then it wins the election: prints as JSON the time and the process's
// CPU from the win to the queued message sent (the duties taken up) and to the catch-up with the folder done (the
// files it read are in the log: "corpus folder compared with the knowledge base"), the leader's RSS after, and the load average. A record with nothing in it is first filled
// with the stored articles as announced (as a leader before would have left it). The database is written to (the
// record, the files' signatures): use a copy. It runs as the supervisor runs a shard on PostgreSQL (src/bench/shardProcess.ts:
// the Node options and glibc setting of src/discord/shards.ts, printed as `node`; `--no-shard-options`: as started).
import os from "node:os";
import { Announcer } from "../announce/announcer.ts";
import { openChannelConfig } from "../announce/channels.ts";
import { AnnouncementRecord } from "../announce/record.ts";
import { openDatabase } from "../db/database.ts";
import type { Leadership } from "../db/leader.ts";
import { startFollows } from "../follow/start.ts";
import { sharedKnowledge } from "../live/botKnowledge.ts";
import { followLeadership } from "../live/leaderDuties.ts";
import { log } from "../log.ts";
import { factsStoreFor } from "../pipeline/caches.ts";
import { stateInDatabase } from "../state/pgDocument.ts";
import { runAsShardProcess, shardOptionsInUse } from "./shardProcess.ts";
import { runCli } from "../cli/run.ts";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CHANNEL = "100000000000000001";
const cpu = (): number => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

async function main(): Promise<void> {
  const url = arg("--database") ?? process.env.DATABASE_URL;
  const dir = arg("--corpus");
  if (!url || !dir) throw new Error("bench takeover: give --database URL and --corpus DIR (the database is written to: a copy)");
  const db = await openDatabase(url);
  const listeners: ((leading: boolean) => void | Promise<void>)[] = [];
  let leading = false;
  const leadership: Leadership = { get leading() { return leading; }, onChange: (l) => void listeners.push(l), stop: async () => undefined };
  const knowledge = await sharedKnowledge(db.pool, leadership, { dir, store: factsStoreFor(arg("--data"), log), debounceMs: 1000, log, url });
  knowledge.begin();
  const storage = stateInDatabase(db.pool);
  const record = await AnnouncementRecord.open(storage);
  const ids = knowledge.kb().articles.map((a) => a.id);
  if (record.firstStart) await record.announce(ids, []);
  await record.enqueue([{ channel: CHANNEL, label: "bench takeover", embed: { title: "Queued by the last leader" } }]);
  const channels = await openChannelConfig(storage, [CHANNEL], {}, log);
  const times: { sent?: number; sentCpu?: number; caughtUp?: number; caughtUpCpu?: number } = {};
  const announcer = new Announcer(record, async () => ((times.sent ??= Date.now()), (times.sentCpu ??= cpu()), { ok: true }), { channels, retryMs: 1000, log });
  const follows = await startFollows(storage, { intervalMs: 300_000, retryMs: 1000, log, rest: () => ({ post: async () => ({}) }) });
  const duties = followLeadership(
    {
      leadership, announcer, record, channels, follows, log, announceExisting: false,
      startDigest: () => undefined,
      knowledge: () => knowledge.kb(),
      prepareToLead: async () => {
        await knowledge.prepareToLead();
        [times.caughtUp, times.caughtUpCpu] = [Date.now(), cpu()];
      },
    },
    { begun: false, syncMs: 1000 },
  );
  const load = os.loadavg()[0] ?? 0;
  const [won, wonCpu] = [Date.now(), cpu()];
  leading = true;
  for (const l of listeners) void l(true);
  while (times.sent === undefined || times.caughtUp === undefined) await new Promise((r) => setTimeout(r, 5));
  const rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  await duties.stop();
  await announcer.stop(1000);
  await follows.notifier.stop();
  await knowledge.stop((_name, work) => work);
  await db.close();
  const round = (n: number) => Math.round(n * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({
      articles: ids.length,
      dutiesMs: times.sent - won,
      dutiesCpuMs: (times.sentCpu ?? 0) - wonCpu,
      catchUpMs: times.caughtUp - won,
      catchUpCpuMs: (times.caughtUpCpu ?? 0) - wonCpu,
      rssMB,
      load: [round(load), round(os.loadavg()[0] ?? 0)],
      node: shardOptionsInUse(),
    })}\n`,
  );
}

// No top-level await: the launcher runs this entry point from its bundle (src/launchBundle.mjs: CommonJS has none).
runCli("bench:takeover", async () => {
  await runAsShardProcess();
  await main();
  process.exit(0);
});

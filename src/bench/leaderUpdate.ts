// `npm run bench:leader-update -- --database URL --corpus DIR`: one article added to a sharded bot's corpus, as its
// leader writes it (src/live/corpusWriter.ts) and its shards take it in (src/live/sharedKnowledge.ts). The leader's
// process answers too (it is a shard), so the longest stretch its event loop was held up while it wrote is how long a
// member's answer waited (issue 20: at most 50 ms). Prints as JSON: the leader's catch-up with the folder when it
// starts to lead (its time, CPU and longest pause), then for the article added and for it removed again (the database is left
// as it was found): when the leader had written it, when the leader's shard and another shard process answered from
// it (ms from the file's rename into place), the leader's longest pause (wall, and its main thread's own CPU: a busy
// machine stretches the first, not the second), its CPU meanwhile, and the load average; then the leader's RSS. The database and the folder
// are written to: use copies. `--texts memory` holds the sentence texts in memory, the leader's and the other shard's (as
// they did before they read them from the database: default `database`, as the bot's shards open; the other shard held
// them in memory until the leader's memory was broken down, 2026-12-07).
// `--worker-idle-seconds N`: the leader lets its worker thread go after N s without a write (LEADER_WORKER_IDLE_SECONDS):
// after the article is added, the bench waits for that and prints the RSS before and after ("idle"), so the removal
// is then written by a leader that teaches a new thread first. The leader and the other shard run as the supervisor runs
// a shard on PostgreSQL (src/bench/shardProcess.ts: the Node options and glibc setting of src/discord/shards.ts,
// printed as `node`; `--no-shard-options`: as started). `--memory`: where the leader's RSS is (src/bench/memoryBreakdown.ts:
// each thread's V8 heap, code, native memory), as it is and collected, --settle-seconds N (default 5) after the added
// article's write, once its worker is let go (with --worker-idle-seconds longer than the write and the settle), and
// after the removal.
import { spawn } from "node:child_process";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { openDatabase } from "../db/database.ts";
import { shardEntry } from "../discord/shardOptions.ts";
import { writeCorpus, type CorpusWriterOptions } from "../live/corpusWriter.ts";
import { FilesSeen } from "../live/filesSeen.ts";
import { listenForNotices } from "../live/kbNotices.ts";
import { LeaderKnowledge } from "../live/leaderKnowledge.ts";
import { SharedKnowledge } from "../live/sharedKnowledge.ts";
import { log } from "../log.ts";
import { factsStoreFor } from "../pipeline/caches.ts";
import { AS_STARTED, runAsShardProcess, shardOptionsInUse } from "./shardProcess.ts";
import { runCli } from "../cli/run.ts";
import { heldMemory } from "./memoryBreakdown.ts";
import { threadCpuMs } from "../util/threadCpu.ts";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ID = "bench-leader-update";
const WORDS = "Okonkwo ferry tariff Lagoon";
const ARTICLE = `---
title: "Lagoon Ferry Tariff Set by the Harbour Board"
outlet: "Bench Wire"
published: 2026-03-02
url: "https://example.org/bench/leader-update"
---
Adaeze Okonkwo, the chair of the harbour board, set the new ferry tariff for the Lagoon crossing on March 1, 2026.

"The Lagoon ferry tariff will not rise again this year," Okonkwo said.
`;

/** Whether `shard` answers from the bench article (present) or no longer does (gone). */
async function answers(shard: SharedKnowledge, present: boolean): Promise<boolean> {
  const hits = (await shard.answers().search(WORDS)).hits;
  return hits.some((h) => h.source.article === ID) === present;
}

/** The wait before a memory breakdown (--settle-seconds, default 5): the shard's read after a write collected. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, Number(arg("--settle-seconds") ?? 5) * 1000));

/** Resolves once `check` holds, looking every 5 ms; the time it first held (Date.now()). */
async function until(check: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await check()) return Date.now();
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The longest stretch between two turns of a 1 ms timer: wall, and this thread's own CPU. */
function watchPauses(): () => { wallMs: number; cpuMs: number; cpuEndedMs: number } {
  const started = Date.now();
  let wall = performance.now();
  let cpu = threadCpuMs() ?? 0;
  // When the longest CPU stretch ended (ms from the start): before or after the write says which side held it.
  const longest = { wallMs: 0, cpuMs: 0, cpuEndedMs: 0 };
  const turn = (): void => {
    const [w, c] = [performance.now(), threadCpuMs() ?? 0];
    longest.wallMs = Math.max(longest.wallMs, w - wall);
    if (c - cpu > longest.cpuMs) [longest.cpuMs, longest.cpuEndedMs] = [c - cpu, Date.now() - started];
    [wall, cpu] = [w, c];
  };
  const timer = setInterval(turn, 1);
  return () => {
    turn();
    clearInterval(timer);
    return { wallMs: Math.round(longest.wallMs), cpuMs: Math.round(longest.cpuMs), cpuEndedMs: longest.cpuEndedMs };
  };
}

/** The other shard: reads the knowledge base, says "ready", then the time it answers from the article, then gone. */
async function otherShard(url: string): Promise<void> {
  const db = await openDatabase(url);
  const shard = await SharedKnowledge.open(db.pool, log, { texts: arg("--texts") === "memory" ? "memory" : "database" });
  const notices = listenForNotices(url, log);
  shard.listen(notices);
  // Read whole first: its start's second stage would otherwise overlap the first change it is timed on.
  await shard.wholeKb();
  process.stdout.write("ready\n");
  process.stdout.write(`${JSON.stringify({ answered: await until(() => answers(shard, true)) })}\n`);
  process.stdout.write(`${JSON.stringify({ answered: await until(() => answers(shard, false)) })}\n`);
  // With --memory: what a shard that does not lead holds once the removal is taken in (and collected, as it does).
  if (process.argv.includes("--memory")) process.stdout.write(`${JSON.stringify((await settle(), await heldMemory(() => Promise.resolve(undefined))))}\n`);
  await notices.close();
  await shard.close();
  await db.close();
}

async function main(): Promise<void> {
  const url = arg("--database") ?? process.env.DATABASE_URL;
  if (!url) throw new Error("bench leaderUpdate: give --database URL (a copy: it is written to)");
  if (process.argv.includes("--other-shard")) return otherShard(url);
  const dir = arg("--corpus");
  if (!dir) throw new Error("bench leaderUpdate: give --corpus DIR (the folder of the stored knowledge base; a copy: it is written to)");
  const texts = arg("--texts") ?? "database";
  if (texts !== "memory" && texts !== "database") throw new Error(`bench leaderUpdate: --texts is "memory" or "database", not "${texts}"`);
  const db = await openDatabase(url);
  const shard = await SharedKnowledge.open(db.pool, log, { texts });
  const notices = listenForNotices(url, log);
  shard.listen(notices);
  let committed = 0;
  const leader = new LeaderKnowledge(db.pool);
  leader.idleMs = Number(arg("--worker-idle-seconds") ?? 0) * 1000;
  const o: CorpusWriterOptions = {
    dir,
    seen: new FilesSeen(),
    leader,
    pool: db.pool,
    store: factsStoreFor(arg("--data"), log),
    debounceMs: 0,
    log,
    before: () => shard.wholeKb(), // what the bot's writer is given: a write needs the events, read in the second stage
    after: () => ((committed ||= Date.now()), shard.refresh()),
  };
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let started = Date.now();
  let cpuBefore = cpu();
  const leadPauses = watchPauses();
  const catchUp = await writeCorpus(o);
  const lead = { ms: Date.now() - started, cpuMs: Math.round(cpu() - cpuBefore), longestPause: leadPauses(), written: catchUp.added.length + catchUp.changed.length + catchUp.removed.length };

  // Run as this process is (through src/launch.mjs under npm), as the shard manager starts its shards.
  // With this process's options and environment (a shard's, src/bench/shardProcess.ts, unless told otherwise).
  const entry = shardEntry([process.argv[0] as string, process.argv[1] as string, "--other-shard", "--database", url, AS_STARTED, "--texts", texts, ...["--memory", "--settle-seconds"].flatMap((o) => (process.argv.includes(o) ? [o, ...(o === "--memory" ? [] : [arg(o) as string])] : []))]);
  const other = spawn(process.execPath, [...process.execArgv, entry.file, ...entry.args], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: other.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => String((await lines.next()).value);
  if ((await next()) !== "ready") throw new Error("bench leaderUpdate: the other shard did not start");

  const file = path.join(dir, `${ID}.md`);
  const step = async (change: () => void, present: boolean) => {
    const load = os.loadavg()[0] ?? 0;
    const pauses = watchPauses();
    committed = 0;
    cpuBefore = cpu();
    started = Date.now();
    change();
    // As the watcher (or the feed ingester) names the file.
    await writeCorpus(o, [file]);
    const leaderAnswered = await until(() => answers(shard, present));
    const otherAnswered = (JSON.parse(await next()) as { answered: number }).answered;
    return {
      writtenMs: committed - started,
      leaderAnswersMs: leaderAnswered - started,
      otherShardAnswersMs: otherAnswered - started,
      longestPause: pauses(),
      cpuMs: Math.round(cpu() - cpuBefore),
      load: [Math.round(load * 10) / 10, Math.round((os.loadavg()[0] ?? 0) * 10) / 10],
    };
  };
  const added = await step(() => {
    writeFileSync(`${file}.tmp`, ARTICLE);
    renameSync(`${file}.tmp`, file);
  }, true);
  // With --memory: where the leader's RSS is, once the write's read is taken in and collected (the settle).
  const memory = process.argv.includes("--memory") && o.leader ? (await settle(), { afterWrite: await heldMemory((c) => leader.workerHeap(c)) }) : undefined;
  const idleSeconds = arg("--worker-idle-seconds");
  let idle: { rssAfterWriteMB: number; rssIdleMB: number; idleAfterMs: number } | undefined;
  if (idleSeconds !== undefined && o.leader) {
    const rssAfterWriteMB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const waiting = Date.now();
    while (o.leader.holdsWorker) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000)); // the thread's memory returned
    idle = { rssAfterWriteMB, rssIdleMB: Math.round(process.memoryUsage().rss / 2 ** 20), idleAfterMs: Date.now() - waiting };
    if (memory) Object.assign(memory, { idle: await heldMemory((c) => leader.workerHeap(c)) });
  }
  const removed = await step(() => rmSync(file), false);
  // The leader process's memory after its writes (its worker thread's included).
  const rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  if (memory) Object.assign(memory, { afterRemoval: (await settle(), await heldMemory((c) => leader.workerHeap(c))), otherShard: JSON.parse(await next()) as unknown });
  other.kill();
  await notices.close();
  await shard.close();
  await db.close();
  process.stdout.write(`${JSON.stringify({ articles: shard.kb().articles.length, lead, added, ...(idle && { idle }), removed, rssMB, ...(memory && { memory }), node: shardOptionsInUse() })}\n`);
}

// No top-level await: the launcher runs this entry point from its bundle (src/launchBundle.mjs: CommonJS has none).
runCli("bench:leader-update", async () => {
  await runAsShardProcess();
  await main();
  process.exit(0);
});

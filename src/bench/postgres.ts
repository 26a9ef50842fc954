// `npm run bench:postgres -- --database URL [--articles N] [--corpus DIR] [--queries N] [--texts database]`: the bot's knowledge base
// and search in PostgreSQL (issue 19). A first process builds the knowledge base and writes it to the database (a
// cold start: extraction, merge, one write); then a second process starts warm (the corpus's hashes match the
// stored ones: it reads the knowledge base, extracts and indexes nothing) and answers the bench questions through
// the PostgreSQL engine. Prints the timings, the warm process's memory and the answer latencies as JSON, with the
// machine's load average (other work on the machine stretches every figure). With --compare, the warm process then
// builds the embedded engine over the same knowledge base and counts the bench questions answered differently.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import type { SuggestKind } from "../answer/types.ts";
import { openDatabase } from "../db/database.ts";
import type { Logger } from "../log.ts";
import { openStoredKnowledge } from "../pipeline/openStored.ts";
import { answersThrough, type AsyncAnswers } from "../search/engine.ts";
import { miniSearchEngine } from "../search/minisearch.ts";
import { PostgresEngine, type EngineOptions } from "../search/postgres/engine.ts";
import { DEFAULT_BENCH_SOURCE, writeBenchCorpus } from "./corpus.ts";
import { benchQueries } from "./queries.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
const SUGGEST_KINDS: SuggestKind[] = ["person", "event", "article"];

/** Queries sent to the database so far (the warm process counts them: each is a round trip). */
let roundTrips = 0;

interface Latency {
  p50: number;
  p99: number;
  max: number;
  /** The process's CPU time (user + system) per question, ms: what load does not stretch as it does wall time. */
  cpuMs: number;
  /** Round trips to the database per question: mean, and the most one question made. */
  queries: { mean: number; max: number };
  /** The slowest questions, ms. */
  slowest: [string, number][];
}

async function latency(queries: string[], ask: (q: string, i: number) => Promise<unknown>): Promise<Latency> {
  const ms: number[] = [];
  const timed: [string, number][] = [];
  let most = 0;
  const trips = roundTrips;
  const cpu = process.cpuUsage();
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    const before = roundTrips;
    await ask(q, i);
    const took = performance.now() - t;
    ms.push(took);
    timed.push([q, +took.toFixed(1)]);
    most = Math.max(most, roundTrips - before);
  }
  const used = process.cpuUsage(cpu);
  ms.sort((a, b) => a - b);
  const at = (p: number) => +(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0).toFixed(2);
  const n = Math.max(1, queries.length);
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    cpuMs: +((used.user + used.system) / 1000 / n).toFixed(2),
    queries: { mean: +((roundTrips - trips) / n).toFixed(2), max: most },
    slowest: timed.sort((a, b) => b[1] - a[1]).slice(0, 5),
  };
}

/** The warm process: time to answers, memory, latencies. */
async function warm(dir: string, url: string, queryCount: number, compare: boolean, texts: EngineOptions["texts"]): Promise<object> {
  const started = performance.now();
  const db = await openDatabase(url);
  const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
  (db.pool as { query: unknown }).query = (...args: unknown[]) => {
    roundTrips++;
    return query(...args);
  };
  const { engine, extracted } = await openStoredKnowledge(dir, db, { log: quiet }, { texts });
  const readyMs = performance.now() - started;
  const answers: AsyncAnswers = answersThrough(engine);
  await answers.who(engine.view.kb.people[0]?.name ?? "nobody");
  const firstAnswerMs = performance.now() - started;
  // What the engine makes after its start while it answers (src/search/postgres/engine.ts): timed, not in the latencies.
  await engine.warmed;
  const warmedMs = performance.now() - started;
  global.gc?.();
  const memory = { heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), rssMB: Math.round(process.memoryUsage().rss / 2 ** 20) };
  // The questions (and the embedded engine compared) are made from the sentences' texts: read for them, after the
  // memory above, when the engine holds none.
  const kb = texts === "database" ? (await PostgresEngine.open(db.pool)).view.kb : engine.view.kb;
  const q = benchQueries(kb, queryCount);
  for (const s of q.who.slice(0, 50)) await answers.who(s);
  const latencyMs = {
    who: await latency(q.who, (s) => answers.who(s)),
    when: await latency(q.when, (s) => answers.when(s)),
    quote: await latency(q.quote, (s) => answers.quote(s)),
    search: await latency(q.search, (s) => answers.search(s)),
    suggest: await latency(q.suggest, (s, i) => answers.suggest(SUGGEST_KINDS[i % 3] as SuggestKind, s)),
  };
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const differences = compare ? await differencesFrom(answersThrough(miniSearchEngine(kb)), answers, q) : undefined;
  await db.close();
  return { extracted, readyMs: Math.round(readyMs), firstAnswerMs: Math.round(firstAnswerMs), warmedMs: Math.round(warmedMs), ...memory, peakRssMB, latencyMs, ...(differences && { differences }) };
}

/** How many bench questions of each kind `b` answers otherwise than `a`. */
async function differencesFrom(a: AsyncAnswers, b: AsyncAnswers, q: ReturnType<typeof benchQueries>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const kind of ["who", "when", "quote", "search", "suggest"] as const) {
    out[kind] = 0;
    for (const [i, s] of q[kind].entries()) {
      const ask = (x: AsyncAnswers) => (kind === "suggest" ? x.suggest(SUGGEST_KINDS[i % 3] as SuggestKind, s) : x[kind](s));
      if (JSON.stringify(await ask(a)) !== JSON.stringify(await ask(b))) out[kind]++;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const url = arg("--database") ?? process.env.DATABASE_URL;
  if (!url) throw new Error("bench:postgres: give --database URL (or DATABASE_URL): an empty database it may fill");
  const queryCount = Number(arg("--queries") ?? 1000);
  if (process.argv.includes("--warm")) {
    const texts = arg("--texts") === "database" ? "database" : "memory";
    process.stdout.write(JSON.stringify(await warm(arg("--corpus") as string, url, queryCount, process.argv.includes("--compare"), texts)));
    return;
  }
  const count = Number(arg("--articles") ?? 10_000);
  const root = mkdtempSync(path.join(tmpdir(), "bench-pg-"));
  const dir = arg("--corpus") ?? path.join(root, "corpus");
  try {
    if (!arg("--corpus")) writeBenchCorpus(dir, count, arg("--source") ?? DEFAULT_BENCH_SOURCE);
    const loadBefore = os.loadavg()[0] ?? 0;
    const started = performance.now();
    const db = await openDatabase(url);
    const cold = await openStoredKnowledge(dir, db, { log: quiet });
    const coldMs = performance.now() - started;
    await db.close();
    const warmRun = JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", import.meta.filename, "--warm", "--corpus", dir, "--database", url, "--queries", String(queryCount), ...(process.argv.includes("--compare") ? ["--compare"] : []), ...(arg("--texts") ? ["--texts", arg("--texts") as string] : [])], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      }),
    ) as object;
    const result = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.versions.node}`,
      loadAverage: { before: +loadBefore.toFixed(1), after: +(os.loadavg()[0] ?? 0).toFixed(1) },
      articles: cold.corpus.articles.length,
      cold: { ms: Math.round(coldMs), extracted: cold.extracted, written: cold.written.written.length },
      warm: warmRun,
    };
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

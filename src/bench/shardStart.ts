// `npm run bench:shard-start -- --database URL [--answers N] [--slowest N] [--texts database]`: a shard's start over a stored
// knowledge base (issue 19: "a shard process starts warm in <= 1 s"), as a shard makes it (src/live/sharedKnowledge.ts):
// no corpus folder read. It starts in a shard's order (src/main.ts): the configuration read, the database opened, the
// knowledge base's read started and the bot's modules loaded meanwhile (src/live/botModules.ts: discord.js, the
// announcer, the commands, the engine), then the read taken (`--read-after-modules`: the read started once they are
// loaded, the order before). Prints as JSON, in ms from the process's start, when the configuration was read, the
// database open, the modules loaded (and the CPU time then), when the engine was open (its first stage read: it answers
// from then on) and when the first answer of each command came (/who, then /quote, then /when, a role question
// (/who of a description: `role`, its question and who it answered in `roleAsked`; `--no-role`: none), /search and an
// autocomplete of each kind asked at once), with the process's CPU time then (`firstCpu`), when the second stage was read, then when
// the engine's after-start work was done; when each part of the start was done (`parts`: wall and
// main-thread CPU ms, src/util/startMarks.ts); the CPU time of the process (at the engine's open, at the first /who,
// and in all) and how long it had waited for the server by the open (its event loop idle, not the time it waited for a
// core: `waitedMs`); the longest the event loop was held while the second stage was read after the first /who and
// /quote (what an answer could wait behind; the first answers asked meanwhile count), in wall time and in the main
// thread's CPU time between two turns of the loop; then, as a shard does once warmed, its start's garbage collected
// (src/util/collectGarbage.ts; `--no-collect`: not) and how long that took, the RSS the process holds by itself a
// second later (`heldRssMB`), and its memory after the bench's own full GC; the machine's load average (before and
// after). With `--answers N`, then N bench questions of each of /who, /when,
// /quote and /search (src/bench/queries.ts), their CPU time, p50 and p99 wall time, and the memory after them (the RSS
// held, then after a full GC: what a shard holds once it has answered, the objects answers make and keep, and the pages
// V8 grew to), and the time of 20 announcement previews (what /announce preview does on a shard). `--slowest N`: the
// p50 and p99 of those answers' main-thread CPU and round trips, and the N slowest, each with its round trips, CPU
// and the GCs during it (answerTrace.ts).
// `--texts database`: the engine reads the sentences' texts from the database as answers and duties need them, as a
// shard that does not lead does (src/live/sharedKnowledge.ts); the questions are then made by a child process over
// the knowledge base read with its texts, so that this one never holds them. The shard runs as the supervisor runs one
// on PostgreSQL (src/bench/shardProcess.ts: the Node options and glibc setting of src/discord/shards.ts, printed as
// `node`; `--no-shard-options`: as started); npm gives it --expose-gc either way, for the bench's own full GCs.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { monitorEventLoopDelay, performance as nodePerformance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { loadBotModules } from "../live/botModules.ts";
import type { PostgresEngine } from "../search/postgres/engine.ts";
import type { AsyncAnswers, WhoAnswer } from "../answer/types.ts";
import { keepStartMarks, startMarks } from "../util/startMarks.ts";
import { AnswerTrace } from "./answerTrace.ts";
import { benchQueries, type QuerySet } from "./queries.ts";
import { AS_STARTED, runAsShardProcess, shardOptionsInUse } from "./shardProcess.ts";
import { runCli } from "../cli/run.ts";
import { threadCpuMs } from "../util/threadCpu.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** The child's part: the bench questions over the knowledge base read with its texts, as JSON. */
async function printQuestions(url: string, count: number): Promise<void> {
  const db = await openDatabase(url);
  const { PostgresEngine } = await import("../search/postgres/engine.ts");
  const engine = await PostgresEngine.open(db.pool);
  process.stdout.write(JSON.stringify(benchQueries(engine.view.kb, count)));
  await db.close();
}

async function main(): Promise<void> {
  const url = arg("--database") ?? process.env.DATABASE_URL;
  if (!url) throw new Error("bench shardStart: give --database URL (or DATABASE_URL) of a written knowledge base");
  const texts = arg("--texts") ?? "memory";
  if (texts !== "memory" && texts !== "database") throw new Error(`bench shardStart: --texts is "memory" or "database", not "${texts}"`);
  if (process.argv.includes("--questions")) return printQuestions(url, Number(arg("--answers") ?? 0));
  const load = os.loadavg()[0] ?? 0;
  const at = (): number => Math.round(performance.now());
  const cpuMs = (): number => Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);
  // A shard's start (src/main.ts): its configuration read and validated, its database opened (the schema checked),
  // the knowledge base's read started, the bot's modules loaded meanwhile (src/live/botModules.ts), then the read taken
  // by the engine (sharedKnowledge.ts). `--read-after-modules`: the read started once the modules are loaded (the
  // order before the overlap), for a comparison in the same minutes.
  keepStartMarks();
  loadConfig();
  const configMs = at();
  const db = await openDatabase(url);
  const databaseMs = at();
  const readFirst = !process.argv.includes("--read-after-modules");
  const { started } = await loadBotModules(readFirst ? db.pool : undefined, texts);
  const modulesMs = at();
  const modulesCpuMs = cpuMs();
  // In the modules loaded: imported here by name.
  const [{ PostgresEngine }, { readTextsThrough }, { answersThrough }, { collectGarbage }] = await Promise.all([
    import("../search/postgres/engine.ts"),
    import("../search/postgres/articleTexts.ts"),
    import("../search/engine.ts"),
    import("../util/collectGarbage.ts"),
  ]);
  const engine = await PostgresEngine.openFirst(db.pool, { texts }, started);
  // The first stage's texts are read through the database (as a shard's duties read them: sharedKnowledge.ts).
  readTextsThrough(engine);
  const openMs = at();
  // How long the process waited for the server until then (its event loop idle, not the time it waited for a core):
  // what starting the read before the modules are loaded takes away.
  const waitedMs = Math.round(nodePerformance.eventLoopUtilization().idle);
  const openCpu = process.cpuUsage();
  const answers = answersThrough(engine);
  const { kb } = engine.view;
  const person = kb.people[0]?.name ?? "nobody";
  const title = kb.articles[0]?.title ?? "";
  const word = title.split(/\s+/).find((w) => w.length > 4) ?? "said";
  // A role question (src/answer/roles.ts: a /who that names nobody), from the first person the corpus describes: it
  // reads the role questions' indexes (the people each sentence mentions, the descriptions), which the first /who of a
  // name does not.
  const role = `who ${kb.people.find((p) => p.description)?.description ?? "the maintainer"}`;
  let roleAnswer: WhoAnswer | undefined;
  const first: Record<string, number> = {};
  const firstCpu: Record<string, number> = {};
  const ask = async (name: string, answer: () => Promise<unknown>): Promise<void> => {
    await answer();
    first[name] = at();
    const c = process.cpuUsage();
    firstCpu[name] = Math.round((c.user + c.system) / 1000);
  };
  await ask("who", () => answers.who(person));
  const whoCpu = process.cpuUsage();
  await ask("quote", () => answers.quote(person));
  // How long the engine holds the event loop while it takes its second stage in, no question asked meanwhile (the
  // first answers of the commands after hold it themselves: the suggestions' sorted orders, as before a staged start).
  // Under load the wall time between two turns of the loop counts the time the process waited for a core too: the
  // main thread's CPU time between two turns is what the work itself held it (the collector's pauses included).
  const held = monitorEventLoopDelay({ resolution: 5 });
  held.enable();
  const threadCpu = (): number => threadCpuMs() ?? (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  let [cpuBefore, cpuBetweenTurns] = [threadCpu(), 0];
  const turns = setInterval(() => {
    const now = threadCpu();
    cpuBetweenTurns = Math.max(cpuBetweenTurns, now - cpuBefore);
    cpuBefore = now;
  }, 2);
  // The other commands' first answers are asked at once, as soon as /quote is answered (each answers as soon as what it
  // reads is read): before, they were asked one after the other once the second stage was read, and so measured
  // when it was read, not when each could answer.
  const rest = Promise.all([
    ask("when", () => answers.when(title)),
    ...(process.argv.includes("--no-role") ? [] : [ask("role", async () => (roleAnswer = await answers.who(role)))]),
    ask("search", () => answers.search(word)),
    ask("suggestPerson", () => answers.suggest("person", person.slice(0, 3))),
    ask("suggestEvent", () => answers.suggest("event", word.slice(0, 3))),
    ask("suggestArticle", () => answers.suggest("article", "")),
  ]);
  await engine.whole;
  clearInterval(turns);
  held.disable();
  const wholeMs = at();
  await rest;
  await engine.warmed;
  const warmedMs = at();
  const cpu = process.cpuUsage();
  // What a shard does once warmed (src/live/sharedKnowledge.ts): its start's garbage given back. What the process
  // holds by itself is read a second later (V8 unmaps the pages on a thread of its own), before the bench's own GC.
  const collectMs = process.argv.includes("--no-collect") ? undefined : await collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const heldRssMB = Math.round(process.memoryUsage.rss() / 2 ** 20);
  global.gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  // The knowledge base read whole (the first stage's throws where its events are read).
  const slowest = Number(arg("--slowest") ?? 0);
  const trace = slowest > 0 ? new AnswerTrace(db.pool) : undefined;
  const answered = await answerMany(answers, engine.view.kb, { n: Number(arg("--answers") ?? 0), url, textsHeld: engine.textsHeld, trace }, mb);
  await db.close();
  process.stdout.write(
    `${JSON.stringify({
      articles: kb.articles.length,
      texts,
      readStarted: readFirst ? "before the modules" : "after the modules",
      configMs,
      databaseMs,
      modulesMs,
      modulesCpuMs,
      openMs,
      openCpuMs: Math.round((openCpu.user + openCpu.system) / 1000),
      waitedMs,
      whoCpuMs: Math.round((whoCpu.user + whoCpu.system) / 1000),
      first,
      firstCpu,
      roleAsked: { question: role, answered: roleAnswer?.person?.name ?? null },
      wholeMs,
      parts: Object.fromEntries(startMarks().map((m) => [m.part, [m.wallMs, m.cpuMs]])),
      warmedMs,
      secondStageLoopHeldMs: Math.round(held.max / 1e6),
      secondStageCpuBetweenTurnsMs: Math.round(cpuBetweenTurns),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      collectMs,
      heldRssMB,
      heapMB: mb(m.heapUsed),
      heapTotalMB: mb(m.heapTotal),
      rssMB: mb(m.rss),
      externalMB: mb(m.external),
      heapSpacesMB: Object.fromEntries(v8.getHeapSpaceStatistics().map((h) => [h.space_name, mb(h.space_size)])),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      ...answered,
      ...(trace && { answerPercentiles: trace.percentiles(), slowest: trace.slowest(slowest) }),
      loadAverage: [+load.toFixed(1), +(os.loadavg()[0] ?? 0).toFixed(1)],
      node: shardOptionsInUse(),
    })}\n`,
  );
}

/**
 * N bench questions of each answering command and 20 announcement previews, then a full GC: their CPU time and the
 * memory after.
 */
async function answerMany(
  answers: AsyncAnswers,
  kb: PostgresEngine["view"]["kb"],
  { n, url, textsHeld, trace }: { n: number; url: string; textsHeld: boolean; trace: AnswerTrace | undefined },
  mb: (bytes: number) => number,
): Promise<object> {
  if (n <= 0) return {};
  const queries = textsHeld ? benchQueries(kb, n) : questionsOfChild(url, n);
  const before = process.cpuUsage();
  const times: number[] = [];
  const timed = async (command: "who" | "when" | "quote" | "search", question: string): Promise<void> => {
    const start = performance.now();
    const answer = (): Promise<unknown> => answers[command](question);
    await (trace ? trace.traced(command, question, answer) : answer());
    times.push(performance.now() - start);
  };
  for (let i = 0; i < n; i++) for (const command of ["who", "when", "quote", "search"] as const) await timed(command, queries[command][i] as string);
  const cpu = process.cpuUsage(before);
  // What /announce preview does on a shard: the article's texts read, then its announcement composed.
  const [{ composeAnnouncement }, { readArticleTexts }] = await Promise.all([import("../announce/compose.ts"), import("../kb/articleTexts.ts")]);
  const previewStarted = performance.now();
  const ids = kb.articles.filter((_, i) => i % Math.max(1, Math.floor(kb.articles.length / 20)) === 0).slice(0, 20).map((a) => a.id);
  for (const id of ids) composeAnnouncement(kb, id, await readArticleTexts(kb, [id]));
  const previewMsEach = +((performance.now() - previewStarted) / Math.max(1, ids.length)).toFixed(1);
  times.sort((x, y) => x - y);
  const heldRssMB = Math.round(process.memoryUsage.rss() / 2 ** 20);
  const percentile = (p: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] as number);
  global.gc?.();
  const m = process.memoryUsage();
  return { afterAnswers: { count: 4 * n, previewMsEach, p50Ms: percentile(0.5), p99Ms: percentile(0.99), cpuMs: Math.round((cpu.user + cpu.system) / 1000), heldRssMB, heapMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), rssMB: mb(m.rss) } };
}

/** The questions made by a child process over the knowledge base with its texts (this one holds none). */
function questionsOfChild(url: string, n: number): QuerySet {
  const launch = fileURLToPath(new URL("../launch.mjs", import.meta.url));
  const args = [launch, fileURLToPath(import.meta.url), "--questions", "--database", url, "--answers", String(n), AS_STARTED];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 2 ** 20 })) as QuerySet;
}

// No top-level await: the launcher runs this entry point from its bundle (src/launchBundle.mjs: CommonJS has none).
runCli("bench:shard-start", async () => {
  await runAsShardProcess();
  await main();
});

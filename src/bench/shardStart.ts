// `npm run bench:shard-start -- --database URL`: a shard's start over a stored knowledge base (issue
// 19: "a shard process starts warm in <= 1 s"), as a shard makes it (src/live/sharedKnowledge.ts): no corpus folder
// read. Prints as JSON, in ms from the process's start, when the engine was open and when the first answer of each
// command came (/who, /quote, /when, /search, and an autocomplete of each kind), then when the engine's after-start
// work was done; the CPU time of the process (at the engine's open, and in all) and its memory after a full GC; the
// machine's load average (before and after). With `--answers N`, then N bench questions of each of /who, /when,
// /quote and /search (src/bench/queries.ts), their CPU time, p50 and p99 wall time, and the memory after them and a
// full GC (what a shard holds once it has answered: the objects answers make and keep, and the pages V8 grew to).
import os from "node:os";
import v8 from "node:v8";
import { openDatabase } from "../db/database.ts";
import { answersThrough } from "../search/engine.ts";
import { PostgresEngine } from "../search/postgres/engine.ts";
import { benchQueries } from "./queries.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const url = arg("--database") ?? process.env.DATABASE_URL;
  if (!url) throw new Error("bench shardStart: give --database URL (or DATABASE_URL) of a written knowledge base");
  const load = os.loadavg()[0] ?? 0;
  const at = (): number => Math.round(performance.now());
  const modulesMs = at();
  const db = await openDatabase(url);
  const engine = await PostgresEngine.open(db.pool);
  const openMs = at();
  const openCpu = process.cpuUsage();
  const answers = answersThrough(engine);
  const kb = engine.view.kb;
  const person = kb.people[0]?.name ?? "nobody";
  const title = kb.articles[0]?.title ?? "";
  const word = title.split(/\s+/).find((w) => w.length > 4) ?? "said";
  const first: Record<string, number> = {};
  const ask = async (name: string, answer: () => Promise<unknown>): Promise<void> => {
    await answer();
    first[name] = at();
  };
  await ask("who", () => answers.who(person));
  await ask("quote", () => answers.quote(person));
  await ask("when", () => answers.when(title));
  await ask("search", () => answers.search(word));
  await ask("suggestPerson", () => answers.suggest("person", person.slice(0, 3)));
  await ask("suggestEvent", () => answers.suggest("event", word.slice(0, 3)));
  await ask("suggestArticle", () => answers.suggest("article", ""));
  await engine.warmed;
  const warmedMs = at();
  const cpu = process.cpuUsage();
  global.gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  const answered = await answerMany(answers, kb, Number(arg("--answers") ?? 0), mb);
  await db.close();
  process.stdout.write(
    `${JSON.stringify({
      articles: kb.articles.length,
      modulesMs,
      openMs,
      openCpuMs: Math.round((openCpu.user + openCpu.system) / 1000),
      first,
      warmedMs,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      heapMB: mb(m.heapUsed),
      heapTotalMB: mb(m.heapTotal),
      rssMB: mb(m.rss),
      externalMB: mb(m.external),
      heapSpacesMB: Object.fromEntries(v8.getHeapSpaceStatistics().map((h) => [h.space_name, mb(h.space_size)])),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      ...answered,
      loadAverage: [+load.toFixed(1), +(os.loadavg()[0] ?? 0).toFixed(1)],
    })}\n`,
  );
}

/** N bench questions of each answering command, then a full GC: their CPU time and the memory after. */
async function answerMany(answers: ReturnType<typeof answersThrough>, kb: PostgresEngine["view"]["kb"], n: number, mb: (bytes: number) => number): Promise<object> {
  if (n <= 0) return {};
  const queries = benchQueries(kb, n);
  const before = process.cpuUsage();
  const times: number[] = [];
  const timed = async (answer: () => Promise<unknown>): Promise<void> => {
    const start = performance.now();
    await answer();
    times.push(performance.now() - start);
  };
  for (let i = 0; i < n; i++) {
    await timed(() => answers.who(queries.who[i] as string));
    await timed(() => answers.when(queries.when[i] as string));
    await timed(() => answers.quote(queries.quote[i] as string));
    await timed(() => answers.search(queries.search[i] as string));
  }
  const cpu = process.cpuUsage(before);
  times.sort((x, y) => x - y);
  const percentile = (p: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] as number);
  global.gc?.();
  const m = process.memoryUsage();
  return { afterAnswers: { count: 4 * n, p50Ms: percentile(0.5), p99Ms: percentile(0.99), cpuMs: Math.round((cpu.user + cpu.system) / 1000), heapMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), rssMB: mb(m.rss) } };
}

await main();

// `npm run bench:answers -- --corpus DIR --data DIR [--articles N] [--repeat R] [--slowest N] [--commands who,when,timeline] [--out FILE]`: the answer
// latency of `npm run bench` alone, for working on it on a shared machine. The corpus folder is written once (N bench
// articles, when DIR does not exist) and its knowledge base comes from the caches in the data folder, so a run costs
// an index build and the questions, not an extraction. Each question is asked R times: its first time (a first call
// may pay for what later ones reuse) and its fastest, in wall time and in this thread's CPU time (what other
// processes' turns do not inflate). `--out` writes every answer as one JSON line, to compare two versions of the code.
import { existsSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { createAnswers } from "../answer/index.ts";
import { runCli } from "../cli/run.ts";
import type { SuggestKind } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import { openKnowledge } from "../pipeline/open.ts";
import { DEFAULT_BENCH_SOURCE, writeBenchCorpus } from "./corpus.ts";
import { benchQueries, timelineQueries } from "./queries.ts";

// No top-level await: the launcher runs this entry point from its bundle (src/launchBundle.mjs: CommonJS has none).
runCli("bench:answers", async () => {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };

  const corpus = arg("--corpus");
  const dataDir = arg("--data");
  if (!corpus || !dataDir) throw new Error("bench:answers: usage: --corpus DIR --data DIR [--articles N] [--repeat R] [--slowest N] [--out FILE]");
  const repeat = Math.max(1, Number(arg("--repeat") ?? 3));
  const slowestCount = Number(arg("--slowest") ?? 5);
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;

  if (!existsSync(corpus)) writeBenchCorpus(corpus, Number(arg("--articles") ?? 20_000), arg("--source") ?? DEFAULT_BENCH_SOURCE);
  const opened = await openKnowledge(corpus, { dataDir, log: quiet, progress: { bar: false, everySeconds: 3600 } });
  await opened.flush();
  // Built, not loaded, as `npm run bench` builds them.
  const answers = createAnswers(opened.kb);
  const queries = benchQueries(opened.kb, Number(arg("--queries") ?? 1000));
  const SUGGEST_KINDS: SuggestKind[] = ["person", "event", "article"];
  const commands: Record<string, [string[], (q: string, i: number) => unknown, (q: string, i: number) => string]> = {
    who: [queries.who, (q) => answers.who(q), (q) => q],
    when: [queries.when, (q) => answers.when(q), (q) => q],
    quote: [queries.quote, (q) => answers.quote(q), (q) => q],
    search: [queries.search, (q) => answers.search(q), (q) => q],
    suggest: [queries.suggest, (q, i) => answers.suggest(SUGGEST_KINDS[i % 3] as SuggestKind, q), (q, i) => `${SUGGEST_KINDS[i % 3]}: ${q}`],
    // A tenth as many: the whole corpus's, a person's (full name, surname) and a topic's, in turn.
    timeline: [timelineQueries(opened.kb, Math.ceil(Number(arg("--queries") ?? 1000) / 10)), (q) => answers.timeline(q || undefined), (q) => q],
  };

  // As `npm run bench` does: one untimed pass first, for JIT compilation.
  for (const q of queries.who.slice(0, 50)) answers.who(q);

  const cpuMs = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  interface Timed {
    query: string;
    first: number;
    firstCpu: number;
    min: number;
    minCpu: number;
  }
  const lines: string[] = [];
  const at = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  const f = (ms: number): string => ms.toFixed(2).padStart(7);
  process.stdout.write(`${opened.kb.articles.length} articles; ${repeat} runs per question; load ${(await import("node:os")).loadavg()[0]?.toFixed(1)}\n`);
  process.stdout.write(`command    p50 first   p99 first   p99 first cpu   p50 min   p99 min   p99 min cpu   max first\n`);
  const only = arg("--commands")?.split(",");
  // `--profile FILE`: a CPU profile of the questions alone (not of the start), for Chrome's DevTools or a script.
  const profile = arg("--profile");
  const session = profile ? new Session() : undefined;
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session?.post(method, params, (err, out) => (err ? reject(err) : resolve(out))));
  if (session) {
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 100 });
    await post("Profiler.start");
  }
  for (const [name, [qs, ask, label]] of Object.entries(commands)) {
    if (only && !only.includes(name)) continue;
    const timed: Timed[] = qs.map((q, i) => {
      const t: Timed = { query: label(q, i), first: Infinity, firstCpu: Infinity, min: Infinity, minCpu: Infinity };
      for (let r = 0; r < repeat; r++) {
        const c = cpuMs();
        const w = performance.now();
        const out = ask(q, i);
        const wall = performance.now() - w;
        const cpu = cpuMs() - c;
        if (r === 0) {
          [t.first, t.firstCpu] = [wall, cpu];
          lines.push(JSON.stringify({ command: name, query: t.query, answer: out }));
        }
        t.min = Math.min(t.min, wall);
        t.minCpu = Math.min(t.minCpu, cpu);
      }
      return t;
    });
    const col = (k: keyof Omit<Timed, "query">, p: number) => at(timed.map((t) => t[k]), p);
    process.stdout.write(
      `${name.padEnd(8)} ${f(col("first", 0.5))}     ${f(col("first", 0.99))}     ${f(col("firstCpu", 0.99))}       ${f(col("min", 0.5))}   ${f(col("min", 0.99))}   ${f(col("minCpu", 0.99))}       ${f(col("first", 1))}\n`,
    );
    for (const t of [...timed].sort((a, b) => b.min - a.min).slice(0, slowestCount))
      process.stdout.write(`         ${f(t.min)} min ${f(t.first)} first  ${JSON.stringify(t.query)}\n`);
  }
  if (profile) writeFileSync(profile, JSON.stringify(((await post("Profiler.stop")) as { profile: unknown }).profile));
  const out = arg("--out");
  if (out) writeFileSync(out, lines.join("\n") + "\n");
});

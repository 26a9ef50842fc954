// `npm run bench -- [--articles N] [--json] [--source DIR] [--corpus DIR] [--slowest N]`: builds a corpus of N articles
// in a temporary folder (or reads the corpus folder given) and measures extraction, knowledge-base and index builds,
// memory, answer latency (with the N slowest queries of each command), and the live corpus's updates.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { createAnswers } from "../answer/index.ts";
import type { Answers, SuggestKind } from "../answer/types.ts";
import { loadCorpus } from "../corpus/load.ts";
import { extractArticle } from "../extract/index.ts";
import { buildKnowledgeBase } from "../kb/build.ts";
import { createMemoryFactsStore } from "../kb/store.ts";
import type { Logger } from "../log.ts";
import { extractAll } from "../pipeline/extractAll.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import { liveRun, type LiveRun, type LiveTiming } from "./liveRun.ts";
import { startupRun } from "./startupRuns.ts";
import { benchQueries, type QuerySet } from "./queries.ts";
import { DEFAULT_BENCH_SOURCE, writeBenchCorpus } from "./corpus.ts";

interface Latency {
  p50: number;
  p99: number;
  max: number;
  /** The slowest queries, slowest first (`--slowest N`), to tell what a slow percentile is made of. */
  slowest: { query: string; ms: number }[];
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

const SUGGEST_KINDS: SuggestKind[] = ["person", "event", "article"];

function latency(queries: string[], ask: (q: string, i: number) => unknown, label: (q: string, i: number) => string = (q) => q): Latency {
  const timed = queries.map((q, i) => ({ query: label(q, i), ms: time(() => ask(q, i))[1] })).sort((a, b) => a.ms - b.ms);
  const at = (p: number) => timed[Math.min(timed.length - 1, Math.floor(p * timed.length))]?.ms ?? 0;
  const slowest = timed.slice(-slowestCount).reverse().map((t) => ({ query: t.query, ms: +t.ms.toFixed(2) }));
  return { p50: at(0.5), p99: at(0.99), max: timed.at(-1)?.ms ?? 0, slowest: slowestCount > 0 ? slowest : [] };
}

function answerLatencies(answers: Answers, q: QuerySet) {
  // One untimed pass first: the first call of each path pays for JIT compilation, not for the query.
  for (const s of q.who.slice(0, 50)) answers.who(s);
  return {
    who: latency(q.who, (s) => answers.who(s)),
    when: latency(q.when, (s) => answers.when(s)),
    quote: latency(q.quote, (s) => answers.quote(s)),
    search: latency(q.search, (s) => answers.search(s)),
    // Autocomplete of every kind: names (/who, /quote), events (/when), article titles (/announce).
    suggest: latency(q.suggest, (s, i) => answers.suggest(SUGGEST_KINDS[i % 3] as SuggestKind, s), (s, i) => `${SUGGEST_KINDS[i % 3]}: ${s}`),
  };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const slowestCount = Number(arg("--slowest") ?? 0);

async function main(): Promise<void> {
  const count = Number(arg("--articles") ?? 10_000);
  const queryCount = Number(arg("--queries") ?? 1000);
  const given = arg("--corpus");
  const root = mkdtempSync(path.join(tmpdir(), "bench-"));
  const dir = given ? path.resolve(given) : path.join(root, "corpus");
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
  try {
    const written = given ? undefined : writeBenchCorpus(dir, count, arg("--source") ?? DEFAULT_BENCH_SOURCE);
    // Each start in its own process, first with an empty cache, then with the cache that first start wrote.
    const cold = startupRun(dir, path.join(root, "data"));
    const warm = startupRun(dir, path.join(root, "data"));
    // The live corpus adds, changes and removes an article of its own: in a copy of a folder it was given.
    const liveDir = given ? path.join(root, "live-corpus") : dir;
    if (given) cpSync(dir, liveDir, { recursive: true });
    const live = await liveRun(liveDir, path.join(root, "data"), quiet);
    const [corpus, loadMs] = await timeAsync(() => loadCorpus(dir));
    const textBytes = corpus.articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
    // One core: extraction on this thread over a sample; all cores: the worker pool over the whole corpus.
    // The first articles pay for JIT compilation and the NLP libraries' lazy set-up; they are not timed.
    for (const a of corpus.articles.slice(0, 100)) extractArticle(a);
    const sample = corpus.articles.slice(100, 1100);
    const sampleBytes = sample.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
    const [, oneCoreMs] = time(() => sample.map(extractArticle));
    const [extracted, extractMs] = await timeAsync(() => extractAll(corpus.articles, createMemoryFactsStore(), quiet, { progressFrom: Infinity }));
    const [kb, kbMs] = time(() => buildKnowledgeBase(extracted.articles, extracted.facts));
    const [answers, indexMs] = time(() => createAnswers(kb));
    const latencies = answerLatencies(answers, benchQueries(kb, queryCount));
    const result = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.versions.node}`,
      articles: corpus.articles.length,
      corpus: given ?? (written?.real ? "../shared/bench-corpus" : "generated"),
      distinctArticles: written?.distinctArticles ?? corpus.articles.length,
      sentences: sentenceCount(kb),
      distinctSentences: distinctSentences(kb),
      textMB: +(textBytes / 1e6).toFixed(2),
      loadMs: Math.round(loadMs),
      extractMBpsOneCore: +(sampleBytes / 1e6 / (oneCoreMs / 1000)).toFixed(2),
      extractMs: Math.round(extractMs),
      extractMBps: +(textBytes / 1e6 / (extractMs / 1000)).toFixed(2),
      workers: os.availableParallelism(),
      kbBuildMs: Math.round(kbMs),
      indexBuildMs: Math.round(indexMs),
      coldStartMs: cold.readyMs,
      warmStartMs: warm.readyMs,
      warmLoadedMs: warm.loadedMs,
      warmReadyCpuMs: warm.readyCpuMs,
      warmLoadedCpuMs: warm.loadedCpuMs,
      warmExtracted: warm.extracted,
      heapMB: warm.heapMB,
      rssMB: warm.rssMB,
      peakRssMB: warm.peakRssMB,
      coldPeakRssMB: cold.peakRssMB,
      live,
      people: kb.people.length,
      quotes: kb.quotes.length,
      events: kb.events.length,
      latencyMs: Object.fromEntries(
        Object.entries(latencies).map(([k, v]) => [k, { p50: +v.p50.toFixed(2), p99: +v.p99.toFixed(2), max: +v.max.toFixed(1), ...(v.slowest.length > 0 && { slowest: v.slowest }) }]),
      ),
    };
    if (process.argv.includes("--json")) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    else printTable(result);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}


function printTable(r: Record<string, unknown> & { latencyMs: Record<string, Partial<Latency> & { p50: number; p99: number }> }): void {
  const live = r.live as LiveRun;
  const step = (t: LiveTiming): string =>
    `${t.ms} ms (longest pause ${t.pauseMs} ms${t.pauseCpuMs === undefined ? "" : `, ${t.pauseCpuMs} ms of it on this thread`}; CPU ${t.cpuMs === undefined ? "" : `${t.cpuMs} ms this thread, `}${t.processCpuMs} ms every thread)`;
  const rows: [string, string][] = [
    ["articles", `${r.articles} (${r.textMB} MB of text; ${r.distinctArticles} distinct articles from ${r.corpus})`],
    ["sentences", `${r.sentences} (${r.distinctSentences} distinct, ${Math.round((100 * Number(r.distinctSentences)) / Math.max(1, Number(r.sentences)))} %)`],
    ["machine", `${r.machine}`],
    ["load + normalise", `${r.loadMs} ms`],
    ["extraction, one core", `${r.extractMBpsOneCore} MB/s`],
    ["extraction, worker threads", `${r.extractMs} ms (${r.extractMBps} MB/s on ${r.workers} threads)`],
    ["knowledge-base build", `${r.kbBuildMs} ms`],
    ["index build", `${r.indexBuildMs} ms`],
    ["cold start, no cache", `${r.coldStartMs} ms (fresh process to first answer)`],
    ["cold start, warm cache", `${r.warmStartMs} ms to the first answer (${r.warmReadyCpuMs} ms of main-thread CPU), ${r.warmLoadedMs} ms to every index loaded (${r.warmLoadedCpuMs} ms of CPU; ${r.warmExtracted} articles extracted)`],
    ["heap / RSS after start", `${r.heapMB} MB / ${r.rssMB} MB (peak RSS while starting: ${r.peakRssMB} MB warm, ${r.coldPeakRssMB} MB cold)`],
    ["facts", `${r.people} people, ${r.quotes} quotes, ${r.events} events`],
    ["live: worker ready", `${live.readyMs} ms after the live corpus starts loading`],
    ["live: article added", step(live.added)],
    ["live: article changed", step(live.changed)],
    ["live: article removed", step(live.removed)],
    ...Object.entries(r.latencyMs).flatMap(([k, v]): [string, string][] => [
      [`${k} p50 / p99`, `${v.p50} / ${v.p99} ms`],
      ...(v.slowest ?? []).map((s): [string, string] => ["", `  ${s.ms} ms  ${JSON.stringify(s.query)}`]),
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

const sentenceCount = (kb: KnowledgeBase): number => kb.articles.reduce((n, a) => n + a.sentences.length, 0);
const distinctSentences = (kb: KnowledgeBase): number => new Set(kb.articles.flatMap((a) => a.sentences.map((s) => s.text))).size;

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

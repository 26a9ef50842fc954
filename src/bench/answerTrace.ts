// What each of a bench's answers did, to tell why the slowest are slow (`--slowest N` of bench:shard-start): its round
// trips to the database (each statement's name, rows and wall time from its send to its result: the server's time and
// the wait for this thread to take the result), its main-thread CPU time, and the garbage collections that ran while
// it was made. The pool's `query` is wrapped for the bench's run only: the engine's code is not changed to be traced.
import { PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import type pg from "pg";
import { threadCpuMs } from "../util/threadCpu.ts";

interface RoundTrip {
  statement: string;
  rows: number;
  ms: number;
}

export interface TracedAnswer {
  command: string;
  question: string;
  wallMs: number;
  /** The main thread's CPU time while the answer was made (the collector's pauses on it included). */
  cpuMs: number;
  roundTrips: RoundTrip[];
  /** Garbage collections that began while it was made: kind (V8's names) and ms. */
  gc: string[];
}

const GC_KINDS: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weak", 16: "all" };
const round = (ms: number): number => +ms.toFixed(1);

export class AnswerTrace {
  private readonly answers: (TracedAnswer & { startedAt: number })[] = [];
  private readonly gcs: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.gcs.push(...list.getEntries()));
  private current: RoundTrip[] | undefined;
  private readonly query: pg.Pool["query"];

  constructor(private readonly pool: pg.Pool) {
    this.observer.observe({ entryTypes: ["gc"] });
    this.query = pool.query;
    const trips = (): RoundTrip[] | undefined => this.current;
    const original = this.query;
    // Each statement the engine sends through the pool while an answer is made, timed to its result.
    pool.query = function (this: pg.Pool, ...args: unknown[]) {
      const list = trips();
      const started = performance.now();
      const config = args[0] as string | { name?: string; text: string };
      const statement = typeof config === "string" ? config : (config.name ?? config.text);
      const result = (original as (...a: unknown[]) => Promise<pg.QueryResult>).apply(this, args);
      if (list) void result.then((r) => list.push({ statement: statement.slice(0, 60), rows: r.rowCount ?? r.rows.length, ms: round(performance.now() - started) }), () => undefined);
      return result;
    } as pg.Pool["query"];
  }

  /** `answer`, traced as the command's answer to `question`. */
  async traced<T>(command: string, question: string, answer: () => Promise<T>): Promise<T> {
    const roundTrips: RoundTrip[] = [];
    this.current = roundTrips;
    const startedAt = performance.now();
    const cpu = threadCpuMs() ?? 0;
    try {
      return await answer();
    } finally {
      this.current = undefined;
      const wallMs = round(performance.now() - startedAt);
      this.answers.push({ command, question, wallMs, cpuMs: round((threadCpuMs() ?? 0) - cpu), roundTrips, gc: [], startedAt });
    }
  }

  /**
   * p50 and p99 of the answers' main-thread CPU time and of their round trips: what other processes' turns on a
   * loaded machine stretch less than the wall time.
   */
  percentiles(): { cpuMs: [number, number]; roundTrips: [number, number] } {
    const at = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
    const cpu = this.answers.map((a) => a.cpuMs);
    const trips = this.answers.map((a) => a.roundTrips.length);
    return { cpuMs: [at(cpu, 0.5), at(cpu, 0.99)], roundTrips: [at(trips, 0.5), at(trips, 0.99)] };
  }

  /** The `n` slowest answers, with the collections that began while each was made; the pool's query given back. */
  slowest(n: number): TracedAnswer[] {
    this.observer.disconnect();
    this.pool.query = this.query;
    return [...this.answers]
      .sort((a, b) => b.wallMs - a.wallMs)
      .slice(0, n)
      .map(({ startedAt, ...a }) => ({
        ...a,
        gc: this.gcs
          .filter((g) => g.startTime >= startedAt && g.startTime <= startedAt + a.wallMs)
          .map((g) => `${GC_KINDS[(g as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "gc"} ${round(g.duration)}`),
      }));
  }
}

// The live corpus under the benchmark: the corpus is opened as the running bot opens it (through the caches the
// startup runs left), then one article is added, one changed and one removed, each timed from the moment the bot
// is told of the file to the moment it answers from it, with the longest pause of the event loop meanwhile (wall
// time, and where Linux says, the main thread's own CPU time between two turns: on a busy machine the wall time
// also counts the other processes' turns).
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../log.ts";
import { LiveKnowledge } from "../live/liveKnowledge.ts";
import { cacheDirOf, factsStoreFor, startupCacheFor } from "../pipeline/caches.ts";
import { threadCpuMs } from "../util/threadCpu.ts";

export interface LiveTiming {
  /** From the refresh call to the new answers. */
  ms: number;
  /** Longest time between two turns of the event loop, wall clock. */
  pauseMs: number;
  /** The main thread's CPU time in its longest stretch without a turn (undefined off Linux). */
  pauseCpuMs?: number;
  /** The main thread's CPU time from the refresh call to the new answers (undefined off Linux). */
  cpuMs?: number;
  /** Every thread's CPU time meanwhile (the worker's extraction and merge included). */
  processCpuMs: number;
}

export interface LiveRun {
  /** From the start of the load to the worker thread knowing every article's people (the first update waits for it). */
  readyMs: number;
  added: LiveTiming;
  changed: LiveTiming;
  removed: LiveTiming;
}

const NEW_ARTICLE = `---
title: "Harbour authority names a new chief"
outlet: "Bench Live"
published: "2026-01-05"
---
The harbour authority named Ingrid Solberg, a former port engineer, as its chief executive on Monday.

"We will finish the northern quay by the spring of 2027," Solberg said at a briefing on January 5.

Her predecessor, Tomasz Wrobel, had led the authority since 2019.
`;

async function timed(live: LiveKnowledge, file: string, answerable: () => boolean): Promise<LiveTiming> {
  let pauseMs = 0;
  let pauseCpuMs: number | undefined;
  let last = performance.now();
  let lastCpu = threadCpuMs();
  const tick = (): void => {
    const now = performance.now();
    const cpu = threadCpuMs();
    pauseMs = Math.max(pauseMs, now - last);
    if (cpu !== undefined && lastCpu !== undefined) pauseCpuMs = Math.max(pauseCpuMs ?? 0, cpu - lastCpu);
    [last, lastCpu] = [now, cpu];
  };
  const timer = setInterval(tick, 5);
  const started = performance.now();
  const startedCpu = threadCpuMs();
  const startedProcess = process.cpuUsage();
  try {
    await live.refresh([file]);
    if (!answerable()) throw new Error(`bench: the live update of ${path.basename(file)} did not reach the answers`);
    const ms = Math.round(performance.now() - started);
    tick(); // the stretch that ends with the update counts too
    const cpu = threadCpuMs();
    const { user, system } = process.cpuUsage(startedProcess);
    return {
      ms,
      pauseMs: Math.round(pauseMs),
      ...(pauseCpuMs !== undefined && { pauseCpuMs: Math.round(pauseCpuMs) }),
      ...(cpu !== undefined && startedCpu !== undefined && { cpuMs: Math.round(cpu - startedCpu) }),
      processCpuMs: Math.round((user + system) / 1000),
    };
  } finally {
    clearInterval(timer);
  }
}

export async function liveRun(corpusDir: string, dataDir: string, log: Logger): Promise<LiveRun> {
  const started = performance.now();
  const store = factsStoreFor(dataDir, log);
  const startupCache = startupCacheFor(dataDir, log);
  const live = await LiveKnowledge.load(corpusDir, store, log, { cacheDir: cacheDirOf(dataDir), ...(startupCache && { startupCache }) });
  const file = path.join(corpusDir, "zz-bench-live.md");
  try {
    // The first update waits for the worker thread to learn the corpus's people; a bot has long done so when the
    // next article arrives, so that wait is reported on its own.
    await live.ready();
    const readyMs = Math.round(performance.now() - started);
    writeFileSync(file, NEW_ARTICLE);
    const added = await timed(live, file, () => live.answers().who("Ingrid Solberg").person !== null);
    writeFileSync(file, NEW_ARTICLE.replace("2027", "2028"));
    const changed = await timed(live, file, () => live.answers().when("finish the northern quay").events[0]?.date === "2028");
    rmSync(file);
    const removed = await timed(live, file, () => live.answers().who("Ingrid Solberg").person === null);
    return { readyMs, added, changed, removed };
  } finally {
    rmSync(file, { force: true });
    await live.close();
  }
}

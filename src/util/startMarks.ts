// When each part of a process's start was done, for a benchmark to print (npm run bench:shard-start): the wall time
// and the main thread's CPU time at each mark. Nothing is kept unless a bench turned it on: a mark is then one call
// that returns at once.
import { threadCpuMs } from "./threadCpu.ts";

/** A part done: ms from the process's start (wall), and the main thread's CPU time then (ms). */
export interface StartMark {
  part: string;
  wallMs: number;
  cpuMs: number;
}

let marks: StartMark[] | undefined;

/** Keeps the marks from now on (a bench). */
export function keepStartMarks(): void {
  marks = [];
}

/** Notes that `part` is done (kept only when a bench asked for the marks). */
export function startMark(part: string): void {
  marks?.push({ part, wallMs: Math.round(performance.now()), cpuMs: Math.round(mainThreadCpuMs()) });
}

/** The marks kept so far, in the order they came. */
export function startMarks(): readonly StartMark[] {
  return marks ?? [];
}

/** The main thread's CPU time (Linux, at nanosecond resolution: threadCpu.ts); the process's elsewhere. */
function mainThreadCpuMs(): number {
  const thread = threadCpuMs();
  if (thread !== undefined) return thread;
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

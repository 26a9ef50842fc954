// A thread's own CPU time, apart from the modules that use it: the benchmarks' runs and the start marks a bench asks
// for (startMarks.ts) import it, and importing the live run for it would load the live corpus and the NLP libraries
// into a start that needs neither.
import { readFileSync } from "node:fs";

/** Main-thread CPU time in ms (Linux), to tell a long synchronous stretch from a busy machine. */
export function mainThreadCpu(): number | undefined {
  try {
    const fields = (readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * The calling thread's CPU time in ms at nanosecond resolution (Linux's /proc/thread-self/schedstat), for stretches
 * of a few ms, which the 10 ms ticks above cannot tell apart; undefined elsewhere.
 */
export function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}

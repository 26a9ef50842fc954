// How long the code under test holds up the thread it runs on (an answer waits that long), measured so that a loaded
// machine does not count: between two turns of a 5 ms timer, the CPU time this thread itself used. A thread that waits
// for a core (load 20 on two cores) loses wall-clock time, not CPU time; work done on the thread costs both.
// Linux reads the thread's CPU time in /proc/thread-self/schedstat (nanoseconds); elsewhere wall-clock time is used.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

function threadCpuNs(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]);
  } catch {
    return undefined;
  }
}

export interface Pauses {
  /** The longest stretch between two turns of the timer, in CPU milliseconds of this thread (wall ones elsewhere). */
  longestMs: number;
  /** The same stretch in wall-clock milliseconds: what a user would have waited on this machine at this load. */
  longestWallMs: number;
  /** How the stretches were measured. */
  clock: "thread CPU" | "wall";
}

/** Starts measuring; `stop()` ends it and gives the longest pause seen meanwhile. */
export function measurePauses(): { stop: () => Pauses } {
  const useCpu = threadCpuNs() !== undefined;
  const now = (): number => (useCpu ? (threadCpuNs() as number) / 1e6 : performance.now());
  let last = now();
  let lastWall = performance.now();
  let longestMs = 0;
  let longestWallMs = 0;
  const turn = (): void => {
    const at = now();
    const wall = performance.now();
    longestMs = Math.max(longestMs, at - last);
    longestWallMs = Math.max(longestWallMs, wall - lastWall);
    last = at;
    lastWall = wall;
  };
  const timer = setInterval(turn, 5);
  return {
    stop: () => {
      turn();
      clearInterval(timer);
      return { longestMs, longestWallMs, clock: useCpu ? "thread CPU" : "wall" };
    },
  };
}

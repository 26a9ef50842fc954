// How long the code under test holds up the thread it runs on (an answer waits that long), measured so that a loaded
// machine does not count: between two turns of a 5 ms timer, the CPU time this thread itself used. A thread that waits
// for a core (load 20 on two cores) loses wall-clock time, not CPU time; work done on the thread costs both.
// Linux reads the thread's CPU time (src/util/threadCpu.ts, at nanosecond resolution); elsewhere wall-clock time is used.
import { performance } from "node:perf_hooks";
import { threadCpuMs } from "../../src/util/threadCpu.ts";

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
  const useCpu = threadCpuMs() !== undefined;
  const now = (): number => (useCpu ? (threadCpuMs() as number) : performance.now());
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

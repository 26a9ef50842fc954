// Cold and warm starts, each in a fresh process (src/bench/startup.ts), so module loading, JIT warm-up and the
// cache read are all counted as a restarted bot would pay them.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface StartupRun {
  /** Process start to first answer, as the child measured it. */
  readyMs: number;
  /** Process start to every index loaded (a warm start loads the large ones after its first answer). */
  loadedMs: number;
  /** The main thread's CPU time to the first answer (Linux; 10 ms resolution). */
  readyCpuMs?: number;
  /** The same to every index loaded. */
  loadedCpuMs?: number;
  extracted: number;
  heapMB: number;
  rssMB: number;
  /** Highest RSS of the process, while starting. */
  peakRssMB: number;
}

const script = fileURLToPath(new URL("./startup.ts", import.meta.url));
// Run as `npm start` runs the bot: compiled ahead of time (src/launch.mjs).
const launcher = fileURLToPath(new URL("../launch.mjs", import.meta.url));

export function startupRun(corpusDir: string, dataDir: string): StartupRun {
  const out = execFileSync(process.execPath, ["--expose-gc", launcher, script, corpusDir, dataDir], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as StartupRun;
}

// The benches of a shard or leader process on PostgreSQL run as the supervisor runs a shard (src/discord/shards.ts):
// with its Node options (shardExecArgv: 4 MB semi-spaces, --expose-gc) and glibc's mmap threshold (shardEnv). Without
// them the leader benches measured the leader at some 800 MB where a shard process holds 366-424 MB: the options
// are taken from what the supervisor uses (src/discord/shardOptions.ts), so that a bench measures what it starts, whatever
// they say then (and without loading discord.js: a bench loads it where a shard does, src/live/botModules.ts).
// Node reads its options and glibc its environment when the process starts: a bench run without them starts itself
// again with them. `--no-shard-options`: run as started (options given in NODE_OPTIONS or on the command line, and a
// MALLOC_* or GLIBC_TUNABLES set, are kept either way, as the supervisor keeps them).
import { spawn } from "node:child_process";
import { shardEntry, shardEnv, shardExecArgv } from "../discord/shardOptions.ts";

/** The option that runs a bench as started. */
export const AS_STARTED = "--no-shard-options";

/**
 * Starts this bench again as a shard process when it lacks a shard's options, and exits with that run's exit code
 * (never returns then); returns at once when this process has them (or was told to run as started).
 */
export async function runAsShardProcess(argv = process.argv): Promise<void> {
  if (argv.includes(AS_STARTED)) return;
  const execArgv = shardExecArgv(process.execArgv, true);
  const env = shardEnv(process.env);
  if (execArgv.length === process.execArgv.length && Object.keys(env).length === 0) return;
  // Through src/launch.mjs when this one runs through it (npm run), as the supervisor starts its shards.
  const entry = shardEntry(argv);
  const child = spawn(process.execPath, [...execArgv, entry.file, ...entry.args], { stdio: "inherit", env: { ...process.env, ...env } });
  // A signal to this process is passed on; this one waits for the run's exit code.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}

/** What this process runs with of a shard's options, for a bench's output. */
export function shardOptionsInUse(): { execArgv: string[]; mallocMmapThreshold: string | null } {
  return { execArgv: [...process.execArgv], mallocMmapThreshold: process.env.MALLOC_MMAP_THRESHOLD_ ?? null };
}

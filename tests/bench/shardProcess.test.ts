// The shard benches measure a process started as the supervisor starts a shard on PostgreSQL: a bench run without its
// options starts itself again with them (src/bench/shardProcess.ts), keeping its arguments and its exit code.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/files.ts";

/** A bench that prints what it runs with and exits with code 3, run by node through tsx with `env`. */
function bench(args: string[], env: NodeJS.ProcessEnv = {}) {
  const file = path.join(tempDir("shard-process-"), "bench.mts");
  const module = JSON.stringify(path.join(ROOT, "src/bench/shardProcess.ts"));
  writeFileSync(
    file,
    `import { runAsShardProcess, shardOptionsInUse } from ${module};
await runAsShardProcess();
process.stdout.write(JSON.stringify({ ...shardOptionsInUse(), args: process.argv.slice(2), gc: typeof globalThis.gc }));
process.exit(3);
`,
  );
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MALLOC_") && k !== "GLIBC_TUNABLES" && k !== "NEWSDESK_LAUNCHER" && k !== "NODE_OPTIONS"));
  const run = spawnSync(process.execPath, ["--import", "tsx", file, ...args], { cwd: ROOT, encoding: "utf8", env: { ...base, ...env } });
  return { status: run.status, out: JSON.parse(run.stdout || "null") as { execArgv: string[]; mallocMmapThreshold: string | null; args: string[]; gc: string } | null, stderr: run.stderr };
}

describe("a shard bench's process", () => {
  it("runs with a shard's Node options and glibc setting, its arguments and exit code kept", () => {
    const { status, out, stderr } = bench(["--database", "postgres://x/y"]);
    expect(stderr).toBe("");
    expect(status).toBe(3);
    expect(out).toEqual({
      execArgv: ["--max-semi-space-size=4", "--expose-gc", "--import", "tsx"],
      mallocMmapThreshold: "131072",
      args: ["--database", "postgres://x/y"],
      gc: "function",
    });
  }, 60_000);

  it("runs as started when told to, and keeps a malloc setting the admin gave", () => {
    expect(bench(["--no-shard-options"]).out).toMatchObject({ execArgv: ["--import", "tsx"], mallocMmapThreshold: null, gc: "undefined" });
    const tuned = bench([], { MALLOC_ARENA_MAX: "2" }).out;
    expect(tuned).toMatchObject({ execArgv: ["--max-semi-space-size=4", "--expose-gc", "--import", "tsx"], mallocMmapThreshold: null });
  }, 60_000);
});

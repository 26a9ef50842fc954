// SHARDS in the configuration and the pace of shard identifies (src/discord/shards.ts, src/discord/identifyQueue.ts).
import { EventEmitter } from "node:events";
import type { Shard } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { IDENTIFY_INTERVAL_MS, IdentifyQueue, identifyThroughManager, serveIdentifies } from "../../src/discord/identifyQueue.ts";
import { shardEntry, shardEnv, shardExecArgv } from "../../src/discord/shardOptions.ts";

describe("SHARDS", () => {
  it("is auto or a number of shards; unset or empty means one process", () => {
    expect(loadConfig({ SHARDS: "auto" }).shards).toBe("auto");
    expect(loadConfig({ SHARDS: " 4 " }).shards).toBe(4);
    expect(loadConfig({}).shards).toBeUndefined();
    expect(loadConfig({ SHARDS: "" }).shards).toBeUndefined();
  });

  it("anything else stops startup with one line naming the key", () => {
    for (const bad of ["0", "-2", "two", "1.5", "auto,2"]) expect(() => loadConfig({ SHARDS: bad })).toThrow("config: SHARDS must be auto or a number of shards (1 to 9999)");
  });

  it("inside a shard process it is the shard's id the manager set, not the setting", () => {
    expect(loadConfig({ SHARDS: "0", SHARDING_MANAGER: "true", SHARD_COUNT: "2" }).shards).toBeUndefined();
  });
});

describe("shard identifies", () => {
  it("take turns per bucket (shard id % max_concurrency), 5.5 s apart, in the order asked, whatever order the shards start in", async () => {
    vi.useFakeTimers();
    try {
      const queue = new IdentifyQueue(2);
      const granted: [number, number][] = [];
      const ask = (shard: number) => void queue.waitForIdentify(shard).then(() => granted.push([shard, Date.now()]));
      const start = Date.now();
      // Shard 2 first (shard 0 is slow to start), then 0 and 1 together, and 2 again (its process was started again).
      ask(2);
      await vi.advanceTimersByTimeAsync(3000);
      ask(0);
      ask(1);
      ask(2);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(granted.map(([shard, at]) => [shard, at - start])).toEqual([
        [2, 0],
        [1, 3000],
        [0, IDENTIFY_INTERVAL_MS],
        [2, 2 * IDENTIFY_INTERVAL_MS],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a shard process asks the manager for its turn over IPC and identifies once granted; an aborted wait stops waiting", async () => {
    const toManager = new EventEmitter();
    const toShard = new EventEmitter();
    const shardSide = { send: (m: unknown) => toManager.emit("message", m), on: toShard.on.bind(toShard), off: toShard.off.bind(toShard) };
    const managerSide = { on: toManager.on.bind(toManager), send: async (m: unknown) => void toShard.emit("message", m) };
    serveIdentifies(managerSide as unknown as Shard, new IdentifyQueue(1, 200));
    const throttler = identifyThroughManager(shardSide as unknown as NodeJS.Process);
    const t0 = Date.now();
    await throttler.waitForIdentify(0, new AbortController().signal);
    await throttler.waitForIdentify(1, new AbortController().signal);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    const aborted = new AbortController();
    const waiting = throttler.waitForIdentify(0, aborted.signal);
    aborted.abort(new Error("shard destroyed"));
    await expect(waiting).rejects.toThrow("shard destroyed");
    expect(toShard.listenerCount("message")).toBe(0);
  });

  it("a grant the shard process reads late (it was busy) is let go and the turn asked for again, so its identify cannot come close to the next shard's turn", async () => {
    const toManager = new EventEmitter();
    const toShard = new EventEmitter();
    const asks: unknown[] = [];
    const shardSide = { send: (m: unknown) => (asks.push(m), toManager.emit("message", m)), on: toShard.on.bind(toShard), off: toShard.off.bind(toShard) };
    // The manager's grant reaches the shard 300 ms after it was sent, the first time only.
    let delayed = false;
    const managerSide = {
      on: toManager.on.bind(toManager),
      send: async (m: unknown) => {
        if (delayed) return void toShard.emit("message", m);
        delayed = true;
        setTimeout(() => toShard.emit("message", m), 300);
      },
    };
    serveIdentifies(managerSide as unknown as Shard, new IdentifyQueue(1, 50));
    await identifyThroughManager(shardSide as unknown as NodeJS.Process, 200).waitForIdentify(0, new AbortController().signal);
    expect(asks).toHaveLength(2);
    expect(toShard.listenerCount("message")).toBe(0);
  });
});

describe("shard processes", () => {
  it("run the entry point as this process runs: through src/launch.mjs when it launched this one (npm start), else directly", () => {
    const argv = ["/usr/bin/node", "/app/src/main.ts", "--corpus", "news"];
    expect(shardEntry(argv, "/app/src/launch.mjs")).toEqual({ file: "/app/src/launch.mjs", args: ["/app/src/main.ts", "--corpus", "news"] });
    expect(shardEntry(argv, undefined)).toEqual({ file: "/app/src/main.ts", args: ["--corpus", "news"] });
  });

  it("runs a shard reading the database with a smaller new space and a collection of its start's garbage, one holding its indexes with V8's defaults, and keeps options given", () => {
    expect(shardExecArgv(["--enable-source-maps"], true)).toEqual(["--max-semi-space-size=4", "--expose-gc", "--enable-source-maps"]);
    expect(shardExecArgv(["--enable-source-maps"], false)).toEqual(["--enable-source-maps"]);
    expect(shardExecArgv(["--max-semi-space-size=16"], true)).toEqual(["--expose-gc", "--max-semi-space-size=16"]);
    expect(shardExecArgv(["--max_semi_space_size", "8", "--expose_gc"], true)).toEqual(["--max_semi_space_size", "8", "--expose_gc"]);
  });

  it("runs a shard reading the database with glibc's mmap threshold fixed, unless the admin set glibc's malloc", () => {
    expect(shardEnv({ PATH: "/usr/bin" })).toEqual({ MALLOC_MMAP_THRESHOLD_: "131072" });
    expect(shardEnv({ MALLOC_ARENA_MAX: "2" })).toEqual({});
    expect(shardEnv({ GLIBC_TUNABLES: "glibc.malloc.trim_threshold=0" })).toEqual({});
  });
});

// SHARDS in the configuration and the pace of shard starts (src/discord/shards.ts).
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { shardEntry, spawnDelay } from "../../src/discord/shards.ts";

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

describe("shard starts", () => {
  it("are spaced so that no identify bucket (shard id % max_concurrency) identifies twice within 5 s", () => {
    expect(spawnDelay(2, 1)).toBe(5500);
    expect(spawnDelay(32, 16)).toBe(344);
    for (const [total, concurrency] of [[2, 1], [32, 16], [100, 16], [3, 2]] as const) {
      // Shards i and i + concurrency share a bucket; they start `concurrency` delays apart.
      if (total > concurrency) expect(spawnDelay(total, concurrency) * concurrency).toBeGreaterThanOrEqual(5000);
    }
    expect(spawnDelay(2, 16)).toBe(0);
  });
});

describe("shard processes", () => {
  it("run the entry point as this process runs: through src/launch.mjs when it launched this one (npm start), else directly", () => {
    const argv = ["/usr/bin/node", "/app/src/main.ts", "--corpus", "news"];
    expect(shardEntry(argv, "/app/src/launch.mjs")).toEqual({ file: "/app/src/launch.mjs", args: ["/app/src/main.ts", "--corpus", "news"] });
    expect(shardEntry(argv, undefined)).toEqual({ file: "/app/src/main.ts", args: ["--corpus", "news"] });
  });
});

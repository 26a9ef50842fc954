import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bundleFile, codeCacheFile, loadBundle } from "../../src/util/discordBundle.ts";

describe("discord.js loaded from one bundled file (launched processes)", () => {
  it("gives discord.js's values, and keeps V8's code cache for the next load", () => {
    const file = bundleFile();
    const bundled = loadBundle() as Record<string, unknown>;
    const required = createRequire(import.meta.url)("discord.js") as Record<string, unknown>;
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(required).sort());
    expect(bundled.Routes).toBeDefined();
    expect((bundled.Routes as { user: (id: string) => string }).user("1")).toBe((required.Routes as { user: (id: string) => string }).user("1"));
    expect(bundled.version).toBe(required.version);
    expect(existsSync(codeCacheFile(file))).toBe(true);
  });

  // In a fresh process, as a shard loads it (this one has compiled the bundle already, and V8 reuses that): its code
  // cache's file, then what loading discord.js gave.
  const fresh = async (...flags: string[]): Promise<{ cache: string; client: string }> => {
    const module = pathToFileURL(path.join(process.env.NEWSDESK_COMPILED_TREE!, "src", "util", "discordBundle.js")).href;
    const script = [
      `const { bundleFile, codeCacheFile, loadBundle } = await import(${JSON.stringify(module)});`,
      `const cache = codeCacheFile(bundleFile());`,
      `process.stdout.write(JSON.stringify({ cache, client: process.argv.includes("--load") ? typeof loadBundle().Client : "" }));`,
    ].join("\n");
    const { stdout } = await promisify(execFile)(process.execPath, [...flags, "--input-type=module", "-e", script, "--", ...flags, "--load"]);
    return JSON.parse(stdout) as { cache: string; client: string };
  };

  it("loads through a code cache V8 rejects (another Node, a torn file) and writes it again", async () => {
    const { cache } = await fresh();
    writeFileSync(cache, "not a code cache");
    expect((await fresh()).client).toBe("function");
    expect(readFileSync(cache).length).toBeGreaterThan(1000);
  });

  it("keeps a code cache per set of V8 flags, each taken as written (a shard's --expose-gc, its supervisor's none)", async () => {
    const plain = await fresh();
    const shard = await fresh("--expose-gc");
    expect(shard.cache).not.toBe(plain.cache);
    const written = [statSync(plain.cache).mtimeMs, statSync(shard.cache).mtimeMs];
    expect((await fresh("--expose-gc")).client).toBe("function");
    expect((await fresh()).client).toBe("function");
    // Neither refused by V8 (and written again) after the other was loaded.
    expect([statSync(plain.cache).mtimeMs, statSync(shard.cache).mtimeMs]).toEqual(written);
  });
});

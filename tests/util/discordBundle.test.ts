import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bundleFile, loadBundle } from "../../src/util/discordBundle.ts";

describe("discord.js loaded from one bundled file (launched processes)", () => {
  it("gives discord.js's values, and keeps V8's code cache for the next load", () => {
    const file = bundleFile();
    const bundled = loadBundle() as Record<string, unknown>;
    const required = createRequire(import.meta.url)("discord.js") as Record<string, unknown>;
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(required).sort());
    expect(bundled.Routes).toBeDefined();
    expect((bundled.Routes as { user: (id: string) => string }).user("1")).toBe((required.Routes as { user: (id: string) => string }).user("1"));
    expect(bundled.version).toBe(required.version);
    expect(existsSync(`${file}.v8`)).toBe(true);
  });

  it("loads through a code cache V8 rejects (another Node, a torn file) and writes it again", async () => {
    const file = bundleFile();
    writeFileSync(`${file}.v8`, "not a code cache");
    // In a fresh process, as a shard loads it (this one has compiled the bundle already, and V8 reuses that).
    const module = pathToFileURL(path.join(process.env.NEWSDESK_COMPILED_TREE!, "src", "util", "discordBundle.js")).href;
    const script = `const { loadBundle } = await import(${JSON.stringify(module)}); process.stdout.write(typeof loadBundle().Client);`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
    expect(stdout).toBe("function");
    expect(readFileSync(`${file}.v8`).length).toBeGreaterThan(1000);
  });
});

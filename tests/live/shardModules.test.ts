// What a bot process loads before it knows whether it holds the corpus itself: a shard sharing PostgreSQL answers
// from the database and never extracts, so the extraction libraries (compromise's lexicon, chrono-node: some 40 MB of
// RSS together) are loaded only where they are used, the embedded corpus and the leader's writes.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** The packages a fresh process loads while importing `modules` (and nothing else): as ES modules, or by require. */
function packagesLoadedBy(modules: string[]): Set<string> {
  const { imported, required } = packagesOf(modules);
  return new Set([...imported, ...required]);
}

function packagesOf(modules: string[]): { imported: Set<string>; required: Set<string> } {
  // A resolve hook that reports each package it resolves (hooks run in a thread of their own: written to stderr).
  const hook = `export async function resolve(s, c, next) { const r = await next(s, c); const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url); if (m) process.stderr.write("package " + m[1] + "\\n"); return r; }`;
  const script = `import { createRequire, register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});
    for (const m of ${JSON.stringify(modules.map((m) => path.join(root, m)))}) await import(m);
    for (const file of Object.keys(createRequire(import.meta.url).cache)) process.stderr.write("required " + file + "\\n");`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`importing ${modules.join(", ")} failed: ${run.stderr}`);
  const named = (lines: RegExp): Set<string> => new Set([...run.stderr.matchAll(lines)].map((m) => m[1] as string));
  return { imported: named(/^package (\S+)$/gm), required: named(/^required .*?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm) };
}

describe("the modules a shard loads", () => {
  it("loads no extraction library with the bot, only with what extracts", () => {
    const bot = packagesLoadedBy(["src/live/startLiveBot.ts"]);
    expect(bot).toContain("discord.js");
    expect(bot).toContain("minisearch");
    expect(bot).not.toContain("compromise");
    expect(bot).not.toContain("chrono-node");
    // The extractors, which the embedded corpus runs, still load them (compromise's lexicon only when a word is first
    // looked up: src/lexicon/compromise.ts).
    expect(packagesLoadedBy(["src/extract/index.ts"])).toContain("chrono-node");
  }, 60_000);

  it("requires discord.js rather than importing it: an import lexes the package and all it re-exports first", () => {
    const { imported, required } = packagesOf(["src/live/startLiveBot.ts"]);
    expect(required).toContain("discord.js");
    expect(required).toContain("discord-api-types");
    expect(imported).not.toContain("discord.js");
  }, 60_000);
});

// discord.js loaded from one file, with V8's code cache, in a process the launcher started (src/launch.mjs).
// Required as published, discord.js is some 620 files (its builders, @discordjs/ws and rest, undici,
// discord-api-types): each resolved, read and compiled took a shard 0.19-0.23 s of CPU before its first answer. Bundled
// by esbuild into one file the load takes about half that, and compiled from the code cache V8 wrote at the first
// load (Node 20 has no module compile cache: `module.enableCompileCache` is Node 22) about a third (docs/scaling.md).
//
// Never stale: the bundle is named by a hash of npm's record of the installed packages (node_modules/.package-lock.json,
// rewritten by every npm install), esbuild's and Node's versions. It lives in node_modules/.cache (emptied by `npm ci`,
// never committed); a newer bundle removes the older ones (a process that loaded one holds it in memory). Any failure
// (a read-only install, no npm record) falls back to require, as before.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import writeFileAtomic from "write-file-atomic";
import type * as Esbuild from "esbuild";
// One code cache per set of V8 flags (a supervisor and its shards each keep theirs): see codeCacheFile.
import { compileWithCodeCache } from "../launchBundle.mjs";

export { codeCacheFile } from "../launchBundle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheRoot = path.join(root, "node_modules", ".cache", "newsdesk-discordjs");
// Optional native packages discord.js requires inside a try (absent, it does without them): left to require.
const OPTIONAL = ["zlib-sync", "bufferutil", "utf-8-validate", "erlpack", "@discordjs/voice", "ffmpeg-static"];

// Written whole or not at all (as every file the project writes): a process killed mid-write leaves no torn bundle.
const atomicWrite = (file: string, data: string | Uint8Array): void =>
  writeFileAtomic.sync(file, typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

/** The bundle of the installed packages (built now if there is none). */
export function bundleFile(): string {
  const require = createRequire(import.meta.url);
  // esbuild's version from its package.json: requiring esbuild itself cost every load some 8 ms of CPU, for a build
  // that happens once.
  const esbuildVersion = (JSON.parse(readFileSync(require.resolve("esbuild/package.json"), "utf8")) as { version: string }).version;
  const key = createHash("sha256")
    .update(`esbuild ${esbuildVersion} node ${process.version}\u0000`)
    .update(readFileSync(path.join(root, "node_modules", ".package-lock.json")))
    .digest("hex")
    .slice(0, 24);
  const file = path.join(cacheRoot, key, "discord.cjs");
  try {
    readFileSync(`${file}.complete`);
    return file;
  } catch {
    // not built yet
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const esbuild = require("esbuild") as typeof Esbuild;
  const result = esbuild.buildSync({
    entryPoints: [require.resolve("discord.js")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: OPTIONAL,
    write: false,
    logLevel: "error",
  });
  atomicWrite(file, result.outputFiles[0]!.contents);
  atomicWrite(`${file}.complete`, "");
  for (const name of readdirSync(cacheRoot)) if (name !== key) rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  return file;
}

/** discord.js's exports, from the bundle compiled with its code cache (written at the first load). */
export function loadBundle(): unknown {
  const compiled = compileWithCodeCache(bundleFile(), atomicWrite);
  const exports = compiled.run();
  // After the run, the cache holds the functions the load compiled too, not just the top level.
  compiled.keep();
  return exports;
}

/** discord.js's exports: bundled in a launched process (NEWSDESK_LAUNCHER), else (tests through tsx) as required. */
export function requireDiscord(): unknown {
  if (process.env.NEWSDESK_LAUNCHER) {
    try {
      return loadBundle();
    } catch (err) {
      process.stderr.write(`discordBundle: could not load discord.js from ${cacheRoot} (${(err as Error)?.message ?? err}); requiring it\n`);
    }
  }
  return createRequire(import.meta.url)("discord.js");
}

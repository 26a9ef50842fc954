// The caches are named by the code that filled them, so that an upgrade never serves what the new code would not
// produce: the facts cache by the extraction code, the startup cache by the whole pipeline's. The files that count
// are found by following references from the modules whose output is cached: every quoted relative path (imports,
// lazy imports, a worker's URL) that names a file, and the version of each package they import. So a file counts
// wherever it lives (a lexicon in a folder of its own, a helper in util/), and a file that cannot change the output
// (the Discord client, the console) does not: editing an answer function keeps the extracted facts. Computed once
// per process (a few hundred kilobytes read).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface CodeFingerprints {
  /** The code whose output the facts cache keeps: the extractors, and the corpus loader (front matter, text). */
  extraction: string;
  /** Everything a startup build saves depends on: every module of this folder and all they reach (extraction too). */
  pipeline: string;
}

// Relative to the source folder.
const EXTRACTION_ENTRIES = ["extract/index.ts", "corpus/load.ts"];
const PIPELINE_FOLDER = "pipeline";

const SCANNED = /\.[cm]?[jt]s$/;
const RELATIVE = /["'](\.{1,2}\/[^"'\n]+)["']/g;
const PACKAGE = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^."'][^"']*)["']|\bimport\(\s*["']([^."'][^"']*)["']\s*\)/g;

interface Source {
  bytes: Buffer;
  files: string[];
  packages: string[];
}

/** The fingerprints of the code under `src` (default: this program's own source folder). */
export function codeFingerprints(src?: string): CodeFingerprints {
  if (src === undefined) return (own ??= compute(path.dirname(path.dirname(fileURLToPath(import.meta.url)))));
  return compute(src);
}
let own: CodeFingerprints | undefined;

function compute(src: string): CodeFingerprints {
  try {
    const read = sourceReader();
    const pipelineEntries = readdirSync(path.join(src, PIPELINE_FOLDER))
      .filter((name) => SCANNED.test(name))
      .map((name) => path.join(src, PIPELINE_FOLDER, name));
    const extraction = EXTRACTION_ENTRIES.map((entry) => path.join(src, entry));
    return { extraction: fingerprint(src, extraction, read), pipeline: fingerprint(src, [...pipelineEntries, ...extraction], read) };
  } catch {
    // Sources not laid out as in this repository (a bundle): a fingerprint no other process shares, so the caches
    // are never trusted, only rebuilt.
    const untrusted = createHash("sha256").update(`unreadable sources ${process.pid} ${Date.now()} ${Math.random()}`).digest("hex");
    return { extraction: untrusted, pipeline: untrusted };
  }
}

/** A hash of every file reachable from `entries` (by path relative to `src`, so a moved checkout keeps it) and of the packages they import. */
function fingerprint(src: string, entries: readonly string[], read: (file: string) => Source): string {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const source = read(file);
    pending.push(...source.files);
    for (const name of source.packages) packages.add(name);
  }
  const hash = createHash("sha256");
  for (const file of [...files].sort()) hash.update(`\u0000${path.relative(src, file).split(path.sep).join("/")}\u0000`).update(read(file).bytes);
  for (const name of [...packages].sort()) hash.update(`\u0001${name}@${packageVersion(src, name)}`);
  return hash.digest("hex");
}

/** Reads a file (each once) with the files and packages it refers to. Throws when it cannot be read. */
function sourceReader(): (file: string) => Source {
  const cache = new Map<string, Source>();
  const resolved = new Map<string, string | undefined>();
  const resolve = (target: string): string | undefined => {
    if (!resolved.has(target)) resolved.set(target, existingFile(target));
    return resolved.get(target);
  };
  return (file) => {
    const known = cache.get(file);
    if (known) return known;
    const bytes = readFileSync(file);
    const source: Source = { bytes, files: [], packages: [] };
    if (SCANNED.test(file)) {
      const text = bytes.toString("utf8");
      for (const [, spec] of text.matchAll(RELATIVE)) {
        const target = resolve(path.resolve(path.dirname(file), spec as string));
        if (target) source.files.push(target);
      }
      for (const [, fromSpec, importSpec] of text.matchAll(PACKAGE)) {
        const name = packageName((fromSpec ?? importSpec) as string);
        if (name) source.packages.push(name);
      }
    }
    cache.set(file, source);
    return source;
  };
}

/** The file a relative reference names (as Node or tsx would resolve it), or undefined for anything else (a path in a comment). */
function existingFile(target: string): string | undefined {
  for (const candidate of [target, `${target}.ts`, target.replace(/\.js$/, ".ts"), path.join(target, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** `compromise` from "compromise", `@scope/name` from "@scope/name/sub"; undefined for Node's own modules. */
function packageName(spec: string): string | undefined {
  if (spec.startsWith("node:")) return undefined;
  const parts = spec.split("/");
  return (spec.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** The installed version of a package, looked up as Node does (node_modules in the source folder or above it). */
function packageVersion(src: string, name: string): string {
  for (let dir = src; ; dir = path.dirname(dir)) {
    try {
      return String((JSON.parse(readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")) as { version?: unknown }).version);
    } catch {
      if (path.dirname(dir) === dir) return "not found";
    }
  }
}

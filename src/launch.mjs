// `node src/launch.mjs src/main.ts [args]`: runs one of the project's TypeScript entry points (npm start, ask, kb,
// the benchmark's startup run) as JavaScript compiled ahead of time. Loading tsx costs a start about half a second
// of CPU (its loader thread loads it a second time); compiled modules load as plain JavaScript.
//
// Never stale: the compiled tree is named by a hash of every file under src/ and commands/ (and of the compiler's
// version), so an edited source is compiled again before it runs. Reading and hashing the 300 files took every
// launch 30-40 ms of CPU: the hash is kept beside the trees under a stamp of the files' paths and signatures (inode,
// size, modification and change times: any write changes the change time), and taken again only when the stamp is
// new. Compiling takes esbuild a fraction of a second and is done once per state of the sources; the tree lives in
// node_modules/.cache (emptied by `npm ci`, never committed), and a tree unused for a day is removed.
//
// Each module keeps its source's import.meta.url, dirname and filename, so that everything located relative to a
// module (the SQL migrations, and the code fingerprints of src/pipeline/codeFingerprint.ts, which name the caches) is
// what it is when the sources run through tsx: the caches are shared by both ways of running. Worker threads run the
// same compiled tree (NEWSDESK_COMPILED_TREE, read by src/extract/pool.ts spawnWorker): through tsx, a thread would
// cost a start about 1.4 s more CPU (tsx's loader thread, then each module resolved through it).
//
// The entry point itself runs from one esbuild bundle of it and every module and package it imports, compiled with
// V8's code cache (src/launchBundle.mjs, kept in the tree): resolving, reading and compiling the tree's modules and
// the packages' one by one took a shard some 0.2 s more CPU. Where there is no bundle (esbuild failed, a top-level
// await, packages not installed by npm), the entry point runs from the tree, as it did before.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileBundle, entryBundle, writeWhole } from "./launchBundle.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FOLDERS = ["src", "commands"];
const cacheRoot = path.join(root, "node_modules", ".cache", "newsdesk-compiled");

/** Every file under the source folders, relative to the project root, in a fixed order. */
function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.push(rel);
    }
  };
  for (const folder of FOLDERS) if (existsSync(path.join(root, folder))) walk(folder);
  return files;
}

/** The name of the compiled tree for these sources: their paths and bytes, and the compiler's version. */
export function sourcesKey(files = sourceFiles()) {
  // The project's place too: each module keeps its source's absolute URL, so a tree compiled before the project was
  // moved (or for another checkout sharing node_modules) would load what lay beside the old place.
  const hash = createHash("sha256").update(`esbuild ${esbuildVersion()}\u0000${root}\u0000`);
  for (const file of files) hash.update(`${file.split(path.sep).join("/")}\u0000`).update(readFileSync(path.join(root, file))).update("\u0000");
  return hash.digest("hex").slice(0, 24);
}

function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(path.join(root, "node_modules", "esbuild", "package.json"), "utf8")).version;
  } catch {
    return "missing";
  }
}

/** Compiles every TypeScript source into `out` (written beside it, then renamed into place). */
async function compile(files, out) {
  const { build } = await import("esbuild");
  const temporary = `${out}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => f.endsWith(".ts")).map((f) => path.join(root, f)),
    outbase: root,
    outdir: temporary,
    outExtension: { ".js": ".js" },
    bundle: true, // only to apply the plugin: every import stays an import (below)
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
    plugins: [
      {
        name: "one-module-per-source",
        setup(b) {
          // Every import stays as written, but for the extension of the project's own modules; a plain JavaScript module
          // of the project (src/launchBundle.mjs) is not compiled into the tree: imported from its place.
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            if (args.path.startsWith(".") && args.path.endsWith(".mjs")) return { path: path.resolve(args.resolveDir, args.path), external: true };
            return { path: args.path.startsWith(".") ? args.path.replace(/\.ts$/, ".js") : args.path, external: true };
          });
          b.onLoad({ filter: /\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, "utf8")
              .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
              .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
              .replaceAll("import.meta.filename", JSON.stringify(args.path)),
            loader: "ts",
          }));
        },
      },
    ],
  });
  // ES modules, as the project's own package.json says (a folder under node_modules is outside its scope).
  writeFileSync(path.join(temporary, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  writeFileSync(path.join(temporary, "complete"), "");
  try {
    renameSync(temporary, out);
  } catch {
    rmSync(temporary, { recursive: true, force: true }); // another launch compiled the same sources first
  }
  // Trees no launch has used for a day go (a process still running from one may yet import a module of it), and
  // stamps made a day ago (a launch that finds none hashes the files again).
  for (const name of existsSync(stamps) ? readdirSync(stamps) : []) {
    const stamp = path.join(stamps, name);
    if (Date.now() - (statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0) > DAY_MS) rmSync(stamp, { force: true });
  }
  for (const name of readdirSync(cacheRoot)) {
    const tree = path.join(cacheRoot, name);
    const used = statSync(path.join(tree, "complete"), { throwIfNoEntry: false })?.mtimeMs ?? statSync(tree).mtimeMs;
    if (tree !== out && Date.now() - used > DAY_MS) rmSync(tree, { recursive: true, force: true });
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** A stamp of the sources as they lie on disk: each file's path and signature (the signature of src/corpus/load.ts). */
function sourcesStamp(files) {
  // The project's place too, as in sourcesKey: a moved project keeps its files' inodes and times.
  const hash = createHash("sha256").update(`esbuild ${esbuildVersion()}\u0000${root}\u0000`);
  for (const file of files) {
    const info = statSync(path.join(root, file), { bigint: true });
    hash.update(`${file}\u0000${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}\u0000`);
  }
  return hash.digest("hex").slice(0, 24);
}

const stamps = path.join(root, "node_modules", ".cache", "newsdesk-launch-stamps");

/** sourcesKey(files), read from where an earlier launch kept it under the files' stamp (or taken, and kept). */
function knownSourcesKey(files) {
  const stamp = path.join(stamps, sourcesStamp(files));
  try {
    return readFileSync(stamp, "utf8");
  } catch {
    const key = sourcesKey(files);
    try {
      mkdirSync(path.dirname(stamp), { recursive: true });
      writeWhole(stamp, key);
    } catch {
      // not kept: the next launch hashes the files again
    }
    return key;
  }
}

/** The compiled tree of the current sources (compiled now if there is none). */
export async function compiledTree() {
  const files = sourceFiles();
  const out = path.join(cacheRoot, knownSourcesKey(files));
  const complete = path.join(out, "complete");
  if (existsSync(complete)) {
    const now = new Date();
    utimesSync(complete, now, now); // in use: see compile
  } else {
    mkdirSync(cacheRoot, { recursive: true });
    await compile(files, out);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entry = process.argv[2];
  if (!entry?.endsWith(".ts")) {
    process.stderr.write("usage: node src/launch.mjs <entry point>.ts [arguments]\n");
    process.exit(2);
  }
  const source = path.resolve(entry);
  let tree;
  try {
    tree = await compiledTree();
  } catch (err) {
    // A folder that cannot be written (a read-only install): the sources run through tsx, as they always could.
    process.stderr.write(`launch: could not compile the sources into ${cacheRoot} (${err?.message ?? err}); running them through tsx\n`);
    (await import("tsx/esm/api")).register();
  }
  // The entry point sees the arguments it would see run directly; a process it starts of the same program (a shard,
  // src/discord/shards.ts) finds the launcher here.
  process.argv.splice(1, 2, source);
  process.env.NEWSDESK_LAUNCHER = fileURLToPath(import.meta.url);
  // Worker threads run the same tree (src/extract/pool.ts spawnWorker); never one a parent process named.
  if (tree) process.env.NEWSDESK_COMPILED_TREE = tree;
  else delete process.env.NEWSDESK_COMPILED_TREE;
  // The entry point from its bundle when it has one (src/launchBundle.mjs), else from the tree (or through tsx).
  let run;
  try {
    const bundle = tree && (await entryBundle(root, tree, source));
    if (bundle) run = compileBundle(bundle);
  } catch (err) {
    process.stderr.write(`launch: could not bundle ${path.relative(root, source)} (${err?.message ?? err}); running the compiled tree\n`);
  }
  if (run) run();
  else await import(pathToFileURL(tree ? path.join(tree, path.relative(root, source).replace(/\.ts$/, ".js")) : source).href);
}

// The entry point of a launch (src/launch.mjs) run from one file, with V8's code cache. Run as the compiled tree, a
// process loads some 300 modules of its own and as many of its packages (zod, pg, pino, chrono-node, yaml, ...), each
// resolved, read and compiled from scratch at every start (Node 20 has no module compile cache:
// `module.enableCompileCache` is Node 22). Bundled by esbuild into one CommonJS file per entry point, and compiled from
// the code cache V8 wrote in an earlier run, the code of a start is deserialised instead (docs/scaling.md: "One bundle
// per entry point"). discord.js keeps its own bundle (src/util/discordBundle.ts), loaded where it is required.
//
// Never stale: the bundle lies in the compiled tree (named by the sources, the compiler and the project's place), under
// a name taken from npm's record of the installed packages (node_modules/.package-lock.json, rewritten by every npm
// install) and Node's version (what it holds comes from src/, commands/ and node_modules/ only: the tree could import
// nothing else). Its code cache is named by V8's tag of its version and flags too (V8 refuses a cache written under
// other flags), and written by the first run under them (once its start is done: the functions the start compiled are
// in it, not only the top level), and again by a run whose cache V8 refused.
//
// Each source keeps its import.meta.url, dirname and filename (as in the tree), and import.meta.resolve resolves from
// the source's place. A dynamic import() of a bundled module initialises it when it runs, as the import would (esbuild
// wraps such a module in a function): what loads lazily still does. Packages that read files beside themselves or load
// native code stay outside (EXTERNAL), required from the project's node_modules.
// An entry point esbuild cannot bundle (a top-level await: CommonJS has none) runs the compiled tree, said once on
// stderr when it was tried, then remembered beside where the bundle would be.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

// Left to require: esbuild and tsx (native binaries, loaders), jsdom (reads files beside itself, starts a worker of its
// own), discord.js (its own bundle), and the optional native packages some dependencies try to require. pino is
// bundled: its transports (a worker file beside its own) would not be found from the bundle, and none is used
// (src/log.ts writes to stderr itself).
const EXTERNAL = ["esbuild", "tsx", "tsx/*", "jsdom", "discord.js", "pg-native", "zlib-sync", "bufferutil", "utf-8-validate", "erlpack"];
// A code cache is written this long after a run starts (or at its exit, if sooner): by then a bot's start is done.
const WRITE_CACHE_AFTER_MS = 15_000;

/** Where the bundle of `source` lies for this tree, the installed packages and this Node (undefined: no npm record). */
function bundlePath(root, tree, source) {
  let lock;
  try {
    lock = readFileSync(path.join(root, "node_modules", ".package-lock.json"));
  } catch {
    return undefined; // packages not installed by npm: nothing names their state
  }
  const key = createHash("sha256").update(`node ${process.version}\u0000`).update(lock).digest("hex").slice(0, 16);
  const name = path.relative(root, source).split(path.sep).join("__").replace(/\.ts$/, "");
  return path.join(tree, "bundles", `${name}.${key}.cjs`);
}

/**
 * Writes `data` beside `file`, then renames it into place: never a torn file, whoever writes it at the same time. The
 * launcher's own (src/launch.mjs's stamps too): it loads no package before it runs the entry point.
 */
export function writeWhole(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

// Spelt in two parts: this module is bundled too (src/util/discordBundle.ts imports it), and its own text is rewritten.
const META = ["import", "meta"].join(".");
const metaOf = (file) => ({
  [`${META}.url`]: JSON.stringify(pathToFileURL(file).href),
  [`${META}.dirname`]: JSON.stringify(path.dirname(file)),
  [`${META}.filename`]: JSON.stringify(file),
  [`${META}.resolve(`]: `__newsdeskResolve(${JSON.stringify(file)}, `,
});

/** Bundles `source` into `file` (or, when esbuild cannot, says why in `${file}.unbundled`, and throws). */
async function buildBundle(source, file) {
  const { build } = await import("esbuild");
  mkdirSync(path.dirname(file), { recursive: true });
  let result;
  try {
    result = await build({
      entryPoints: [source],
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      external: EXTERNAL,
      // import() becomes a require inside a promise: a bundled module is initialised then, an external one required.
      supported: { "dynamic-import": false },
      banner: { js: RESOLVE_HELPER },
      write: false,
      logLevel: "silent",
      plugins: [{ name: "import-meta-per-file", setup: (b) => b.onLoad({ filter: /\.(ts|mts|cts|js|mjs|cjs)$/ }, rewriteImportMeta) }],
    });
  } catch (err) {
    const why = (err?.errors?.[0]?.text ?? err?.message ?? String(err)).split("\n")[0];
    writeWhole(`${file}.unbundled`, why);
    throw new Error(why, { cause: err });
  }
  writeWhole(file, result.outputFiles[0].contents);
}

/** A module's import.meta as it would be at its own place (esbuild leaves it empty in a CommonJS bundle). */
function rewriteImportMeta(args) {
  const text = readFileSync(args.path, "utf8");
  if (!text.includes(META)) return undefined;
  let contents = text;
  for (const [from, to] of Object.entries(metaOf(args.path))) contents = contents.replaceAll(from, to);
  const extension = path.extname(args.path).slice(1);
  return { contents, loader: extension.endsWith("ts") ? "ts" : "js", resolveDir: path.dirname(args.path) };
}

// import.meta.resolve of a module at `file`: as Node resolves a require from there (the bundle runs no ES module).
const RESOLVE_HELPER = `var __newsdeskResolve = (file, specifier) => require("node:url").pathToFileURL(require("node:module").createRequire(file).resolve(specifier)).href;`;

/** The bundle of `source` for this tree (built now if there is none), or undefined where there is none to run. */
export async function entryBundle(root, tree, source) {
  const file = bundlePath(root, tree, source);
  if (file === undefined) return undefined;
  if (existsSync(`${file}.unbundled`)) return undefined; // said when it was tried
  if (!existsSync(file)) await buildBundle(source, file);
  return file;
}

/** Where the code cache of `file` is kept for this V8: named by its tag of its version, flags and CPU, since V8 refuses a
 * cache written under others (a shard's --expose-gc and semi-space, against its supervisor's none). */
export const codeCacheFile = (file) => `${file}.${v8.cachedDataVersionTag().toString(16)}.v8`;

/**
 * The CommonJS file `file` compiled with the code cache V8 wrote for it under these flags: `run` runs it as require
 * would and gives its exports; `keep` writes its code cache (with every function compiled so far, not just the top
 * level) when there was none or V8 refused it, once. Used by the launcher and by src/util/discordBundle.ts.
 */
export function compileWithCodeCache(file, write = writeWhole) {
  const codeCache = codeCacheFile(file);
  let cachedData;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    // the first run under these flags: written by keep
  }
  // As require would run it: the module's function, with a require that resolves from the file's folder (up to the
  // project's node_modules) for the packages left outside it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`, {
    filename: file,
    cachedData,
  });
  let toWrite = cachedData === undefined || script.cachedDataRejected === true;
  return {
    run() {
      const module = { exports: {} };
      script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
      return module.exports;
    },
    keep() {
      if (!toWrite) return;
      toWrite = false;
      try {
        write(codeCache, script.createCachedData());
      } catch {
        // not kept: the next run compiles from the source
      }
    },
  };
}

/** The entry point's bundle compiled, ready to run; its code cache written once the start is done (or at the exit). */
export function compileBundle(file) {
  const compiled = compileWithCodeCache(file);
  setTimeout(compiled.keep, WRITE_CACHE_AFTER_MS).unref();
  process.once("exit", compiled.keep);
  return compiled.run;
}

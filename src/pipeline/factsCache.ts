// The facts store persisted under DATA_DIR, so a restart re-extracts nothing that did not change. One file per
// article, named by the article's hash, in a folder named by the extraction code (`<dir>/facts-<code>/<hash>.json`,
// the code's fingerprint from codeFingerprint.ts): a change to one article rewrites one small file, a crash can only
// lose the file being written, and any change to the extractors (no version to remember to bump) leaves the old
// folder behind to be removed. Each file starts with a header line (kind, format, code, key, checksum of the rest);
// a file that fails any check is ignored, removed and re-extracted: the cache is never trusted over the articles.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { readdir, rm, unlink } from "node:fs/promises";
import path from "node:path";
import type PQueue from "p-queue";
import writeFileAtomic from "write-file-atomic";
import { createMemoryFactsStore, type CachedArticle, type FactsStore } from "../kb/store.ts";
import type { Logger } from "../log.ts";
import { codeFingerprints } from "./codeFingerprint.ts";

const KIND = "newsdesk-facts";
const FORMAT = 2;
const FILE = /^[0-9a-f]{64}\.json$/;
// A folder of this cache, by any code (facts-v2 and the like: the hand-bumped extractor versions of earlier releases).
const CODE_DIR = /^facts-(?:v\d+|[0-9a-f]{16})$/;
// File operations in flight at once: a cold build sets thousands of entries in a burst, more than the open-file limit.
const MAX_IN_FLIGHT = 16;
// How long after opening the folder is listed in the background: after a warm start's first answers.
const LIST_AFTER_MS = 2000;

interface Header {
  kind: string;
  format: number;
  /** The extraction code's fingerprint. */
  code: string;
  key: string;
  sha256: string;
}

export interface FactsCacheOptions {
  /** The fingerprint of the extraction code whose facts are read and written (default: this program's). */
  code?: string;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Serialises one entry as the cache stores it (exported for tests that forge foreign or corrupt files). */
export function encodeEntry(key: string, entry: CachedArticle, code = codeFingerprints().extraction): string {
  const body = JSON.stringify(entry);
  const header: Header = { kind: KIND, format: FORMAT, code, key, sha256: sha256(body) };
  return `${JSON.stringify(header)}\n${body}`;
}

/** The entry in a cache file's text, or why it cannot be trusted. */
function decodeEntry(text: string, key: string, code: string): CachedArticle | string {
  const newline = text.indexOf("\n");
  if (newline < 0) return "no header";
  let header: Partial<Header>;
  try {
    header = JSON.parse(text.slice(0, newline)) as Partial<Header>;
  } catch {
    return "header is not JSON";
  }
  if (header.kind !== KIND || header.format !== FORMAT) return "not a facts cache file of this format";
  if (header.code !== code) return "written by other extraction code";
  if (header.key !== key) return "key does not match the file name";
  const body = text.slice(newline + 1);
  if (sha256(body) !== header.sha256) return "checksum mismatch (truncated or damaged)";
  const entry = JSON.parse(body) as Partial<CachedArticle>;
  const facts = entry.facts;
  const shaped =
    typeof entry.meta?.title === "string" &&
    typeof entry.meta.published === "string" &&
    typeof facts?.article === "string" &&
    [facts.sentences, facts.people, facts.quotes, facts.fragments, facts.events].every(Array.isArray);
  return shaped ? (entry as CachedArticle) : "unexpected content";
}

/** The folder of `dir` that holds the facts of this extraction code. */
const folderOf = (dir: string, code: string): string => path.join(dir, `facts-${code.slice(0, 16)}`);

/**
 * An entry of the cache under `dir`, read without touching anything (the live corpus's worker thread reads what the
 * main thread's cache wrote); undefined when it is not there or cannot be trusted (the main thread deals with that).
 */
export function readCachedFacts(dir: string, key: string, code = codeFingerprints().extraction): CachedArticle | undefined {
  try {
    const found = decodeEntry(readFileSync(path.join(folderOf(dir, code), `${key}.json`), "utf8"), key, code);
    return typeof found === "string" ? undefined : found;
  } catch {
    return undefined;
  }
}

/**
 * Opens (creating if needed) the cache under `dir`. Entries are read when a build asks for them, not at open: a start
 * whose saved knowledge base is still good (see startupCache.ts) reads none of them. What a build read is
 * kept until the build ends (`retain`). Problems are logged as one line per kind (other code's folder, the
 * damaged files a build met), never thrown: a bad cache only costs time.
 */
export function openFactsCache(dir: string, log: Logger, options: FactsCacheOptions = {}): FactsStore {
  const code = options.code ?? codeFingerprints().extraction;
  const own = folderOf(dir, code);
  const folder = path.basename(own);
  mkdirSync(own, { recursive: true });
  // The queue's package is loaded with the first write or removal: a warm start makes none (10 ms of its CPU).
  let queue: Promise<PQueue> | undefined;
  const track = (work: () => Promise<unknown>): void => {
    queue ??= import("p-queue").then(({ default: Queue }) => new Queue({ concurrency: MAX_IN_FLIGHT }));
    void queue
      .then((q) => q.add(work))
      .catch((err: unknown) => log.warn({ err }, "facts cache: a write or removal failed (the cache is only an optimisation)"));
  };

  for (const name of readdirSync(dir)) {
    if (!CODE_DIR.test(name) || name === folder) continue;
    log.info({ dir: path.join(dir, name) }, "facts cache of other extraction code ignored (the extractors changed); removing it");
    track(() => rm(path.join(dir, name), { recursive: true, force: true }));
  }

  const fileOf = (key: string): string => path.join(own, `${key}.json`);
  const rejected: string[] = [];
  const reject = (name: string, why: string): void => {
    rejected.push(`${name}: ${why}`);
    track(() => unlink(path.join(own, name)));
  };
  // The keys on disk; anything else in the folder is a write cut short. Listed when first needed: a warm start that
  // reuses its saved build reads no entry, and listing 10,000 files cost it 20-40 ms.
  let listed: Set<string> | undefined;
  const keysOf = (names: string[]): Set<string> => {
    const keys = new Set<string>();
    for (const name of names) {
      if (FILE.test(name)) keys.add(name.replace(/\.json$/, ""));
      else reject(name, "not a cache file (a write cut short?)");
    }
    return keys;
  };
  const onDisk = (): Set<string> => (listed ??= keysOf(readdirSync(own)));
  // Listed in the background a moment after opening, so the first live update does not list the folder on the
  // thread that answers (at 20,000 articles a synchronous listing stopped answers for about 100 ms); a get or set
  // before that lists at once, and the background result is then dropped.
  const listLater = setTimeout(() => {
    readdir(own)
      .then((names) => void (listed ??= keysOf(names)))
      .catch(() => undefined); // the folder went away (a test's temporary folder): a later get lists it again
  }, LIST_AFTER_MS);
  listLater.unref();
  const memory = createMemoryFactsStore();
  const read = (key: string): CachedArticle | undefined => {
    let found: CachedArticle | string;
    try {
      found = decodeEntry(readFileSync(fileOf(key), "utf8"), key, code);
    } catch (err) {
      found = (err as Error).message;
    }
    if (typeof found !== "string") return found;
    onDisk().delete(key);
    reject(`${key}.json`, found);
    return undefined;
  };

  return {
    get: (key) => {
      const known = memory.get(key);
      if (known || !onDisk().has(key)) return known;
      const entry = read(key);
      if (entry) memory.set(key, entry);
      return entry;
    },
    set: (key, entry) => {
      memory.set(key, entry);
      onDisk().add(key);
      // No fsync: losing a cache file to a power cut costs one re-extraction, and 10,000 fsyncs cost seconds.
      const text = encodeEntry(key, entry, code);
      track(() => writeFileAtomic(fileOf(key), text, { fsync: false }));
    },
    retain: (keep) => {
      const keys = onDisk();
      for (const key of keys) {
        if (keep.has(key)) continue;
        keys.delete(key);
        track(() => unlink(fileOf(key)));
      }
      // The build that called this has what it needs: the entries stay on disk, not in memory.
      memory.retain(new Set());
      if (rejected.length > 0)
        log.warn({ dir: own, first: rejected[0] }, `facts cache: ignored ${rejected.length} file(s) that could not be trusted; those articles will be extracted again`);
      rejected.length = 0;
    },
    flush: async () => (await queue)?.onIdle(),
  };
}

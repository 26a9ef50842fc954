// What the last startup build made, saved beside the facts cache (`<dir>/startup.json`): the knowledge base and
// the answer indexes. A restart over an unchanged corpus loads them and is done; it reads no article's facts,
// merges no people and builds no index. The file is named by the corpus it was built from (every article's id
// and file hash, in order) and by the code that built it (the pipeline's fingerprint from codeFingerprint.ts, so an
// upgrade never serves answers the new code would not give); any difference and it is not used. A damaged file is ignored
// with a log line, and the next build replaces it. Only a build at startup writes it: rewriting it after every
// live reload would block the event loop for seconds while the bot is answering.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { SavedIndexes } from "../answer/indexes.ts";
import type { KnownFile } from "../corpus/load.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { removeStaleTemporaries } from "../util/staleTemporaries.ts";
import { codeFingerprints } from "./codeFingerprint.ts";

const KIND = "newsdesk-startup";
const FORMAT = 2;
const INDEX_SECTIONS = ["descriptions", "events", "quotes", "sentences", "eventTerms", "sentenceTerms", "quoteFrequencies"] as const;
/** One JSON document per line, in this order, after the header line. */
const SECTIONS = ["articles", "kb", ...INDEX_SECTIONS] as const;

export interface SavedKnowledge {
  kb: KnowledgeBase;
  indexes: SavedIndexes;
}

export interface StartupCache {
  /** Front matter of an article the saved build holds, by file hash (so the corpus load need not parse it). */
  knownMeta(hash: string): ArticleMeta | undefined;
  /** What the saving start read from a file of this name (a file still the same need not be read again). */
  knownFile(name: string): KnownFile | undefined;
  /** The saved knowledge, if it was built from exactly these articles by this code; read once, at startup. */
  read(articles: readonly Article[]): SavedKnowledge | undefined;
  write(articles: readonly Article[], saved: SavedKnowledge): void;
  /** Resolves when the last write is on disk. */
  flush(): Promise<void>;
}

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

const codeFingerprint = (): string => codeFingerprints().pipeline;

/** Names the saved knowledge: the code, then each article (id and file hash) in corpus order. */
export function startupKey(articles: readonly Article[]): string {
  const hash = createHash("sha256").update(`${KIND}:${FORMAT}:${codeFingerprint()}`);
  for (const a of articles) hash.update(`\u0001${a.id}\u0002${a.hash}`);
  return hash.digest("hex");
}

/** Per article file: its name, signature, hash and front matter, as the saving start read them. */
type SavedArticle = [name: string, signature: string, hash: string, meta: ArticleMeta];

interface Header {
  kind?: string;
  format?: number;
  /** The code fingerprint of the saving start (also part of `key`). */
  code?: string;
  key?: string;
  sha256?: string;
}

/** The file, split into its header and its section lines (still bytes: each is parsed when it is used). */
function readSaved(file: string): { header: Header; body: Buffer; lines: (Buffer | undefined)[] } | string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // nothing saved yet
  }
  const lines: Buffer[] = [];
  for (let start = 0; start <= bytes.length; ) {
    const end = bytes.indexOf(10, start);
    const stop = end < 0 ? bytes.length : end;
    lines.push(bytes.subarray(start, stop));
    start = stop + 1;
  }
  let header: Header;
  try {
    header = JSON.parse(lines[0]?.toString("utf8") ?? "") as Header;
  } catch {
    return "the header is not JSON";
  }
  if (header.kind !== KIND || header.format !== FORMAT) return "not a startup cache file of this format";
  if (lines.length !== SECTIONS.length + 1) return "wrong number of sections (truncated or damaged)";
  return { header, body: bytes.subarray((lines[0]?.length ?? 0) + 1), lines: lines.slice(1) };
}

export function openStartupCache(dir: string, log: Logger): StartupCache {
  const file = path.join(dir, "startup.json");
  let found = readSaved(file);
  const ignore = (problem: string): undefined => {
    log.warn({ file }, `saved knowledge ignored: ${problem}; building it instead`);
    found = undefined;
    return undefined;
  };
  if (typeof found === "string") ignore(found);
  // What the saving start read of each article file, by hash and by file name.
  let known: { byHash: Map<string, ArticleMeta>; byName: Map<string, KnownFile> } | undefined;
  const knownArticles = (): { byHash: Map<string, ArticleMeta>; byName: Map<string, KnownFile> } => {
    if (known) return known;
    known = { byHash: new Map(), byName: new Map() };
    try {
      // Front matter read by other code may not be what this code reads: only the same code's is reused.
      const line = typeof found === "object" && found.header.code === codeFingerprint() ? found.lines[SECTIONS.indexOf("articles")] : undefined;
      for (const [name, signature, hash, meta] of line ? (JSON.parse(line.toString("utf8")) as SavedArticle[]) : []) {
        known.byHash.set(hash, meta);
        known.byName.set(name, { signature, hash, meta });
      }
    } catch {
      ignore("the article list is not JSON");
    }
    return known;
  };
  // A start killed while saving leaves write-file-atomic's temporary file (as large as the cache): removed here.
  let writing: Promise<void> = removeStaleTemporaries(file);
  return {
    knownMeta: (hash) => knownArticles().byHash.get(hash),
    knownFile: (name) => knownArticles().byName.get(name),
    read: (articles) => {
      const saved = found;
      found = undefined; // read once: the bytes are not kept past startup
      known = undefined;
      if (!saved || typeof saved === "string" || saved.header.key !== startupKey(articles)) return undefined;
      if (sha256(saved.body) !== saved.header.sha256) return ignore("checksum mismatch (truncated or damaged)");
      // Each section is parsed when it is used, and its bytes let go of then: a start holds one parsed index
      // section at a time, and none of the file once the last is loaded.
      const lines: (Buffer | undefined)[] = saved.lines;
      const take = (name: (typeof SECTIONS)[number]): unknown => {
        const at = SECTIONS.indexOf(name);
        const line = lines[at];
        if (!line) throw new Error(`startup cache: section "${name}" was already read`);
        lines[at] = undefined;
        return JSON.parse(line.toString("utf8"));
      };
      try {
        const kb = take("kb") as KnowledgeBase;
        lines[SECTIONS.indexOf("articles")] = undefined;
        const indexes = {} as SavedIndexes;
        for (const name of INDEX_SECTIONS) Object.defineProperty(indexes, name, { enumerable: true, get: () => take(name) });
        return { kb, indexes };
      } catch {
        return ignore("the knowledge base section is not JSON");
      }
    },
    write: (articles, saved) => {
      const read: SavedArticle[] = articles.map((a) => [path.basename(a.file), a.signature, a.hash, a.meta]);
      const body = Buffer.from(
        [JSON.stringify(read), JSON.stringify(saved.kb), ...INDEX_SECTIONS.map((name) => JSON.stringify(saved.indexes[name]))].join("\n"),
      );
      const header = JSON.stringify({ kind: KIND, format: FORMAT, code: codeFingerprint(), key: startupKey(articles), sha256: sha256(body) });
      writing = writing
        .then(() => mkdir(dir, { recursive: true }))
        .then(() => writeFileAtomic(file, Buffer.concat([Buffer.from(`${header}\n`), body]), { fsync: false }))
        .catch((err: unknown) => log.warn({ err, file }, "could not save the knowledge base and indexes (the next start builds them)"));
    },
    flush: () => writing,
  };
}

// What the last startup build made, saved beside the facts cache (`<dir>/startup.json`): the knowledge base and
// the answer indexes. A restart over an unchanged corpus loads them and is done; it reads no article's facts,
// merges no people and builds no index. The file is named by the corpus it was built from (every article's id
// and file hash, in order) and by the code that built it (the pipeline's fingerprint from codeFingerprint.ts, so an
// upgrade never serves answers the new code would not give); any difference and it is not used. A damaged file is ignored
// with a log line, and the next build replaces it. Only a build at startup writes it: rewriting it after every
// live reload would block the event loop for seconds while the bot is answering.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { endianness } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import writeFileAtomic from "write-file-atomic";
import type { SavedIndexes } from "../answer/indexes.ts";
import type { SavedCounts } from "../answer/rareLead.ts";
import type { KnownFile } from "../corpus/load.ts";
import { savedArticle } from "../corpus/savedArticle.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import { EventTable, type SavedEvents } from "../kb/eventTable.ts";
import { packSentences, unpackSentences, withoutSentences, type ArticleWithoutSentences, type PackedSentences } from "../kb/sentenceStore.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { removeStaleTemporaries } from "../util/staleTemporaries.ts";
import { codeFingerprints } from "./codeFingerprint.ts";
import { checkFolder } from "./folderCheck.ts";

const KIND = "newsdesk-startup";
// Format 4: the knowledge base's sentences are saved packed (src/kb/sentenceStore.ts: a table of integers in this
// machine's byte order, and their text), not as JSON objects. Format 5: the header names the corpus folder, and the
// article list is columns of names, signatures and hashes, with the front matter only of articles the knowledge
// base does not hold (the others' is in the knowledge base); the name index is saved (src/answer/name-index.ts).
// Format 6: the JSON sections are ASCII, every other character escaped (see jsonBytes). Format 7: the knowledge
// base's events are its packed table (src/kb/eventTable.ts: its strings and integers), not a list of objects.
const FORMAT = 7;
/** The sections every warm start reads at once: checked before the saved build is used, so damage means a rebuild. */
const EAGER = ["articles", "kb", "sentenceTable", "sentenceText", "eventTerms", "sentenceTerms", "quoteFrequencies", "names"] as const;
/** The term counts: read and checked with the others, parsed when first used (no first answer needs them). */
const COUNTS = new Set<SectionName>(["eventTerms", "sentenceTerms", "quoteFrequencies"]);
/** The sections that are not JSON: the packed sentences. */
const PACKED = new Set<SectionName>(["sentenceTable", "sentenceText"]);
/**
 * The indexes read when each loads (after the first answers; the descriptions index is read by role questions only):
 * a damaged one is built instead. Which sections are read at once is no part of the format (the header places each).
 */
const LAZY = ["descriptions", "quotes", "events", "sentences"] as const;
const SECTIONS = [...EAGER, ...LAZY] as const;
type SectionName = (typeof SECTIONS)[number];

export interface SavedKnowledge {
  kb: KnowledgeBase;
  indexes: SavedIndexes;
}

/** A saved build used before the folder is checked (StartupCache.start). */
export interface SavedStart extends SavedKnowledge {
  /** The articles the build was made from, in corpus order (a file is read only when its text is asked for). */
  articles: Article[];
  /**
   * The folder checked against the saved file list, on a worker thread: resolves to the names of the files that
   * are new, changed or gone since (none: the saved build is the folder's); rejects when the check could not be made.
   */
  check: Promise<string[]>;
  /**
   * Whether the saved build is that of these articles, as read from the folder after the check found files that
   * differ (a file that is no article, or one rewritten with the same bytes, changes no article): the saved file is
   * closed when not.
   */
  madeOf(articles: readonly Article[]): boolean;
}

export interface StartupCache {
  /** Front matter of an article the saved build holds, by file hash (so the corpus load need not parse it). */
  knownMeta(hash: string): ArticleMeta | undefined;
  /** What the saving start read from a file of this name (a file still the same need not be read again). */
  knownFile(name: string): KnownFile | undefined;
  /**
   * The saved knowledge, if it was built from exactly these articles by this code; read once, at startup. Its
   * event, quote and sentence indexes are read from the file when first touched: one found damaged then is
   * logged and throws (the caller builds that index instead).
   */
  read(articles: readonly Article[]): SavedKnowledge | undefined;
  /**
   * The saved knowledge, if it was built from the folder `dir` by this code, read at once while a worker thread
   * checks the folder's files (see SavedStart.check); read once, at startup, instead of `read`. Whoever uses it must
   * wait for the check before answering, or bring the knowledge up to date with the files it names. Optional: a
   * cache that never offers a saved build (the corpus writer's list of files seen) has none.
   */
  start?(dir: string): SavedStart | undefined;
  write(articles: readonly Article[], saved: SavedKnowledge): void;
  /** Resolves when the last write is on disk. */
  flush(): Promise<void>;
}

// A section's checksum finds a file cut short or damaged on disk (the file is this machine's own, not an input to
// trust): CRC-32 does that at a third of SHA-256's cost (the 23 MB a warm start reads at 10,000 articles: 5 ms
// instead of 15 ms of CPU, and 10 ms saved again as the large indexes load).
const checksum = (data: Uint8Array): number => crc32(data);

const codeFingerprint = (): string => codeFingerprints().pipeline;

// The JSON sections are saved as ASCII, every other character escaped ("\u00e9"), and read as Latin-1: a few dozen
// accented letters or curly quotes among 8 MB made the whole text of the knowledge base a two-byte string, decoded
// from UTF-8 at a fifth of the speed and parsed more slowly (30-50 ms of a warm start's 0.9 s at 10,000 articles).
const NOT_ASCII = /[\u0080-\uffff]/g;
const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value).replace(NOT_ASCII, escaped), "latin1");
const jsonOf = (bytes: Buffer): unknown => JSON.parse(bytes.toString("latin1"));

/** Names the saved knowledge: the code, then each article (id and file hash) in corpus order. */
export function startupKey(articles: readonly Article[]): string {
  const hash = createHash("sha256").update(`${KIND}:${FORMAT}:${endianness()}:${codeFingerprint()}`);
  for (const a of articles) hash.update(`\u0001${a.id}\u0002${a.hash}`);
  return hash.digest("hex");
}

/**
 * The article files as the saving start read them, as columns: name, signature and hash at the same index; the front
 * matter, by name, of those the knowledge base does not hold (their extraction failed).
 */
interface SavedList {
  names: string[];
  signatures: string[];
  hashes: string[];
  meta: Record<string, ArticleMeta>;
}

interface Header {
  kind?: string;
  format?: number;
  /** The code fingerprint of the saving start (also part of `key`). */
  code?: string;
  /** The corpus folder it was built from (absolute). */
  corpus?: string;
  key?: string;
  /** Each section's name, length in bytes and CRC-32, in file order (each is followed by a newline). */
  sections?: [name: string, length: number, checksum: number][];
}

/**
 * The file opened and its header read: each section is read (and checked against its own checksum) only when it is
 * used, so a start never holds the whole file, and the large indexes are read after the first answers. The file
 * stays open until every section is read, so a start saving a new file meanwhile (renamed over this one) changes
 * nothing under it.
 */
interface SavedFile {
  header: Header;
  /** The bytes of a section, checked; throws (naming the problem) when they are not what the header says. */
  section(name: SectionName): Buffer;
  close(): void;
}

const HEADER_LIMIT = 1 << 16;

function openSaved(file: string): SavedFile | string | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined; // nothing saved yet
  }
  const fail = (problem: string): string => {
    closeSync(fd);
    return problem;
  };
  const size = fstatSync(fd).size;
  const start = Buffer.alloc(Math.min(size, HEADER_LIMIT));
  const newline = start.subarray(0, readSync(fd, start, 0, start.length, 0)).indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(start.subarray(0, newline < 0 ? 0 : newline).toString("utf8")) as Header;
  } catch {
    return fail("the header is not JSON");
  }
  if (header.kind !== KIND || header.format !== FORMAT || !Array.isArray(header.sections)) return fail("not a startup cache file of this format");
  const at = new Map<string, { offset: number; length: number; checksum: number }>();
  let offset = newline + 1;
  for (const [name, length, hash] of header.sections) {
    at.set(name, { offset, length, checksum: hash });
    offset += length + 1;
  }
  if (SECTIONS.some((name) => !at.has(name))) return fail("not a startup cache file of this format");
  if (offset !== size) return fail("its length is not its sections' (truncated or damaged)");
  let open = true;
  return {
    header,
    section: (name) => {
      const where = at.get(name);
      if (!open || !where) throw new Error(`the section "${name}" cannot be read again`);
      const bytes = Buffer.allocUnsafeSlow(where.length);
      if (readSync(fd, bytes, 0, where.length, where.offset) !== where.length || checksum(bytes) !== where.checksum) throw new Error("checksum mismatch (truncated or damaged)");
      return bytes;
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

export function openStartupCache(dir: string, log: Logger): StartupCache {
  const file = path.join(dir, "startup.json");
  let found = openSaved(file);
  const ignore = (problem: string): undefined => {
    log.warn({ file }, `saved knowledge ignored: ${problem}; building it instead`);
    if (typeof found === "object") found.close();
    found = undefined;
    return undefined;
  };
  if (typeof found === "string") ignore(found);
  const problemOf = (err: unknown): string => (err instanceof SyntaxError ? "a section is not JSON" : (err as Error).message);
  // What the saving start read of each article file, by hash and by file name.
  let known: { byHash: Map<string, ArticleMeta>; byName: Map<string, KnownFile> } | undefined;
  const learn = (list: SavedList, kbMeta: ReadonlyMap<string, ArticleMeta>): void => {
    known = { byHash: new Map(), byName: new Map() };
    list.names.forEach((name, i) => {
      const meta = list.meta[name] ?? kbMeta.get(articleIdOf(name));
      if (!meta || !known) return;
      known.byHash.set(list.hashes[i] as string, meta);
      known.byName.set(name, { signature: list.signatures[i] as string, hash: list.hashes[i] as string, meta });
    });
  };
  // The list a start read (start), learnt from only if the folder turns out changed.
  let unlearnt: { list: SavedList; kbMeta: ReadonlyMap<string, ArticleMeta> } | undefined;
  const knownArticles = (): { byHash: Map<string, ArticleMeta>; byName: Map<string, KnownFile> } => {
    if (unlearnt) learn(unlearnt.list, unlearnt.kbMeta);
    unlearnt = undefined;
    if (known) return known;
    known = { byHash: new Map(), byName: new Map() };
    // Front matter read by other code may not be what this code reads: only the same code's is reused.
    if (typeof found !== "object" || found.header.code !== codeFingerprint()) return known;
    try {
      const saved = found;
      const list = jsonOf(saved.section("articles")) as SavedList;
      learn(list, metaById((jsonOf(saved.section("kb")) as StoredKb).articles));
    } catch (err) {
      ignore(problemOf(err));
    }
    return known ?? { byHash: new Map(), byName: new Map() };
  };
  /** The knowledge base and indexes of the file, its large indexes read when each loads (see `read`). */
  const knowledgeOf = (saved: SavedFile, kbMeta?: (stored: StoredKb) => void): SavedKnowledge => {
    const parse = (name: SectionName): unknown => jsonOf(saved.section(name));
    const eager = Object.fromEntries(
      EAGER.filter((name) => name !== "articles" && !PACKED.has(name)).map((name) => [name, COUNTS.has(name) ? countsWhenUsed(saved.section(name)) : parse(name)]),
    ) as Record<(typeof EAGER)[number], unknown>;
    const stored = eager.kb as StoredKb;
    kbMeta?.(stored); // before the sentences are unpacked onto the same objects
    const kb: KnowledgeBase = {
      ...stored,
      articles: unpackSentences(stored.articles, { table: saved.section("sentenceTable"), text: saved.section("sentenceText") }),
      events: EventTable.fromJSON(stored.events),
    };
    const { eventTerms, sentenceTerms, quoteFrequencies, names } = eager;
    const indexes = { eventTerms, sentenceTerms, quoteFrequencies, names } as SavedIndexes;
    // The indexes read when each loads: each read and parsed by its loader, once, its bytes let go of then; the file is closed
    // after the last.
    let unread = LAZY.length;
    for (const name of LAZY) {
      let taken = false;
      Object.defineProperty(indexes, name, {
        enumerable: true,
        get: () => {
          if (taken) throw new Error(`startup cache: section "${name}" was already read`);
          taken = true;
          try {
            return parse(name);
          } catch (err) {
            const problem = err instanceof SyntaxError ? "not JSON" : (err as Error).message;
            log.warn({ file }, `saved ${name} index ignored: ${problem}; building it instead`);
            throw err;
          } finally {
            if (--unread === 0) saved.close();
          }
        },
      });
    }
    return { kb, indexes };
  };
  // A start killed while saving leaves write-file-atomic's temporary file (as large as the cache): removed here.
  let writing: Promise<void> = removeStaleTemporaries(file);
  return {
    knownMeta: (hash) => knownArticles().byHash.get(hash),
    knownFile: (name) => knownArticles().byName.get(name),
    read: (articles) => {
      const saved = found;
      found = undefined; // read once: nothing of the file is kept past startup
      known = undefined;
      unlearnt = undefined;
      if (typeof saved !== "object") return undefined;
      if (saved.header.key !== startupKey(articles)) return void saved.close();
      try {
        return knowledgeOf(saved);
      } catch (err) {
        found = saved;
        return ignore(problemOf(err));
      }
    },
    start: (corpusDir) => {
      const saved = found;
      const abs = path.resolve(corpusDir);
      if (typeof saved !== "object" || saved.header.code !== codeFingerprint() || saved.header.corpus !== abs) return undefined;
      let list: SavedList;
      let check: Promise<string[]>;
      let knowledge: SavedKnowledge;
      let kbMeta = new Map<string, ArticleMeta>();
      try {
        const bytes = saved.section("articles");
        check = checkFolder(abs, bytes);
        check.catch(() => undefined); // the caller may stop waiting for it (a damaged file below)
        list = jsonOf(bytes) as SavedList;
        knowledge = knowledgeOf(saved, (stored) => (kbMeta = metaById(stored.articles)));
      } catch (err) {
        return ignore(problemOf(err));
      }
      // Read once (as `read`); what the files held is kept for a start that finds the folder changed.
      found = undefined;
      unlearnt = { list, kbMeta };
      const articles: Article[] = [];
      list.names.forEach((name, i) => {
        const meta = list.meta[name] ?? kbMeta.get(articleIdOf(name));
        if (meta) articles.push(savedArticle(abs, name, { signature: list.signatures[i] as string, hash: list.hashes[i] as string, meta }));
      });
      if (saved.header.key !== startupKey(articles)) {
        saved.close();
        return undefined;
      }
      const madeOf = (read: readonly Article[]): boolean => {
        if (saved.header.key === startupKey(read)) return true;
        saved.close();
        return false;
      };
      return { ...knowledge, articles, check, madeOf };
    },
    write: (articles, saved) => {
      const inKb = new Set(saved.kb.articles.map((a) => a.id));
      const list: SavedList = { names: [], signatures: [], hashes: [], meta: {} };
      for (const a of articles) {
        const name = path.basename(a.file);
        list.names.push(name);
        list.signatures.push(a.signature);
        list.hashes.push(a.hash);
        if (!inKb.has(a.id)) list.meta[name] = a.meta;
      }
      // One section at a time (an index's plain copy is made when it is read: indexes.ts), so that one section's
      // copy and JSON text are held at a time beside the bytes already made.
      let packed: PackedSentences;
      try {
        packed = packSentences(saved.kb.articles);
      } catch (err) {
        return void log.warn({ err, file }, "could not save the knowledge base and indexes (the next start builds them)");
      }
      const value = (name: Exclude<SectionName, "sentenceTable" | "sentenceText">): unknown =>
        name === "articles" ? list : name === "kb" ? { ...saved.kb, articles: withoutSentences(saved.kb.articles) } : saved.indexes[name];
      const bytesOf = (name: SectionName): Buffer =>
        name === "sentenceTable" ? packed.table : name === "sentenceText" ? packed.text : jsonBytes(value(name));
      const sections = SECTIONS.map((name) => ({ name, bytes: bytesOf(name) }));
      const header = JSON.stringify({
        kind: KIND,
        format: FORMAT,
        code: codeFingerprint(),
        corpus: articles[0] ? path.dirname(articles[0].file) : "",
        key: startupKey(articles),
        sections: sections.map(({ name, bytes }) => [name, bytes.length, checksum(bytes)]),
      });
      const body = Buffer.concat([Buffer.from(`${header}\n`), ...sections.flatMap(({ bytes }) => [bytes, NEWLINE])]);
      writing = writing
        .then(() => mkdir(dir, { recursive: true }))
        .then(() => writeFileAtomic(file, body, { fsync: false }))
        .catch((err: unknown) => log.warn({ err, file }, "could not save the knowledge base and indexes (the next start builds them)"));
    },
    flush: () => writing,
  };
}

/** Saved term counts whose JSON is parsed when they are first read (src/answer/rareLead.ts reads them when first used). */
function countsWhenUsed(bytes: Buffer): SavedCounts {
  let unparsed: Buffer | undefined = bytes;
  let parsed: SavedCounts | undefined;
  const value = (): SavedCounts => {
    parsed ??= jsonOf(unparsed as Buffer) as SavedCounts;
    unparsed = undefined;
    return parsed;
  };
  return {
    get counts() {
      return value().counts;
    },
    get documents() {
      return value().documents;
    },
  };
}

type StoredKb = Omit<KnowledgeBase, "articles" | "events"> & { articles: ArticleWithoutSentences[]; events: SavedEvents };

/** The article id of a file name (as src/corpus/load.ts names articles). */
const articleIdOf = (name: string): string => name.replace(/\.md$/i, "");

/** Each article's front matter, by id: the knowledge base's article less its id (read before its sentences are unpacked). */
function metaById(articles: readonly ArticleWithoutSentences[]): Map<string, ArticleMeta> {
  const byId = new Map<string, ArticleMeta>();
  for (const { id, ...meta } of articles) byId.set(id, meta);
  return byId;
}

const NEWLINE = Buffer.from("\n");

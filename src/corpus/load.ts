import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type BigIntStats } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { log as defaultLog, type Logger } from "../log.ts";
import { FrontMatterError, parseArticleFile } from "./frontMatter.ts";
import { lazyArticle } from "./lazyArticle.ts";
import { normalise } from "./normalise.ts";
import type { Article, ArticleMeta } from "./types.ts";

export interface LoadOptions {
  /** Files larger than this are skipped (default 5 MB: far above any article, far below trouble). */
  maxBytes?: number;
  /**
   * The front matter of an article already known by its hash (from the facts cache), or undefined. A known article
   * is not parsed or normalised until something reads its text (default: nothing is known).
   */
  knownMeta?: (hash: string) => ArticleMeta | undefined;
  /**
   * What an earlier start read from a file of this name: its signature, hash and front matter. A file whose
   * signature is unchanged is not read at all (default: none known).
   */
  knownFile?: (name: string) => KnownFile | undefined;
  /**
   * Leave normalising the text to whoever first reads it (default false): the live corpus has it done on its worker
   * thread, so that a large new file costs the thread that answers only its reading. The one check that needs the
   * text ("no article text left after removing boilerplate") is then made there.
   */
  deferText?: boolean;
  /**
   * A folder that holds no valid article (empty, or only bad files) gives no articles instead of a CorpusError
   * (default false: a start refuses it). The sharded bot's leader writes it as a knowledge base without an article,
   * as a running embedded bot answers from one when its folder is emptied (src/live/corpusWriter.ts).
   */
  allowEmpty?: boolean;
  /**
   * Whether the caller has logged this skipped file already, as it is now (the leader's earlier write of the same
   * folder): it is not logged again, so that a full write logs a bad file once per change, not at every write (default:
   * every skipped file is logged).
   */
  reported?: (skipped: SkippedFile) => boolean;
  /** Where the skipped files are logged (default: the bot's log). */
  log?: Logger;
}

export interface KnownFile {
  signature: string;
  hash: string;
  meta: ArticleMeta;
}

export interface SkippedFile {
  file: string;
  problem: string;
}

export interface LoadedCorpus {
  dir: string;
  articles: Article[];
  skipped: SkippedFile[];
}

/** A corpus directory that cannot be used at all: missing, not a directory, or holding no article. */
export class CorpusError extends Error {
  override name = "CorpusError";
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
// Files are read synchronously, a batch at a time with the event loop released in between: an article is a few
// kilobytes, and four thread-pool round trips per file (open, stat, read, close) made a 10,000-article folder take
// a second where plain reads take a tenth of that.
const FILES_PER_TURN = 250;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Loads every `*.md` article in `dir`. A bad file never stops the load: it is skipped with one log line naming
 * the file and the problem. Articles come back sorted by id, so the same corpus always gives the same order.
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const abs = path.resolve(dir);
  const entries = await readdir(abs, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") throw new CorpusError(`corpus directory ${abs} does not exist`);
    if (err.code === "ENOTDIR") throw new CorpusError(`corpus path ${abs} is not a directory`);
    throw new CorpusError(`corpus directory ${abs} cannot be read: ${err.code ?? err.message}`);
  });
  const names = entries.map((e) => e.name).filter((n) => !n.startsWith(".")).sort();
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const byId = new Map<string, string>();
  for (const [i, name] of names.entries()) {
    if (i > 0 && i % FILES_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const file = path.join(abs, name);
    const result = unchangedArticle(file, options) ?? readArticleFile(file, options);
    if (typeof result === "string") {
      skipped.push({ file, problem: result });
      continue;
    }
    const first = byId.get(result.id);
    if (first) {
      skipped.push({ file, problem: `duplicate article id "${result.id}" (already loaded from ${path.basename(first)})` });
      continue;
    }
    byId.set(result.id, file);
    articles.push(result);
  }
  const log = options.log ?? defaultLog;
  for (const s of skipped) if (!options.reported?.(s)) log.warn({ file: s.file }, `skipped ${path.basename(s.file)}: ${s.problem}`);
  if (articles.length === 0 && !options.allowEmpty) {
    const why = names.length === 0 ? "is empty" : "holds no valid article (see the skipped files above)";
    throw new CorpusError(`corpus directory ${abs} ${why}`);
  }
  return { dir: abs, articles, skipped };
}

/** The cache key of an article: its id and its file's exact bytes. */
export function hashArticleFile(id: string, bytes: Uint8Array): string {
  return createHash("sha256").update(id).update("\0").update(bytes).digest("hex");
}

/** One file to an article, or a one-line reason it was skipped. */
export async function loadArticleFile(file: string, options: LoadOptions = {}): Promise<Article | string> {
  return readArticleFile(file, options);
}

/** An article's id: its file's name without `.md`. */
const articleId = (file: string): string => path.basename(file).replace(/\.md$/i, "");

/**
 * A file's identity: inode, size, modification and change time (nanoseconds). Writing a file changes its change
 * time, which no tool can set back, so an equal signature means the bytes read under it are still the bytes there.
 */
const fileSignature = (info: BigIntStats): string => `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;

/** An article an earlier start read, when its file's signature says it has not changed since: not read now. */
function unchangedArticle(file: string, options: LoadOptions): Article | undefined {
  const known = options.knownFile?.(path.basename(file));
  if (!known) return undefined;
  const info = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!info?.isFile() || fileSignature(info) !== known.signature) return undefined;
  const source = (): string => {
    const read = readSource(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (typeof read === "string") throw new Error(`${path.basename(file)} is no longer readable: ${read}`);
    return read.source;
  };
  return lazyArticle(articleId(file), file, known.hash, known.signature, known.meta, source);
}

/** The bytes of a regular file of at most maxBytes, with its signature, or why not. Never blocks on a FIFO, never reads a huge file. */
function readRegularFile(file: string, maxBytes: number): { bytes: Buffer; signature: string } | string {
  // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer forever.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd, { bigint: true });
    if (!info.isFile()) return "not a regular file";
    if (info.size > BigInt(maxBytes)) return `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
    const bytes = Buffer.allocUnsafe(Number(info.size));
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break; // truncated while being read: what is there is what the file now holds
      filled += read;
    }
    return { bytes: bytes.subarray(0, filled), signature: fileSignature(info) };
  } finally {
    closeSync(fd);
  }
}

/** A file's text (UTF-8 checked, byte-order mark dropped), hash and signature, or why not. */
function readSource(file: string, maxBytes: number): { source: string; hash: string; signature: string } | string {
  const read = readRegularFile(file, maxBytes);
  if (typeof read === "string") return read;
  const source = utf8.decode(read.bytes).replace(/^\uFEFF/, "");
  return { source, hash: hashArticleFile(articleId(file), read.bytes), signature: read.signature };
}

function readArticleFile(file: string, options: LoadOptions): Article | string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = path.basename(file);
  if (!/\.md$/i.test(name)) return "not a .md file";
  try {
    const read = readSource(file, maxBytes);
    if (typeof read === "string") return read;
    const { source, hash, signature } = read;
    const id = articleId(file);
    const known = options.knownMeta?.(hash);
    if (known) return lazyArticle(id, file, hash, signature, known, source);
    const { meta, body } = parseArticleFile(source);
    if (!body.trim()) return "empty body";
    if (options.deferText) return lazyArticle(id, file, hash, signature, meta, source, body);
    const { text, toOriginal } = normalise(body);
    if (!text.trim()) return "no article text left after removing boilerplate";
    return { id, file, hash, signature, meta, body, text, toOriginal };
  } catch (err) {
    if (err instanceof FrontMatterError) return err.message;
    if (err instanceof TypeError && /encoded data|decode/i.test(err.message)) return "not valid UTF-8";
    const code = (err as NodeJS.ErrnoException).code;
    return `unreadable (${code ?? (err as Error).message})`;
  }
}

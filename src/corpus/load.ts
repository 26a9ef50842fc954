import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { log } from "../log.ts";
import { FrontMatterError, parseArticleFile } from "./frontMatter.ts";
import { normalise } from "./normalise.ts";
import type { Article } from "./types.ts";

export interface LoadOptions {
  /** Files larger than this are skipped (default 5 MB: far above any article, far below trouble). */
  maxBytes?: number;
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
  for (const name of names) {
    const file = path.join(abs, name);
    const result = await loadArticleFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
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
  for (const s of skipped) log.warn({ file: s.file }, `skipped ${path.basename(s.file)}: ${s.problem}`);
  if (articles.length === 0) {
    const why = names.length === 0 ? "is empty" : "holds no valid article (see the skipped files above)";
    throw new CorpusError(`corpus directory ${abs} ${why}`);
  }
  return { dir: abs, articles, skipped };
}

/** One file to an article, or a one-line reason it was skipped. */
export async function loadArticleFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Article | string> {
  const name = path.basename(file);
  if (!/\.md$/i.test(name)) return "not a .md file";
  try {
    const info = await stat(file);
    if (!info.isFile()) return "not a regular file";
    if (info.size > maxBytes) return `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
    const source = utf8.decode(await readFile(file)).replace(/^\uFEFF/, "");
    const { meta, body } = parseArticleFile(source);
    if (!body.trim()) return "empty body";
    const { text, toOriginal } = normalise(body);
    if (!text.trim()) return "no article text left after removing boilerplate";
    return { id: name.replace(/\.md$/i, ""), file, meta, body, text, toOriginal };
  } catch (err) {
    if (err instanceof FrontMatterError) return err.message;
    if (err instanceof TypeError && /encoded data|decode/i.test(err.message)) return "not valid UTF-8";
    const code = (err as NodeJS.ErrnoException).code;
    return `unreadable (${code ?? (err as Error).message})`;
  }
}

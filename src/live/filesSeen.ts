// What the leader's corpus writer (corpusWriter.ts) remembers of the folder between writes, so that a write reads
// only the files that changed: each file's signature (inode, size, times), hash and front matter, and the problem of
// each file it skipped. A process that comes to lead starts from the signatures stored with the articles
// (src/search/postgres/fileSignatures.ts).
import path from "node:path";
import { loadArticleFile, type KnownFile, type LoadedCorpus, type SkippedFile } from "../corpus/load.ts";
import { savedArticle } from "../corpus/savedArticle.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import type { StoredFile } from "../search/postgres/fileSignatures.ts";

/**
 * The files a writer read, by name, with their signature (inode, size, times), hash and front matter: the next write
 * reads only the files the watcher names, or, when it names none (/reload, a new leader), stats every file but reads
 * only those whose signature changed (through the corpus load's `knownFile`, as a warm start does with its saved build).
 */
export class FilesSeen {
  /** The stored files (adoptStored) until a folder is remembered; then the folder's articles are what is known. */
  private byName = new Map<string, KnownFile>();
  private byHash = new Map<string, ArticleMeta>();
  /**
   * The last write's folder: its articles and skipped files by file name. Each article is kept as a saved article
   * (src/corpus/savedArticle.ts: its id, hash, signature and front matter; its file read again only if its text is
   * asked for), not as the load made it: the load's lazy articles cost some 2 KB each in closures (at 50,000 articles
   * about 100 MB of the leader's heap, beyond what a shard holds), and an article read for a write kept its text.
   */
  private folder: { articles: Map<string, Article>; skipped: Map<string, SkippedFile> } | undefined;
  /** Each stored article's file signature (by id) as last read from or written to the database; undefined until read. */
  private stored: Map<string, string | null> | undefined;

  /**
   * What the database says of each stored article's file (a process that comes to lead): with no folder of its own
   * remembered, a file whose signature is the stored one is taken as read under the stored hash (not read again).
   */
  adoptStored(files: readonly StoredFile[]): void {
    this.stored = new Map(files.map((f) => [f.id, f.signature]));
    if (this.folder) return;
    const known = files.flatMap((f) => (f.name !== null && f.signature !== null ? [{ ...f, name: f.name, signature: f.signature }] : []));
    this.byName = new Map(known.map((f) => [f.name, { signature: f.signature, hash: f.hash, meta: f.meta }]));
    this.byHash = new Map(known.map((f) => [f.hash, f.meta]));
  }

  /** The folder's files whose signature the database does not hold with the article's stored hash (`hashes`, by id). */
  unstored(articles: readonly Article[], hashes: ReadonlyMap<string, string>): { id: string; hash: string; name: string; signature: string }[] {
    const stored = this.stored;
    if (!stored) return [];
    return articles.filter((a) => hashes.get(a.id) === a.hash && stored.get(a.id) !== a.signature).map((a) => ({ id: a.id, hash: a.hash, name: path.basename(a.file), signature: a.signature }));
  }

  /** How many of `articles` were read (their signature is not the one known before). */
  readIn(articles: readonly Article[]): number {
    return articles.filter((a) => this.known(path.basename(a.file))?.signature !== a.signature).length;
  }

  /** These articles' rows were written again: the database holds no signature for them until it is stored. */
  rewritten(ids: readonly string[]): void {
    for (const id of ids) this.stored?.set(id, null);
  }

  /** Those signatures were stored. */
  storedNow(files: readonly { id: string; signature: string }[]): void {
    for (const f of files) this.stored?.set(f.id, f.signature);
  }

  knownFile(name: string): KnownFile | undefined {
    return this.known(name);
  }

  private known(name: string): KnownFile | undefined {
    return this.folder ? this.folder.articles.get(name) : this.byName.get(name);
  }

  knownMeta(hash: string): ArticleMeta | undefined {
    return this.byHash.get(hash);
  }

  /**
   * Whether the last write skipped this file for the same problem (and so logged it then, or when the watcher named
   * it): as the embedded live corpus does (corpusFiles.ts), a skipped file is logged again only when its problem changes.
   */
  reported(skipped: SkippedFile): boolean {
    return this.folder?.skipped.get(path.basename(skipped.file))?.problem === skipped.problem;
  }

  /** The folder a write read (every valid file of it): what the next write compares the folder with. */
  remember(corpus: Pick<LoadedCorpus, "dir" | "articles" | "skipped">): void {
    const { dir, articles, skipped } = corpus;
    this.byName = new Map();
    this.byHash = new Map(articles.map((a) => [a.hash, a.meta]));
    const saved = (a: Article): [string, Article] => {
      const name = path.basename(a.file);
      // The folder's unchanged files are the articles kept before (a write names a few files).
      const kept = this.folder?.articles.get(name);
      return [name, kept === a ? a : savedArticle(dir, name, { signature: a.signature, hash: a.hash, meta: a.meta })];
    };
    this.folder = { articles: new Map(articles.map(saved)), skipped: new Map(skipped.map((f) => [path.basename(f.file), f])) };
  }

  /**
   * The folder after `files` of `dir` changed, reading those alone; undefined when the whole folder must be loaded:
   * nothing remembered yet, a file elsewhere, two files of one id, or no valid article left (the load says why).
   */
  async changed(dir: string, files: readonly string[], knownMeta: (hash: string) => ArticleMeta | undefined, log: Logger): Promise<LoadedCorpus | undefined> {
    if (!this.folder) return undefined;
    const abs = path.resolve(dir);
    const articles = new Map(this.folder.articles);
    const skipped = new Map(this.folder.skipped);
    for (const file of new Set(files)) {
      const name = path.basename(file);
      if (path.dirname(path.resolve(file)) !== abs) return undefined;
      if (name.startsWith(".")) continue;
      articles.delete(name);
      skipped.delete(name);
      const read = await loadArticleFile(path.join(abs, name), { knownMeta });
      if (typeof read !== "string") articles.set(name, read);
      else if (!/\((ENOENT|ENOTDIR)\)$/.test(read)) skipped.set(name, { file: path.join(abs, name), problem: read });
    }
    // In file-name order, as loadCorpus gives them.
    const ordered = [...articles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
    if (ordered.length === 0 || new Set(ordered.map((a) => a.id)).size !== ordered.length) return undefined;
    for (const name of new Set(files.map((f) => path.basename(f)))) {
      const problem = skipped.get(name);
      if (problem) log.warn({ file: problem.file }, `skipped ${name}: ${problem.problem}`);
    }
    return { dir: abs, articles: ordered, skipped: [...skipped.values()] };
  }
}

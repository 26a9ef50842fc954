// The corpus as the watcher sees it: one entry per file, updated file by file. Each update re-reads only the
// files named, with the same loader and the same "skipped NAME: problem" log line as startup, logged once per new
// problem (a bad file that stays bad is not logged again at every reload).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { loadArticleFile, type LoadedCorpus } from "../corpus/load.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import { eachSliced, runAtOnce, runInSlices, sortedSliced, type Sliced } from "../util/slices.ts";

type Entry = { article: Article } | { problem: string };

export class CorpusFiles {
  private entries = new Map<string, Entry>();
  /** The valid articles in order, until the entries change. */
  private ordered: Article[] | undefined;
  private loggedDuplicates = new Set<string>();

  constructor(
    readonly dir: string,
    private log: Logger,
    /** Front matter of articles whose facts are cached, by hash (see LoadOptions.knownMeta). */
    private knownMeta?: (hash: string) => ArticleMeta | undefined,
  ) {}

  /** Seeds the entries from the startup load (which has already logged its skipped files). */
  seed(corpus: LoadedCorpus): void {
    this.ordered = undefined;
    for (const a of corpus.articles) this.entries.set(a.file, { article: a });
    for (const s of corpus.skipped) this.entries.set(s.file, { problem: s.problem });
  }

  /** Re-reads the given files: a file that is gone is removed, a bad one is skipped. */
  async update(files: Iterable<string>): Promise<void> {
    for (const file of new Set(files)) {
      if (path.basename(file).startsWith(".")) continue;
      this.ordered = undefined;
      // The text is normalised by the worker thread that extracts the article: a large file costs this thread only
      // its reading (see src/live/liveKnowledge.ts).
      const result = await loadArticleFile(file, { deferText: true, ...(this.knownMeta && { knownMeta: this.knownMeta }) });
      if (typeof result !== "string") {
        this.entries.set(file, { article: result });
        continue;
      }
      if (/\((ENOENT|ENOTDIR)\)$/.test(result)) {
        this.entries.delete(file);
        continue;
      }
      const before = this.entries.get(file);
      if (!before || !("problem" in before) || before.problem !== result) {
        this.log.warn({ file }, `skipped ${path.basename(file)}: ${result}`);
      }
      this.entries.set(file, { problem: result });
    }
  }

  /** Every file now in the folder plus every file known before (so that removed ones are noticed). */
  async listAll(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const now = names.filter((n) => !n.startsWith(".")).map((n) => path.join(this.dir, n));
    return [...new Set([...now, ...this.entries.keys()])];
  }

  /** The valid articles in file-name order (as loadCorpus orders them, so a reload builds what a restart would). */
  articles(): Article[] {
    return (this.ordered ??= runAtOnce(this.inOrder()));
  }

  /** The same, put in order in slices (src/util/slices.ts) when it changed: a live corpus does it while it answers. */
  async articlesSliced(): Promise<Article[]> {
    return (this.ordered ??= await runInSlices(this.inOrder()));
  }

  private *inOrder(): Sliced<Article[]> {
    const byId = new Map<string, Article>();
    const names: { file: string; name: string }[] = [];
    yield* eachSliced(this.entries.keys(), (file) => names.push({ file, name: path.basename(file) }), 2048);
    const sorted = yield* sortedSliced(names, (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let seen = 0;
    for (const { file } of sorted) {
      if (++seen % 2048 === 0) yield;
      const entry = this.entries.get(file);
      if (!entry || !("article" in entry)) continue;
      const first = byId.get(entry.article.id);
      if (first) {
        if (!this.loggedDuplicates.has(file)) {
          this.loggedDuplicates.add(file);
          this.log.warn({ file }, `skipped ${path.basename(file)}: duplicate article id "${entry.article.id}" (already loaded from ${path.basename(first.file)})`);
        }
        continue;
      }
      byId.set(entry.article.id, entry.article);
    }
    return [...byId.values()];
  }

  /** Files skipped for a problem, for /reload's report. */
  skipped(): { file: string; problem: string }[] {
    return [...this.entries].flatMap(([file, e]) => ("problem" in e ? [{ file, problem: e.problem }] : []));
  }
}

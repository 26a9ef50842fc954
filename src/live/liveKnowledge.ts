// The knowledge the bot answers from, kept up to date while it runs. Readers call `answers()` for each query and
// get the current snapshot's answers; a rebuild makes a whole new snapshot and swaps it in with one assignment, so
// a query sees either the old corpus or the new one, never a mix, and never waits for or fails on a reload.
// Rebuilds run one at a time, in the order they were asked for.
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { buildSnapshot, type Snapshot } from "../pipeline/snapshot.ts";
import type { StartupCache } from "../pipeline/startupCache.ts";
import { CorpusFiles } from "./corpusFiles.ts";

export type ReloadListener = (report: ReloadReport, snapshot: Snapshot) => void | Promise<void>;

export class LiveKnowledge {
  private snapshot: Snapshot;
  private queue: Promise<unknown> = Promise.resolve();
  private listeners: ReloadListener[] = [];

  private constructor(
    private files: CorpusFiles,
    first: Snapshot,
    private store: FactsStore,
    private createAnswers: (kb: KnowledgeBase) => Promise<Answers>,
    private log: Logger,
  ) {
    this.snapshot = first;
  }

  /** Loads the corpus as startup always has (a missing or empty folder is a CorpusError) and builds the first snapshot. */
  static async load(dir: string, store: FactsStore, log: Logger, startupCache?: StartupCache): Promise<LiveKnowledge> {
    // The first build has nothing to keep serving, so it builds (or loads) everything in one go; rebuilds yield as
    // they go. Only this first build uses the startup cache (see src/pipeline/startupCache.ts for why reloads do not).
    const { createAnswersAsync } = await import("../answer/index.ts");
    const { openKnowledge } = await import("../pipeline/open.ts");
    const opened = await openKnowledge(dir, { store, log, ...(startupCache && { startupCache }) });
    const files = new CorpusFiles(opened.corpus.dir, log, (hash) => store.get(hash)?.meta);
    files.seed({ ...opened.corpus, articles: opened.loaded });
    return new LiveKnowledge(files, opened.snapshot, store, createAnswersAsync, log);
  }

  get dir(): string {
    return this.files.dir;
  }

  /** The answers to use for one query: always complete, always the newest complete build. */
  answers(): Answers {
    return this.snapshot.answers;
  }

  /** Files in the folder that are not articles (each was logged once). */
  skippedCount(): number {
    return this.files.skipped().length;
  }

  current(): Snapshot {
    return this.snapshot;
  }

  /** Called after every rebuild that changed something (listeners' errors are logged, never thrown). */
  onReload(listener: ReloadListener): void {
    this.listeners.push(listener);
  }

  /** Re-reads the given files (added, changed or removed) and rebuilds. */
  refresh(files: Iterable<string>): Promise<ReloadReport> {
    const list = [...files];
    return this.enqueue(async () => {
      await this.files.update(list);
    });
  }

  /** Re-reads the whole folder and rebuilds (/reload): catches anything the watcher missed. */
  reloadAll(): Promise<ReloadReport> {
    return this.enqueue(async () => {
      await this.files.update(await this.files.listAll());
    });
  }

  private enqueue(read: () => Promise<void>): Promise<ReloadReport> {
    const run = this.queue.then(() => this.rebuild(read));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(read: () => Promise<void>): Promise<ReloadReport> {
    const started = Date.now();
    await read();
    const before = this.snapshot;
    const candidates = this.files.articles();
    if (sameArticles(before, candidates)) {
      return { added: [], changed: [], removed: [], articles: before.articles.length, skipped: this.files.skipped(), extracted: 0, ms: Date.now() - started };
    }
    const { snapshot, extracted } = await buildSnapshot(candidates, this.store, this.createAnswers, this.log);
    const report = diff(before, snapshot, extracted, started);
    report.skipped = this.files.skipped();
    const changed = report.added.length + report.changed.length + report.removed.length > 0;
    if (!changed) return report;
    this.snapshot = snapshot; // the swap: one assignment, after the new snapshot is complete
    const ids = (refs: ArticleRef[]): string[] => refs.map((r) => r.id);
    this.log.info(
      { added: ids(report.added), changed: ids(report.changed), removed: ids(report.removed), articles: report.articles, extracted, ms: report.ms },
      "corpus reloaded",
    );
    if (snapshot.articles.length === 0) this.log.warn({ dir: this.dir }, "the corpus folder holds no valid article now");
    for (const listener of this.listeners) {
      try {
        await listener(report, snapshot);
      } catch (err) {
        this.log.error({ err }, "a reload listener failed");
      }
    }
    return report;
  }
}

/** Nothing to rebuild when the same articles, with the same content, are there (a bad file touched, a no-op save). */
function sameArticles(before: Snapshot, candidates: Article[]): boolean {
  if (candidates.length !== before.articles.length) return false;
  return candidates.every((a, i) => before.articles[i]?.id === a.id && before.hashes.get(a.id) === a.hash);
}

function diff(before: Snapshot, after: Snapshot, extracted: number, started: number): ReloadReport {
  const titles = (s: Snapshot): Map<string, string> => new Map(s.articles.map((a) => [a.id, a.meta.title]));
  const [beforeTitles, afterTitles] = [titles(before), titles(after)];
  const ref = (s: Snapshot, id: string): ArticleRef => ({ id, title: (s === before ? beforeTitles : afterTitles).get(id) ?? id });
  const added: ArticleRef[] = [];
  const changed: ArticleRef[] = [];
  for (const [id, hash] of after.hashes) {
    const old = before.hashes.get(id);
    if (old === undefined) added.push(ref(after, id));
    else if (old !== hash) changed.push(ref(after, id));
  }
  const removed = [...before.hashes.keys()].filter((id) => !after.hashes.has(id)).map((id) => ref(before, id));
  return { added, changed, removed, articles: after.articles.length, skipped: [], extracted, ms: Date.now() - started };
}

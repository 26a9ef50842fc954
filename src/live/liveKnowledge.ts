// The knowledge the bot answers from, kept up to date while it runs. Readers call `answers()` for each query and
// get the current snapshot's answers; an update makes a whole new snapshot and swaps it in with one assignment, so
// a query sees either the old corpus or the new one, never a mix, and never waits for or fails on an update.
// Updates run one at a time, in the order they were asked for.
//
// A change the watcher (or the feed ingester) reports is applied incrementally (src/pipeline/liveUpdate.ts): the
// new and changed articles are extracted on a worker thread kept warm for it (src/pipeline/warmWorker.ts), which
// also merges the people again, and only their facts enter the knowledge base and the indexes, in slices, so that
// answers are never held up for long. /reload (reloadAll) rebuilds everything, as a start would; so does any
// update that fails (a worker thread that died, a pathological article), after which the worker starts afresh.
// Which articles are built from is candidates.ts; what the worker must know of the people, workerPeople.ts; what an
// update changed, snapshotChanges.ts; telling of a reload, reloadNotices.ts.
import type { ReloadReport } from "../../commands/services.ts";
import type { AnswerSet } from "../answer/index.ts";
import { LivePostings } from "../answer/livePostings.ts";
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import type { ExtractOutcome } from "../extract/pool.ts";
import type { ArticleFacts } from "../extract/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { updateSnapshot } from "../pipeline/liveUpdate.ts";
import { buildSnapshot, type Snapshot } from "../pipeline/snapshot.ts";
import type { StartupCache } from "../pipeline/startupCache.ts";
import { WarmWorker, type WarmWorkerOptions } from "../pipeline/warmWorker.ts";
import { eachSliced, runInSlices } from "../util/slices.ts";
import { preloadParsers } from "../corpus/frontMatter.ts";
import { compromiseModel } from "../lexicon/compromise.ts";
import { Candidates } from "./candidates.ts";
import { CorpusFiles } from "./corpusFiles.ts";
import { ReloadNotices, type ReloadListener } from "./reloadNotices.ts";
import { changesSince, diff } from "./snapshotChanges.ts";
import { WorkerPeople } from "./workerPeople.ts";

export interface LiveOptions {
  /** The saved startup build to start from when the corpus is unchanged (only the first build uses it). */
  startupCache?: StartupCache;
  /** Where the facts store keeps its files (DATA_DIR/cache): the worker thread reads the first build's facts there. */
  cacheDir?: string;
  worker?: WarmWorkerOptions;
  /**
   * Start the worker thread (the extractors, and every article's people) and load the front matter parsers as soon as
   * the corpus is loaded (default true), so that the first change is applied within about a second; false: when the
   * first change comes (or `ready()` is called), which then takes a second or two more, and a process whose corpus
   * never changes never loads them (CORPUS_WARM_WORKER=false).
   */
  warmWorker?: boolean;
  /**
   * Start from the saved build even when files changed since it was made (default false: a changed folder is built
   * in full, as before): the files that differ are then named by `outdated()`, for the caller to refresh once it
   * listens for updates. The saved build is read while the folder is checked on another thread.
   */
  reconcile?: boolean;
}

type CreateAnswers = (kb: KnowledgeBase) => Promise<AnswerSet>;

export class LiveKnowledge {
  private snapshot: Snapshot;
  private postings: LivePostings;
  private worker: WarmWorker;
  /** The worker's knowledge of every article's people, which an incremental update needs. */
  private people: WorkerPeople;
  /** The front matter parsers, loaded before the first change is read (a failure shows where a file is parsed). */
  private parsersLoaded: Promise<void> | undefined;
  /** The corpus's articles less those whose extraction failed (not tried again until their file changes). */
  private readonly candidates: Candidates;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly notices: ReloadNotices;
  /** Files new, changed or gone since the saved build this corpus started from (with `reconcile`). */
  private outdatedFiles: string[] = [];

  private constructor(
    private files: CorpusFiles,
    first: Snapshot,
    facts: ArticleFacts[] | undefined,
    private store: FactsStore,
    private createAnswers: CreateAnswers,
    private log: Logger,
    private options: LiveOptions,
  ) {
    this.snapshot = first;
    this.notices = new ReloadNotices(log);
    this.candidates = new Candidates(files, store, log);
    this.postings = new LivePostings(first.indexes.postings, first.kb);
    this.worker = new WarmWorker(options.worker);
    this.people = new WorkerPeople(this.worker, store, log, options.cacheDir, facts, first);
    if (options.warmWorker !== false) {
      // An update's knowledge base build reads compromise's lexicon (kb/mergePeople): loaded now, before the bot
      // answers, rather than in the middle of the first update (half a second of this thread).
      compromiseModel();
      void this.ready();
    }
  }

  /** Loads the corpus as startup always has (a missing or empty folder is a CorpusError) and builds the first snapshot. */
  static async load(dir: string, store: FactsStore, log: Logger, options: LiveOptions = {}): Promise<LiveKnowledge> {
    // The first build has nothing to keep serving, so it builds (or loads) everything in one go; later updates
    // yield as they go. Only this first build uses the startup cache (see src/pipeline/startupCache.ts for why).
    const { createAnswersAsync } = await import("../answer/index.ts");
    const { openKnowledge } = await import("../pipeline/open.ts");
    const { startupCache, reconcile = false } = options;
    const opened = await openKnowledge(dir, { store, log, reconcile, ...(startupCache && { startupCache }) });
    const files = new CorpusFiles(opened.corpus.dir, log, (hash) => store.get(hash)?.meta);
    files.seed({ ...opened.corpus, articles: opened.loaded });
    const live = new LiveKnowledge(files, opened.snapshot, opened.facts, store, createAnswersAsync, log, options);
    // Articles the first build left out (their extraction failed, and was logged) are not tried again.
    const kept = opened.snapshot.hashes;
    for (const a of opened.loaded) if (kept.get(a.id) !== a.hash) live.candidates.leaveOut(a.hash);
    live.outdatedFiles = opened.outdated ?? [];
    return live;
  }

  /**
   * The files that changed while nothing was running (new, changed or gone since the saved build the corpus started
   * from), once: refreshing them brings the corpus up to date, as the watcher's changes do.
   */
  takeOutdated(): string[] {
    const files = this.outdatedFiles;
    this.outdatedFiles = [];
    return files;
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

  /** Called after every update that changed something (listeners' errors are logged, never thrown). */
  onReload(listener: ReloadListener): void {
    this.notices.add(listener);
  }

  /** Re-reads the given files (added, changed or removed) and applies what changed. */
  refresh(files: Iterable<string>): Promise<ReloadReport> {
    const list = [...files];
    return this.enqueue(async () => {
      await this.parsers();
      const started = Date.now();
      await this.files.update(list);
      return this.update(started);
    });
  }

  /** Re-reads the whole folder and rebuilds everything (/reload): catches anything the watcher missed. */
  reloadAll(): Promise<ReloadReport> {
    return this.enqueue(async () => {
      const started = Date.now();
      await this.files.update(await this.files.listAll());
      return this.rebuild(started);
    });
  }

  /**
   * Resolves once the worker thread knows the corpus and the parsers are loaded (the first update waits for that;
   * later ones do not). Starts them when nothing has yet (see LiveOptions.warmWorker).
   */
  async ready(): Promise<void> {
    await Promise.all([this.taught(), this.parsers()]);
  }

  /** Stops the worker thread once the updates asked for are done. */
  async close(): Promise<void> {
    await this.queue;
    await this.worker.close();
  }

  private enqueue(work: () => Promise<ReloadReport>): Promise<ReloadReport> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The incremental update: only what changed is extracted, merged into the knowledge base and indexed. */
  private async update(started: number): Promise<ReloadReport> {
    const before = this.snapshot;
    let candidates = await this.candidates.allSliced();
    const { same, changed } = await runInSlices(changesSince(before, candidates));
    if (same) return this.unchanged(started);
    if (!(await this.taught())) return this.rebuild(started);
    const missing = changed.filter((a) => !this.store.get(a.hash));
    let update: Awaited<ReturnType<typeof updateSnapshot>>;
    try {
      const failedBefore = this.candidates.leftOutCount;
      this.candidates.keep(missing, await this.worker.extract(missing));
      // Only an article that failed now leaves the candidates (the files change in this queue alone).
      if (this.candidates.leftOutCount !== failedBefore) {
        candidates = await this.candidates.allSliced();
        if ((await runInSlices(changesSince(before, candidates))).same) return this.unchanged(started);
      }
      const fresh = new Map(changed.filter((a) => !this.candidates.isLeftOut(a.hash)).map((a) => [a.id, (this.store.get(a.hash) as { facts: ArticleFacts }).facts]));
      update = await updateSnapshot(before, this.postings, this.worker, candidates, fresh);
    } catch (err) {
      this.log.warn({ err }, "live update failed; rebuilding the whole corpus");
      return this.rebuild(started);
    }
    const report = await this.publish(before, update.snapshot, missing.length, started);
    await update.cleanup();
    const kept = new Set<string>();
    await runInSlices(eachSliced(update.snapshot.articles, (a) => kept.add(a.hash), 4096));
    this.store.retain(kept);
    return report;
  }

  /** The full rebuild: every article's facts (from the store, or extracted on the worker), everything built anew. */
  private async rebuild(started: number): Promise<ReloadReport> {
    const before = this.snapshot;
    const candidates = this.candidates.all();
    const extractor = (articles: Article[]): Promise<ExtractOutcome[]> => this.worker.extract(articles);
    const { snapshot, facts, extracted } = await buildSnapshot(candidates, this.store, this.createAnswers, this.log, { extractor });
    const kept = new Set(snapshot.articles.map((a) => a.hash));
    for (const a of candidates) if (!kept.has(a.hash)) this.candidates.leaveOut(a.hash);
    this.postings = new LivePostings(snapshot.indexes.postings, snapshot.kb);
    this.people.relearn(facts, snapshot);
    // Swapped in even when no article changed: a rebuild is also the way back from any drift of the live indexes.
    return this.publish(before, snapshot, extracted, started, { always: true });
  }

  /** Whether the worker knows the corpus's people; it starts learning those of the current snapshot if it has not yet. */
  private taught(): Promise<boolean> {
    return this.people.taught(this.snapshot);
  }

  private parsers(): Promise<void> {
    this.parsersLoaded ??= preloadParsers()
      .then(() => void compromiseModel())
      .catch(() => undefined);
    return this.parsersLoaded;
  }

  private unchanged(started: number): ReloadReport {
    const articles = this.snapshot.articles.length;
    return { added: [], changed: [], removed: [], articles, skipped: this.files.skipped(), extracted: 0, ms: Date.now() - started };
  }

  /** Swaps the new snapshot in (when anything changed), logs it and tells the listeners. */
  private async publish(before: Snapshot, snapshot: Snapshot, extracted: number, started: number, { always = false } = {}): Promise<ReloadReport> {
    const report = await runInSlices(diff(before, snapshot, extracted, started));
    report.skipped = this.files.skipped();
    const changed = report.added.length + report.changed.length + report.removed.length > 0;
    if (always) this.snapshot = snapshot;
    if (!changed) return report;
    this.snapshot = snapshot; // the swap: one assignment, after the new snapshot is complete
    await this.notices.tell(report, snapshot, extracted, this.dir);
    return report;
  }
}

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
import path from "node:path";
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import type { AnswerSet } from "../answer/index.ts";
import { LivePostings } from "../answer/livePostings.ts";
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import type { ExtractOutcome } from "../extract/pool.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { articlePeople, type ArticlePeople } from "../kb/incremental.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { cutNote } from "../pipeline/extractAll.ts";
import { updateSnapshot } from "../pipeline/liveUpdate.ts";
import { buildSnapshot, type Snapshot } from "../pipeline/snapshot.ts";
import type { StartupCache } from "../pipeline/startupCache.ts";
import { WarmWorker, type WarmWorkerOptions } from "../pipeline/warmWorker.ts";
import { eachSliced, runInSlices, type Sliced } from "../util/slices.ts";
import { preloadParsers } from "../corpus/frontMatter.ts";
import { compromiseModel } from "../lexicon/compromise.ts";
import { CorpusFiles } from "./corpusFiles.ts";

export type ReloadListener = (report: ReloadReport, snapshot: Snapshot) => void | Promise<void>;

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
type Lesson = { given: ArticlePeople[]; cacheDir?: string };

export class LiveKnowledge {
  private snapshot: Snapshot;
  private postings: LivePostings;
  private worker: WarmWorker;
  /**
   * Resolves true once the worker knows every article's people as the snapshot does (false: rebuild fully next).
   * Unset until the worker is first asked to learn them (`taught()`).
   */
  private workerReady: Promise<boolean> | undefined;
  /** What the worker learns first: the people of the first build's facts, when it had them at hand. */
  private firstLesson: Lesson | undefined;
  /** The front matter parsers, loaded before the first change is read (a failure shows where a file is parsed). */
  private parsersLoaded: Promise<void> | undefined;
  /** Articles (by hash) whose extraction failed: left out, and not tried again until their file changes. */
  private readonly failed = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private listeners: ReloadListener[] = [];
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
    this.postings = new LivePostings(first.indexes.postings, first.kb);
    this.worker = new WarmWorker(options.worker);
    this.firstLesson = this.lesson(facts, first);
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
    for (const a of opened.loaded) if (kept.get(a.id) !== a.hash) live.failed.add(a.hash);
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
    this.listeners.push(listener);
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

  private candidates(): Article[] {
    return this.files.articles().filter((a) => !this.failed.has(a.hash));
  }

  /** The same, in slices. */
  private async candidatesSliced(): Promise<Article[]> {
    const all = await this.files.articlesSliced();
    if (this.failed.size === 0) return all;
    const kept: Article[] = [];
    await runInSlices(eachSliced(all, (a) => !this.failed.has(a.hash) && kept.push(a), 4096));
    return kept;
  }

  /** The incremental update: only what changed is extracted, merged into the knowledge base and indexed. */
  private async update(started: number): Promise<ReloadReport> {
    const before = this.snapshot;
    let candidates = await this.candidatesSliced();
    const { same, changed } = await runInSlices(changesSince(before, candidates));
    if (same) return this.unchanged(started);
    if (!(await this.taught())) return this.rebuild(started);
    const missing = changed.filter((a) => !this.store.get(a.hash));
    let update: Awaited<ReturnType<typeof updateSnapshot>>;
    try {
      const failedBefore = this.failed.size;
      this.keep(missing, await this.worker.extract(missing));
      // Only an article that failed now leaves the candidates (the files change in this queue alone).
      if (this.failed.size !== failedBefore) {
        candidates = await this.candidatesSliced();
        if ((await runInSlices(changesSince(before, candidates))).same) return this.unchanged(started);
      }
      const fresh = new Map(changed.filter((a) => !this.failed.has(a.hash)).map((a) => [a.id, (this.store.get(a.hash) as { facts: ArticleFacts }).facts]));
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
    const candidates = this.candidates();
    const extractor = (articles: Article[]): Promise<ExtractOutcome[]> => this.worker.extract(articles);
    const { snapshot, facts, extracted } = await buildSnapshot(candidates, this.store, this.createAnswers, this.log, { extractor });
    const kept = new Set(snapshot.articles.map((a) => a.hash));
    for (const a of candidates) if (!kept.has(a.hash)) this.failed.add(a.hash);
    this.postings = new LivePostings(snapshot.indexes.postings, snapshot.kb);
    this.firstLesson = undefined;
    this.workerReady = this.teach(this.lesson(facts, snapshot), snapshot);
    // Swapped in even when no article changed: a rebuild is also the way back from any drift of the live indexes.
    return this.publish(before, snapshot, extracted, started, { always: true });
  }

  /** Stores what the worker extracted; an article that failed is logged once and left out. */
  private keep(articles: Article[], outcomes: ExtractOutcome[]): void {
    articles.forEach((a, i) => {
      const outcome = outcomes[i] ?? { error: "no result from the worker thread" };
      if ("error" in outcome) {
        this.failed.add(a.hash);
        this.log.warn({ file: a.file }, `skipped ${path.basename(a.file)}: ${outcome.error}`);
        return;
      }
      if (outcome.cutFrom !== undefined) this.log.warn({ file: a.file }, cutNote(a.id, outcome.cutFrom));
      this.store.set(a.hash, { meta: a.meta, facts: outcome.facts });
    });
  }

  /** Whether the worker knows the corpus's people (see workerReady); it starts learning them now if it has not yet. */
  private taught(): Promise<boolean> {
    if (this.workerReady === undefined) {
      const started = Date.now();
      this.log.debug("the live corpus's worker thread starts: the extractors, and every article's people");
      this.workerReady = this.teach(this.firstLesson ?? this.lesson(undefined, this.snapshot), this.snapshot).then((taught) => {
        if (taught) this.log.info({ ms: Date.now() - started }, "ready for corpus changes");
        return taught;
      });
      this.firstLesson = undefined;
    }
    return this.workerReady;
  }

  private parsers(): Promise<void> {
    this.parsersLoaded ??= preloadParsers()
      .then(() => void compromiseModel())
      .catch(() => undefined);
    return this.parsersLoaded;
  }

  /**
   * Where the worker finds every article's people of a build: in `facts` when the build had them at hand, else in the
   * facts cache (read by the worker itself), else in the facts store.
   */
  private lesson(facts: ArticleFacts[] | undefined, { articles }: Snapshot): Lesson {
    const cacheDir = facts ? undefined : this.options.cacheDir;
    const given = facts
      ? facts.map(articlePeople)
      : cacheDir !== undefined
        ? []
        : articles.flatMap((a) => {
            const entry = this.store.get(a.hash);
            return entry ? [articlePeople(entry.facts)] : [];
          });
    return { given, ...(cacheDir !== undefined && { cacheDir }) };
  }

  /**
   * Gives the worker every article's people, so that it can merge them after the next update (an article found in
   * none of the lesson's places is extracted again).
   */
  private async teach({ given, cacheDir }: Lesson, snapshot: Snapshot): Promise<boolean> {
    const { articles, kb } = snapshot;
    try {
      const order = articles.map((a) => ({ article: a.id, hash: a.hash }));
      const loaded = await this.worker.load(order, given, cacheDir);
      let people = loaded.people;
      if (loaded.missing.length > 0) {
        const missing = articles.filter((a) => loaded.missing.includes(a.id));
        const outcomes = await this.worker.extract(missing);
        const upserts = outcomes.flatMap((o) => ("facts" in o ? [articlePeople(o.facts)] : []));
        people = (await this.worker.update(order.map((o) => o.article), upserts, [])).people.length;
      }
      if (people === kb.people.length) return true;
      this.log.warn({ people, expected: kb.people.length }, "the live corpus's worker merged other people than the knowledge base holds; the next update rebuilds everything");
    } catch (err) {
      this.log.warn({ err }, "the live corpus's worker thread could not load the corpus; the next update rebuilds everything");
    }
    return false;
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

/**
 * The candidates new or changed since the snapshot, and whether nothing needs rebuilding: the same articles, in the
 * same order, with the same content (a bad file touched, a no-op save).
 */
function* changesSince(before: Snapshot, candidates: readonly Article[]): Sliced<{ same: boolean; changed: Article[] }> {
  let sameOrder = candidates.length === before.articles.length;
  const changed: Article[] = [];
  yield* eachSliced(candidates, (a, i) => {
    if (before.hashes.get(a.id) !== a.hash) changed.push(a);
    if (sameOrder && before.articles[i]?.id !== a.id) sameOrder = false;
  }, 4096);
  return { same: sameOrder && changed.length === 0, changed };
}

function* diff(before: Snapshot, after: Snapshot, extracted: number, started: number): Sliced<ReloadReport> {
  const added: string[] = [];
  const changed: string[] = [];
  yield* eachSliced(after.hashes, ([id, hash]) => {
    const old = before.hashes.get(id);
    if (old === undefined) added.push(id);
    else if (old !== hash) changed.push(id);
  }, 4096);
  const removed: string[] = [];
  yield* eachSliced(before.hashes.keys(), (id) => !after.hashes.has(id) && removed.push(id), 4096);
  // Titles of the few articles named, not of the whole corpus.
  function* refs(s: Snapshot, ids: string[]): Sliced<ArticleRef[]> {
    if (ids.length === 0) return [];
    const wanted = new Set(ids);
    const titles = new Map<string, string>();
    yield* eachSliced(s.articles, (a) => wanted.has(a.id) && titles.set(a.id, a.meta.title), 4096);
    return ids.map((id) => ({ id, title: titles.get(id) ?? id }));
  }
  return {
    added: yield* refs(after, added),
    changed: yield* refs(after, changed),
    removed: yield* refs(before, removed),
    articles: after.articles.length,
    skipped: [],
    extracted,
    ms: Date.now() - started,
  };
}

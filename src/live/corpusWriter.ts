// With DATABASE_URL, the leader (src/db/leader.ts) alone watches the corpus folder and writes what changed to the
// knowledge base in PostgreSQL: the folder is compared with the stored articles by hash, new and changed articles
// are extracted (once: their facts are kept in DATA_DIR's facts cache), the people merged again, and the difference
// written in one transaction (src/search/postgres/kbStore.ts). A write is proportional to the change: the folder's
// unchanged files are statted, not read; the people merge is the live corpus's incremental one, kept between writes
// (leaderKnowledge.ts); only the people and speakers it changed are written with the articles. Every process, this one
// included, then takes the new knowledge base in from the database (sharedKnowledge.ts). When the leader dies, the
// next one starts watching and first writes whatever changed while nobody watched.
import path from "node:path";
import type pg from "pg";
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import type { Leadership } from "../db/leader.ts";
import { loadArticleFile, loadCorpus, type KnownFile, type LoadedCorpus, type SkippedFile } from "../corpus/load.ts";
import { savedArticle } from "../corpus/savedArticle.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { extractAll } from "../pipeline/extractAll.ts";
import { readFileSignatures, storeFileSignatures, type StoredFile } from "../search/postgres/fileSignatures.ts";
import { writeKnowledge } from "../search/postgres/kbStore.ts";
import { announceWrite, KB_WRITTEN, notify } from "./kbNotices.ts";
import type { LeaderKnowledge, PlannedWrite } from "./leaderKnowledge.ts";
import { markBuilt } from "./sharedKnowledge.ts";
import { watchCorpus, type CorpusWatcher } from "./watchCorpus.ts";
import { WRITE_RETRY_MS, WriteRetry } from "./writeRetry.ts";

/** From how many changed articles a write extracts them as a build does (extractAll's parallel workers, when there are several cores). */
const PARALLEL_FROM = 200;

export interface CorpusWriterOptions {
  dir: string;
  /** What the writes before read of each file: a file whose signature is unchanged is not read or hashed again. */
  seen?: FilesSeen;
  /** What the writes before left of the people merge (default: read from the database for this write). */
  leader?: LeaderKnowledge;
  /** Start the people merge's worker thread before the first change (CORPUS_WARM_WORKER; default true): see LeaderKnowledge. */
  warmWorker?: boolean;
  /** Let the leader's worker thread go after this long without a write (LEADER_WORKER_IDLE_SECONDS; default 0: kept). */
  workerIdleMs?: number;
  pool: pg.Pool;
  store: FactsStore;
  debounceMs: number;
  /** The first wait before a failed write is tried again while leading, doubling to a minute (default 1,000 ms): writeRetry.ts. */
  retryMs?: number;
  log: Logger;
  /** The knowledge base as stored before a write (what the next one is made from), and a look at the one written. */
  before(): KnowledgeBase | Promise<KnowledgeBase>;
  after(): Promise<unknown>;
}

/**
 * Writes the corpus folder's difference with the stored knowledge base; reports it as /reload shows it. `files`: the
 * only files that changed since the last write (the watcher's), read alone; without them, every file is statted.
 */
export async function writeCorpus(o: CorpusWriterOptions, files?: readonly string[]): Promise<ReloadReport> {
  const started = Date.now();
  const leader = o.leader ?? (await leaderKnowledge(o.pool, o.warmWorker, o.workerIdleMs));
  if (!leader.remembers) {
    // A process that starts to lead may not have taken in the last leader's last write yet: the next is made from it.
    await o.after();
    // The stored files' signatures: only the files changed since the stored hashes were read are read now.
    o.seen?.adoptStored(await readFileSignatures(o.pool));
  }
  const old = await o.before();
  const knownMeta = (hash: string) => o.seen?.knownMeta(hash) ?? o.store.get(hash)?.meta;
  const corpus =
    (files && (await o.seen?.changed(o.dir, files, knownMeta, o.log))) ??
    (await loadCorpus(o.dir, { knownMeta, allowEmpty: true, log: o.log, ...(o.seen && { knownFile: (name: string) => o.seen?.knownFile(name), reported: (s: SkippedFile) => o.seen?.reported(s) === true }) }));
  // What a takeover's catch-up costs: the files read (the others' signatures were the ones stored, or remembered).
  if (!files && o.seen) o.log.info({ pid: process.pid, files: corpus.articles.length, read: o.seen.readIn(corpus.articles) }, "corpus folder compared with the knowledge base");
  o.seen?.remember(corpus);
  // As the embedded bot answers once its folder is emptied: a knowledge base without an article, written (a missing or
  // unreadable folder stays an error above: the stored one is kept).
  if (corpus.articles.length === 0) o.log.warn({ pid: process.pid, dir: corpus.dir, skipped: corpus.skipped.length }, "the corpus folder holds no valid article now");
  // Only the articles new or changed are extracted; the cache keeps the facts of every article in the folder.
  const inFolder = new Set(corpus.articles.map((a) => a.hash));
  const store: FactsStore = { ...o.store, retain: () => o.store.retain(inFolder) };
  let plan: PlannedWrite | undefined;
  try {
    plan = await leader.plan(old, corpus.articles, async (changed) => {
      // A few articles (what a write usually changes) are extracted on the leader's worker thread, off the thread that
      // answers; many (a first write, a new leader's catch-up) as any build extracts them.
      const few = changed.length < PARALLEL_FROM;
      const extracted = await extractAll(changed, store, o.log, few ? { extractor: (articles) => leader.extract(articles) } : {});
      await o.store.flush();
      return extracted;
    });
    // A write that leaves no article is marked first: no process reads the empty tables as not written yet.
    const empty = (plan?.kb ?? old).articles.length === 0;
    const marked = empty && (await markBuilt(o.pool));
    if (plan) {
      const { written, removed } = await writeKnowledge(o.pool, plan.kb, plan.facts, plan.hashes, plan.scope);
      leader.written(plan);
      o.seen?.rewritten(written); // their rows were written again, without a signature
      o.log.info({ pid: process.pid, written: written.length, removed: removed.length, extracted: plan.extracted, people: plan.scope.people.length }, "knowledge base written to the database");
      // Every process takes the new knowledge base in at once (kbNotices.ts), not at its next look.
      await announceWrite(o.pool, { written: written.length, removed: removed.length });
    } else if (marked) await notify(o.pool, KB_WRITTEN, JSON.stringify({ written: 0, removed: 0 })); // the first write: nothing to write but the mark
    await o.after();
  } catch (err) {
    // The next write reads what is stored again rather than build on a knowledge base it is no longer sure of.
    leader.forget();
    throw err;
  }
  await storeSignatures(o, corpus.articles, leader.hashes);
  const kb = plan?.kb ?? old;
  const known = new Set(old.articles.map((a) => a.id));
  const written = plan ? [...plan.facts.keys()] : [];
  const removed = plan ? [...plan.scope.expected.keys()].filter((id) => !plan.hashes.has(id)) : [];
  // One map per knowledge base: a first write reports every article, and a search per id would be quadratic.
  const ref = (of: KnowledgeBase) => {
    const titles = new Map(of.articles.map((a) => [a.id, a.title]));
    return (id: string): ArticleRef => ({ id, title: titles.get(id) ?? id });
  };
  return {
    added: written.filter((id) => !known.has(id)).map(ref(kb)),
    changed: written.filter((id) => known.has(id)).map(ref(kb)),
    removed: removed.map(ref(old)),
    articles: kb.articles.length,
    skipped: corpus.skipped.map((s) => ({ file: s.file, problem: s.problem })),
    extracted: plan?.extracted ?? 0,
    ms: Date.now() - started,
  };
}

/** Stores the signatures of the files read under the hashes stored now; a failure costs the next leader a read of them. */
async function storeSignatures(o: CorpusWriterOptions, articles: readonly Article[], hashes: ReadonlyMap<string, string> | undefined): Promise<void> {
  const files = hashes ? (o.seen?.unstored(articles, hashes) ?? []) : [];
  if (files.length === 0) return;
  try {
    await storeFileSignatures(o.pool, files);
    o.seen?.storedNow(files);
  } catch (err) {
    o.log.warn({ err: { message: (err as Error).message }, files: files.length }, "could not store the corpus files' signatures; a new leader reads those files");
  }
}

/**
 * The leader's memory of the stored people. Imported when a process first writes: the people merge needs the name
 * lexicon (compromise), which a shard that never leads does not load (tests/live/shardModules.test.ts).
 */
async function leaderKnowledge(pool: pg.Pool, warm?: boolean, idleMs = 0): Promise<LeaderKnowledge> {
  const { LeaderKnowledge } = await import("./leaderKnowledge.ts");
  const leader = new LeaderKnowledge(pool, warm);
  leader.idleMs = idleMs;
  return leader;
}

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

export interface CorpusWriter {
  /**
   * Writes the folder's changes now, after any write under way: those of `files` only (the feed ingester's), or
   * (/reload) of every file.
   */
  write(files?: readonly string[]): Promise<ReloadReport>;
  /** Stops watching; a write under way finishes. */
  close(): Promise<void>;
}

/** Watches and writes while `leadership` says this process leads; writes one at a time. */
export function writeWhileLeading(leadership: Leadership, options: CorpusWriterOptions): CorpusWriter {
  // Each write reads only the files changed since the one before (a new leader reads the folder once, whole), and
  // the people merge is kept between writes while this process leads.
  const o: CorpusWriterOptions = { seen: new FilesSeen(), ...options };
  let chain: Promise<unknown> = Promise.resolve();
  let watcher: CorpusWatcher | undefined;
  let closed = false;
  // The files named since the last write began; every file once a write asks for the whole folder.
  let pending: Set<string> | "all" = "all";
  const write = (files?: readonly string[]): Promise<ReloadReport> => {
    if (!files) pending = "all";
    else if (pending !== "all") for (const file of files) pending.add(file);
    const run = chain.then(async () => {
      const named = pending === "all" ? undefined : [...pending];
      pending = new Set();
      o.leader ??= await leaderKnowledge(o.pool, o.warmWorker, o.workerIdleMs);
      return writeCorpus(o, named);
    });
    chain = run.then(
      () => retry.succeeded(),
      (err: unknown) => {
        pending = "all"; // the files it named may not be remembered: the next write looks at every one
        retry.failed(err);
      },
    );
    return run;
  };
  // A failed write is tried again (the whole folder) until one succeeds, while this process leads and is not closed.
  const retry = new WriteRetry({ retryMs: o.retryMs ?? WRITE_RETRY_MS, log: o.log, may: () => leadership.leading && !closed, write: () => void write().catch(() => undefined) });
  let changing: Promise<void> = Promise.resolve();
  const follow = (): Promise<void> =>
    (changing = changing.then(async () => {
      if (closed) return;
      if (leadership.leading && !watcher) {
        watcher = await watchCorpus(o.dir, { debounceMs: o.debounceMs }, o.log, (files) => void write(files).catch(() => undefined));
        // What changed while nobody watched (the last leader died, or none ran).
        void write().catch(() => undefined);
      } else if (!leadership.leading && watcher) {
        retry.stop();
        o.leader?.forget();
        const stopping = watcher;
        watcher = undefined;
        await stopping.close();
      }
    }).catch((err: unknown) => o.log.error({ err }, "could not start watching the corpus folder")));
  leadership.onChange(() => follow());
  void follow();
  return {
    write,
    close: async () => {
      closed = true;
      retry.stop();
      await changing;
      await watcher?.close();
      watcher = undefined;
      await chain.catch(() => undefined);
      o.leader?.forget(); // its worker thread stopped
    },
  };
}

// With DATABASE_URL, the leader (src/db/leader.ts) alone watches the corpus folder and writes what changed to the
// knowledge base in PostgreSQL: the folder is compared with the stored articles by hash, new and changed articles
// are extracted (once: their facts are kept in DATA_DIR's facts cache), the people merged again, and the difference
// written in one transaction (src/search/postgres/kbStore.ts). A write is proportional to the change: the folder's
// unchanged files are statted, not read; the people merge is the live corpus's incremental one, kept between writes
// (leaderKnowledge.ts); only the people and speakers it changed are written with the articles. Every process, this one
// included, then takes the new knowledge base in from the database (sharedKnowledge.ts). What the writer remembers of
// the folder is filesSeen.ts; how it watches and writes while leading, and tries a failed write again, writeWhileLeading.ts.
import type pg from "pg";
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import { loadCorpus, type SkippedFile } from "../corpus/load.ts";
import type { Article } from "../corpus/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { extractAll } from "../pipeline/extractAll.ts";
import { pruneEventValues, valuesLeft } from "../search/postgres/eventValues.ts";
import { readFileSignatures, storeFileSignatures } from "../search/postgres/fileSignatures.ts";
import { writeKnowledge } from "../search/postgres/kbStore.ts";
import { announceWrite, KB_WRITTEN, notify } from "./kbNotices.ts";
import type { LeaderKnowledge, PlannedWrite } from "./leaderKnowledge.ts";
import type { FilesSeen } from "./filesSeen.ts";
import { markBuilt } from "./sharedKnowledge.ts";

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
  const report = {
    added: written.filter((id) => !known.has(id)).map(ref(kb)),
    changed: written.filter((id) => known.has(id)).map(ref(kb)),
    removed: removed.map(ref(old)),
    articles: kb.articles.length,
    skipped: corpus.skipped.map((s) => ({ file: s.file, problem: s.problem })),
    extracted: plan?.extracted ?? 0,
  };
  // After the write is announced and taken in: the dates its removed and changed articles alone named. The knowledge
  // base before the write is not used past this: it is not held through the prune's wait.
  const left = plan ? valuesLeft(old.events, plan.kb.events, new Set([...removed, ...written.filter((id) => known.has(id))])) : [];
  await pruneValues(o, left);
  return { ...report, ms: Date.now() - started };
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

/** Prunes the stored event values a write left unnamed (eventValues.ts); a failure leaves them stored, unused. */
async function pruneValues(o: CorpusWriterOptions, values: readonly string[]): Promise<void> {
  if (values.length === 0) return;
  try {
    await pruneEventValues(o.pool, values);
  } catch (err) {
    o.log.warn({ err: { message: (err as Error).message }, values: values.length }, "could not prune the event values a write left unnamed; they stay stored, unused");
  }
}

/**
 * The leader's memory of the stored people. Imported when a process first writes: the people merge needs the name
 * lexicon (compromise), which a shard that never leads does not load (tests/live/shardModules.test.ts).
 */
export async function leaderKnowledge(pool: pg.Pool, warm?: boolean, idleMs = 0): Promise<LeaderKnowledge> {
  const { LeaderKnowledge } = await import("./leaderKnowledge.ts");
  const leader = new LeaderKnowledge(pool, warm);
  leader.idleMs = idleMs;
  return leader;
}

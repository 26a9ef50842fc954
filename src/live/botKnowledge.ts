// What the running bot answers from, in one shape for both setups:
//  - embedded (no DATABASE_URL): the corpus folder, watched, held in memory with its indexes (liveKnowledge.ts);
//  - shared (DATABASE_URL): the knowledge base in PostgreSQL, answered through its engine (sharedKnowledge.ts); the
//    leader alone watches the folder and writes to the database (corpusWriter.ts), the other processes never read it.
// Either way the answers are asynchronous (src/answer/types.ts AsyncAnswers): the embedded ones resolve at once.
import type pg from "pg";
import type { LiveCorpus } from "../../commands/services.ts";
import { answersNow } from "../answer/index.ts";
import type { Answers, AsyncAnswers } from "../answer/types.ts";
import type { Leadership } from "../db/leader.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { cacheDirOf, startupCacheFor } from "../pipeline/caches.ts";
import { BOT_TEXTS, type StartedRead } from "../search/postgres/startedRead.ts";
import type { Step } from "../shutdown.ts";
import { writeWhileLeading } from "./writeWhileLeading.ts";
import { listenForNotices } from "./kbNotices.ts";
import type { LiveKnowledge } from "./liveKnowledge.ts";
import { reloadOnLeader, serveReloads } from "./reloadOnLeader.ts";
import { SharedKnowledge, type KnowledgeListener } from "./sharedKnowledge.ts";
import { watchCorpus } from "./watchCorpus.ts";

export interface BotKnowledge {
  /** The answers of this moment (read once per interaction). */
  answers(): AsyncAnswers;
  kb(): KnowledgeBase;
  /** What /reload and /announce act on. */
  corpus: LiveCorpus;
  /** New articles, with the knowledge base that holds them: what the leader announces. */
  onAdded(listener: KnowledgeListener): void;
  /** Files written whole (the feed ingester's): read now, without waiting for them to settle. */
  refresh(files: string[]): void;
  /** Once the leader's work is taken up (before it at a first start): the knowledge base brought up to date with the folder. */
  prepareToLead(): Promise<void>;
  /**
   * Applies now, and waits for, the files that changed while the bot was down (otherwise applied once `begin` is
   * called): for a start that must count every article in the folder as already there (a first start).
   */
  catchUp(): Promise<void>;
  /** Starts applying changes (held back until the announcer listens). */
  begin(): void;
  stop(step: Step): Promise<void>;
}

/** The embedded bot: the watcher starts first, so that nothing written while the corpus loads is missed. */
export async function embeddedKnowledge(
  dir: string,
  o: { store: FactsStore; dataDir: string | undefined; debounceMs: number; log: Logger; warmWorker?: boolean },
): Promise<BotKnowledge> {
  const { log } = o;
  const held = new Set<string>();
  const ready: { live?: LiveKnowledge } = {};
  // Reloads under way (with the announcements they queue) are tracked, so that a shutdown lets them finish.
  const reloading = new Set<Promise<unknown>>();
  const refresh = (live: LiveKnowledge, files: Iterable<string>): void => {
    const run = live
      .refresh(files)
      .catch((err: unknown) => log.error({ err }, "corpus reload failed; still answering from the previous corpus"))
      .finally(() => reloading.delete(run));
    reloading.add(run);
  };
  const watcher = await watchCorpus(dir, { debounceMs: o.debounceMs }, log, (files) => {
    if (ready.live) refresh(ready.live, files);
    else for (const f of files) held.add(f);
  });
  let live: LiveKnowledge;
  try {
    // Facts (and the first build's knowledge base and indexes) are cached under DATA_DIR/cache: a restart re-extracts
    // only the articles whose file changed, and loads the whole build when nothing changed.
    const startupCache = startupCacheFor(o.dataDir, log);
    // A restart answers from the saved build while the files that changed meanwhile are applied (begin below).
    // Imported here: a process sharing PostgreSQL never holds the embedded corpus, nor its merge's word lexicon
    // (compromise, some 28 MB of RSS).
    const { LiveKnowledge } = await import("./liveKnowledge.ts");
    live = await LiveKnowledge.load(dir, o.store, log, {
      reconcile: true,
      ...(o.warmWorker !== undefined && { warmWorker: o.warmWorker }),
      ...(startupCache && { startupCache }),
      ...(o.dataDir !== undefined && { cacheDir: cacheDirOf(o.dataDir) }),
    });
  } catch (err) {
    await watcher.close();
    throw err;
  }
  log.info({ dir: live.dir, articles: live.current().articles.length, skipped: live.skippedCount() }, "corpus loaded");
  // One wrapper per snapshot, so that reading the answers per interaction allocates nothing.
  const wrapped = new WeakMap<Answers, AsyncAnswers>();
  return {
    answers: () => {
      const answers = live.answers();
      let async = wrapped.get(answers);
      if (!async) wrapped.set(answers, (async = answersNow(answers)));
      return async;
    },
    kb: () => live.current().kb,
    corpus: { articles: () => live.current().kb.articles, reload: () => live.reloadAll() },
    onAdded: (listener) =>
      live.onReload((report, next) =>
        listener(
          next.kb,
          report.added.map((a) => a.id),
        ),
      ),
    refresh: (files) => refresh(live, files),
    prepareToLead: async () => undefined,
    catchUp: async () => {
      const files = live.takeOutdated();
      if (files.length > 0) await live.refresh(files).catch((err: unknown) => log.error({ err }, "corpus reload failed; still answering from the previous corpus"));
    },
    begin: () => {
      ready.live = live;
      for (const file of live.takeOutdated()) held.add(file);
      if (held.size > 0) refresh(live, held);
    },
    stop: async (step) => {
      await step("corpus watcher", watcher.close().catch(() => undefined));
      await step("corpus reload", settleAll(reloading).then(() => live.close()));
    },
  };
}

/**
 * How often a process sharing PostgreSQL looks at the knowledge base's version by itself: the writer's notification
 * (kbNotices.ts) makes it read a new one at once; this covers one lost while the listening connection was down.
 */
export const KB_POLL_MS = 10_000;

/**
 * A process sharing PostgreSQL: answers from the database; writes the folder's changes only while it leads.
 * `started`: the knowledge base's read the process started before it loaded its modules (botModules.ts).
 */
export async function sharedKnowledge(
  pool: pg.Pool,
  leadership: Leadership,
  { started, ...o }: { dir: string; store: FactsStore; debounceMs: number; log: Logger; url: string; warmWorker?: boolean; workerIdleMs?: number; started?: StartedRead },
): Promise<BotKnowledge> {
  // Every shard reads sentence texts from the database as it needs them, the leader too (its citations: leaderKnowledge.ts).
  const shared = await SharedKnowledge.open(pool, o.log, { texts: BOT_TEXTS }, started);
  // With the pid: the shard processes share one log.
  o.log.info({ pid: process.pid, articles: shared.kb().articles.length, texts: shared.texts() }, "knowledge base read from the database");
  // It answers from here on (its first stage: articles, people, quotes); the events come while it answers.
  void shared.wholeKb().then(
    (kb) => o.log.info({ pid: process.pid, events: kb.events.length }, "knowledge base read whole"),
    (err: unknown) => o.log.warn({ err: { message: (err as Error).message } }, "the knowledge base's events could not be read; the answers that need them wait for the next refresh"),
  );
  const notices = listenForNotices(o.url, o.log);
  const writer = writeWhileLeading(leadership, { ...o, pool, before: () => shared.wholeKb(), after: () => shared.refresh() });
  // /reload: the leader writes; another shard asks it to (reloadOnLeader.ts).
  const reloads = serveReloads(notices, leadership, () => writer.write(), pool, o.log);
  return {
    answers: () => shared.answers(),
    kb: () => shared.kb(),
    corpus: { articles: () => shared.kb().articles, reload: () => (leadership.leading ? writer.write() : reloadOnLeader(pool, () => shared.refresh())) },
    onAdded: (listener) => shared.onChange(listener),
    refresh: (files) => void writer.write(files).catch(() => undefined),
    // A write that fails (a bad folder, the database away) is logged; the lead is taken over the stored articles.
    prepareToLead: () => writer.write().then(() => undefined, () => undefined),
    // The database's knowledge base is what every process answers from; the leader writes the folder's changes.
    catchUp: async () => undefined,
    begin: () => {
      shared.listen(notices);
      shared.poll(KB_POLL_MS);
    },
    stop: async (step) => {
      reloads.close();
      await step("corpus writer", writer.close());
      await step("knowledge base notices", notices.close());
      await step("knowledge base refresh", shared.close());
    },
  };
}

async function settleAll(running: Set<Promise<unknown>>): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

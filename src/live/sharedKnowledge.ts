// The knowledge a bot process answers from when it shares PostgreSQL (DATABASE_URL): read from the database, never
// from the corpus folder. The answers go through the PostgreSQL engine (src/search/postgres): the postings stay in
// the database, so a shard holds no MiniSearch index of the large collections. Only the leader writes the knowledge
// base (corpusWriter.ts) and tells every process (NOTIFY, kbNotices.ts); a process then looks at the knowledge base's
// version (its article count and latest write), reads the new knowledge base when it changed and swaps it in with one
// assignment, as the embedded live corpus does: a question sees the old knowledge base or the new one, never a mix. A
// slow poll of the version covers notifications lost while a connection was down.
// A process answers once the first stage of the knowledge base is read (the articles, the people, the quotes: see
// src/search/postgres/storedStages.ts) and reads the rest while it answers; a knowledge base written later is swapped
// in once read whole. A shard that starts before the first write (a new database) answers that the knowledge base is being built, until
// the write it is told of. A folder without a valid article is written too, as a knowledge base without an article:
// every shard then answers as the embedded bot does when its folder is emptied (nobody found), until articles arrive.
// A bot's shard, the leader included, reads the sentences' texts from the database as its answers and duties need them
// (src/kb/articleTexts.ts; the leader's citations too: leaderKnowledge.ts): one that comes to lead reads nothing again.
import type pg from "pg";
import type { AsyncAnswers } from "../answer/types.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { answersThrough } from "../search/engine.ts";
import { readTextsThrough } from "../search/postgres/articleTexts.ts";
import { PostgresEngine, type EngineOptions } from "../search/postgres/engine.ts";
import { engineAfterChange } from "../search/postgres/engineChange.ts";
import type { StartedRead } from "../search/postgres/startedRead.ts";
import { NOT_BUILT as STORED_NOT_BUILT } from "../search/postgres/storedStages.ts";
import { KnowledgeBaseBeingBuilt } from "../render/errors.ts";
import { collectGarbage } from "../util/collectGarbage.ts";
import { KB_WRITTEN, type Notices } from "./kbNotices.ts";

/** New articles another process (or this one) wrote: their ids, and the knowledge base that holds them. */
export type KnowledgeListener = (kb: KnowledgeBase, added: string[]) => void | Promise<void>;

interface Opened {
  engine: PostgresEngine;
  answers: AsyncAnswers;
  version: string;
  /** Where its sentences' texts are read from once it is read whole (the first stage's: the database). */
  texts: "memory" | "database";
  /** The second stage could not be read: the next refresh reads the knowledge base again, even unchanged. */
  failed?: boolean;
  /** Made from the knowledge base held before and the rows a write changed (openChanged), not read whole. */
  changed?: boolean;
}

/** Before the first write: every answer says the knowledge base is being built; suggestions are none. */
const beingBuilt = async (): Promise<never> => {
  throw new KnowledgeBaseBeingBuilt();
};
const BEING_BUILT: AsyncAnswers = {
  who: beingBuilt,
  when: beingBuilt,
  quote: beingBuilt,
  search: beingBuilt,
  timeline: beingBuilt,
  check: beingBuilt,
  mentioned: beingBuilt,
  asOf: beingBuilt,
  about: beingBuilt,
  suggest: async () => [],
};

/**
 * What the stored knowledge base is now: every write (kbStore.ts writeKnowledge) inserts the articles it writes
 * (stamped with its transaction's time) or deletes some, so one of the two changes with every write. Without an
 * article, it is either not written yet or written from a folder that holds no valid article (BUILT_MARK).
 */
export async function kbVersion(pool: pg.Pool | pg.PoolClient): Promise<string> {
  const { rows } = await pool.query<{ n: number; at: Date | null; built: boolean }>(
    "SELECT count(*)::int AS n, max(written_at) AS at, EXISTS (SELECT 1 FROM state_document WHERE name = $1) AS built FROM kb_article",
    [BUILT_MARK],
  );
  const row = rows[0];
  if (row && row.n > 0) return `${row.n}@${row.at?.toISOString() ?? ""}`;
  return row?.built ? BUILT_EMPTY : NOT_BUILT;
}

/** The version of a knowledge base nobody wrote yet: its answers say it is being built. */
export const NOT_BUILT = "not built";
/** The version of one written from a folder without a valid article: answered as the embedded bot answers then. */
const BUILT_EMPTY = "empty";

/**
 * The row (in state_document, as reloadOnLeader.ts's requests) that says the leader has written the folder: a
 * knowledge base without an article is then an empty folder's, not one still being built.
 */
const BUILT_MARK = "kb-built";

/**
 * Marks the knowledge base written (before a write that leaves it without an article, so that no process ever reads
 * it as not built); resolves true when it was not marked before.
 */
export async function markBuilt(pool: Pick<pg.Pool, "query">): Promise<boolean> {
  const { rowCount } = await pool.query("INSERT INTO state_document (name, value) VALUES ($1, 'true') ON CONFLICT (name) DO NOTHING", [BUILT_MARK]);
  return (rowCount ?? 0) > 0;
}

/** How SharedKnowledge opens its engines (texts: default memory). */
export type SharedOptions = EngineOptions;

/**
 * The knowledge base as it is now, answering once its first stage is read (its version read in the same state);
 * through the read `started` before, if given.
 */
async function openFirst(pool: pg.Pool, { texts: where = "memory", ...options }: SharedOptions, started?: StartedRead): Promise<Opened> {
  const engine = await PostgresEngine.openFirst(pool, { ...options, texts: where }, started);
  // Duties beside the answers (announcements, previews) read the first stage's texts through the database; the
  // knowledge base read whole holds them in memory or goes on reading them there (the engine carries the reader).
  readTextsThrough(engine);
  // The version read with it (storedVersion) tells no article apart from an empty folder's knowledge base (BUILT_MARK):
  // asked now. Articles written since it read are told as "not built" here, so the next refresh reads them.
  const now = engine.version === STORED_NOT_BUILT ? await kbVersion(pool) : engine.version;
  const version = now === BUILT_EMPTY || engine.version !== STORED_NOT_BUILT ? now : NOT_BUILT;
  const opened: Opened = { engine, answers: version === NOT_BUILT ? BEING_BUILT : answersThrough(engine), version, texts: where };
  engine.whole.catch(() => (opened.failed = true));
  return opened;
}

/**
 * The knowledge base as it is now, made from `held` and what was written since it was read (engineChange.ts);
 * undefined when it cannot be: `held` not read whole, or the change not worked out from it (the caller reads it whole).
 */
async function openChanged(pool: pg.Pool, held: Opened): Promise<Opened | undefined> {
  if (held.failed || held.version === NOT_BUILT || held.version === BUILT_EMPTY) return undefined;
  const engine = await engineAfterChange(pool, held.engine, held.texts);
  if (!engine) return undefined;
  readTextsThrough(engine);
  const opened: Opened = { engine, answers: answersThrough(engine), version: engine.version, texts: held.texts, changed: true };
  engine.whole.catch(() => (opened.failed = true));
  return opened;
}

export class SharedKnowledge {
  private listeners: KnowledgeListener[] = [];
  /** Refreshes run one after another: each looks at the database after the one before it is done. */
  private chain: Promise<unknown> = Promise.resolve();
  private polling = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private opened: Opened,
    private readonly log: Logger,
    private readonly options: SharedOptions,
  ) {
    this.collectOnceWarmed(opened.engine);
  }

  /**
   * Resolves once the first stage is read: the answers of the rest wait for it (src/search/engine.ts PartNotRead).
   * `started`: the read a process started before it loaded its modules (src/live/botModules.ts), taken for this
   * first open; every refresh reads again.
   */
  static async open(pool: pg.Pool, log: Logger, options: SharedOptions = {}, started?: StartedRead): Promise<SharedKnowledge> {
    return new SharedKnowledge(pool, await openFirst(pool, options, started), log, options);
  }

  /** The answers of this moment: read once per question, so one reply never mixes two knowledge bases. */
  answers(): AsyncAnswers {
    return this.opened.answers;
  }

  /** The knowledge base: until its second stage is read, its events throw (what needs them awaits wholeKb). */
  kb(): KnowledgeBase {
    return this.opened.engine.view.kb;
  }

  /** Where the sentences' texts of the knowledge base held are read from (for the log). */
  texts(): "memory" | "database" {
    return this.opened.texts;
  }

  /** The knowledge base once read whole (what a write is made from). */
  async wholeKb(): Promise<KnowledgeBase> {
    for (;;) {
      const { engine } = this.opened;
      await engine.whole;
      // A refresh may have swapped another knowledge base in meanwhile (read whole before it was).
      if (engine === this.opened.engine) return engine.view.kb;
    }
  }

  /** Called with the articles each refresh finds new (listeners' errors are logged, never thrown). */
  onChange(listener: KnowledgeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Takes in what was written up to now: resolves with the ids of the new articles, or undefined when nothing
   * changed. Fails (and keeps answering from the knowledge base it has) when the database cannot be read.
   */
  refresh(): Promise<string[] | undefined> {
    const run = this.chain.then(() => this.takeIn());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Takes a new knowledge base in as soon as the writer says it wrote one, and when the listening connection is back. */
  listen(notices: Notices): void {
    const refresh = (): void => void this.refresh().catch((err: unknown) => this.log.debug({ err: { message: (err as Error).message } }, "knowledge base refresh: database unavailable"));
    notices.on(KB_WRITTEN, refresh);
    notices.onConnected(refresh);
    // A write between this process's first read and now was told before it listened.
    refresh();
  }

  /** Refreshes every `ms` until stopped (an unreachable database is logged at debug level and tried again). */
  poll(ms: number): void {
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      this.refresh()
        .catch((err: unknown) => this.log.debug({ err: { message: (err as Error).message } }, "knowledge base refresh: database unavailable; trying again"))
        .finally(() => (this.polling = false));
    }, ms);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
  }

  /**
   * Once an engine read (or made from a change) has done its work (read whole, warmed), its garbage is given back: a
   * read allocates some 2.5 times what it keeps (src/util/collectGarbage.ts). Not when another engine was swapped in
   * meanwhile (its own follows).
   */
  private collectOnceWarmed(engine: PostgresEngine): void {
    void engine.warmed.then(async () => {
      if (engine !== this.opened.engine) return;
      const ms = await collectGarbage();
      if (ms !== undefined) this.log.info({ pid: process.pid, ms }, "knowledge base read: its garbage collected");
    });
  }

  /**
   * The knowledge base held with the change written since applied, once taken in whole (its indexes made); undefined
   * when it cannot be applied, or with the error when it failed (the whole is read instead: the same would fail again).
   */
  private async applied(): Promise<{ changed?: Opened; failure?: Error }> {
    try {
      const changed = await openChanged(this.pool, this.opened);
      await changed?.engine.whole;
      return changed ? { changed } : {};
    } catch (err) {
      return { failure: err as Error };
    }
  }

  private async takeIn(): Promise<string[] | undefined> {
    const previous = this.opened.version;
    if ((await kbVersion(this.pool)) === previous && !this.opened.failed) return undefined;
    const before = new Set(this.kb().articles.map((a) => a.id));
    // Swapped in once read whole: until then the knowledge base before answers. What a write changed is read alone
    // and applied to the knowledge base held; the whole is read when that cannot be done (or failed).
    const { changed, failure } = await this.applied();
    const next = changed ?? (await openFirst(this.pool, this.options));
    // Logged once the whole is read: a database out of reach fails both (the caller logs that).
    if (failure) this.log.warn({ err: { message: failure.message } }, "knowledge base change could not be applied: the whole knowledge base was read");
    await next.engine.whole;
    this.opened = next;
    // A change applied leaves garbage too: the engine held before (less the articles it shares) and what making the
    // new one's indexes allocated. V8 did not collect it in its time: a shard at 50,000 articles that does not lead
    // held 300-430 MB of RSS (heap 190-295 MB, 73 MB of it live) after each of six writes, 180 MB once collected.
    this.collectOnceWarmed(next.engine);
    // The same knowledge base, read again: nothing new to tell the listeners.
    if (this.opened.version === previous) {
      this.log.info({ pid: process.pid, articles: this.kb().articles.length, texts: this.texts() }, "knowledge base read again: its events could not be read before");
      return undefined;
    }
    const kb = this.kb();
    const added = kb.articles.filter((a) => !before.has(a.id)).map((a) => a.id);
    this.log.info({ pid: process.pid, articles: kb.articles.length, added: added.length, texts: this.texts(), read: next.changed ? "change" : "whole" }, "knowledge base changed in the database: answering from the new one");
    for (const listener of this.listeners) {
      await Promise.resolve()
        .then(() => listener(kb, added))
        .catch((err: unknown) => this.log.error({ err }, "a knowledge base change could not be applied"));
    }
    return added;
  }
}

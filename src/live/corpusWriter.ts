// With DATABASE_URL, the leader (src/db/leader.ts) alone watches the corpus folder and writes what changed to the
// knowledge base in PostgreSQL: the folder is compared with the stored articles by hash, new and changed articles
// are extracted (once: their facts are kept in DATA_DIR's facts cache), the people merged again, and the difference
// written in one transaction (src/search/postgres/kbStore.ts). Every process, this one included, then takes the new
// knowledge base in from the database (sharedKnowledge.ts). When the leader dies, the next one starts watching and
// first writes whatever changed while nobody watched.
import path from "node:path";
import type pg from "pg";
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import type { Leadership } from "../db/leader.ts";
import type { KnownFile } from "../corpus/load.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { loadKnowledge } from "../pipeline/load.ts";
import type { StartupCache } from "../pipeline/startupCache.ts";
import { writeKnowledge } from "../search/postgres/kbStore.ts";
import { announceWrite } from "./kbNotices.ts";
import { watchCorpus, type CorpusWatcher } from "./watchCorpus.ts";

export interface CorpusWriterOptions {
  dir: string;
  /** What the writes before read of each file: a file whose signature is unchanged is not read or hashed again. */
  seen?: FilesSeen;
  pool: pg.Pool;
  store: FactsStore;
  debounceMs: number;
  log: Logger;
  /** The knowledge base as stored before a write (for the report's titles), and a look at the one written. */
  before(): KnowledgeBase;
  after(): Promise<unknown>;
}

/** Writes the corpus folder's difference with the stored knowledge base; reports it as /reload shows it. */
export async function writeCorpus(o: CorpusWriterOptions): Promise<ReloadReport> {
  const started = Date.now();
  const old = o.before();
  const loaded = await loadKnowledge(o.dir, { store: o.store, log: o.log, ...(o.seen && { startupCache: o.seen }) });
  o.seen?.remember(loaded.loaded);
  const facts = new Map((loaded.facts ?? []).map((f) => [f.article, f]));
  const hashes = new Map(loaded.corpus.articles.map((a) => [a.id, a.hash]));
  const { written, removed } = await writeKnowledge(o.pool, loaded.kb, facts, hashes);
  if (written.length + removed.length > 0) {
    o.log.info({ pid: process.pid, written: written.length, removed: removed.length, extracted: loaded.extracted }, "knowledge base written to the database");
  }
  // Every process takes the new knowledge base in at once (kbNotices.ts), not at its next look.
  await announceWrite(o.pool, { written: written.length, removed: removed.length });
  await o.after();
  const known = new Set(old.articles.map((a) => a.id));
  // One map per knowledge base: a first write reports every article, and a search per id would be quadratic.
  const ref = (kb: KnowledgeBase) => {
    const titles = new Map(kb.articles.map((a) => [a.id, a.title]));
    return (id: string): ArticleRef => ({ id, title: titles.get(id) ?? id });
  };
  return {
    added: written.filter((id) => !known.has(id)).map(ref(loaded.kb)),
    changed: written.filter((id) => known.has(id)).map(ref(loaded.kb)),
    removed: removed.map(ref(old)),
    articles: loaded.kb.articles.length,
    skipped: loaded.corpus.skipped.map((s) => ({ file: s.file, problem: s.problem })),
    extracted: loaded.extracted,
    ms: Date.now() - started,
  };
}

/**
 * The files a writer read, by name, with their signature (inode, size, times), hash and front matter: the next write
 * stats every file but reads only those that changed (through the corpus load's `knownFile`, as a warm start does with
 * its saved build; no saved build is ever offered, so the knowledge base is built from the facts every time).
 */
export class FilesSeen implements StartupCache {
  private byName = new Map<string, KnownFile>();
  private byHash = new Map<string, ArticleMeta>();

  knownFile(name: string): KnownFile | undefined {
    return this.byName.get(name);
  }

  knownMeta(hash: string): ArticleMeta | undefined {
    return this.byHash.get(hash);
  }

  /** The articles a write read (every valid file of the folder): what the next write compares the folder with. */
  remember(articles: readonly Article[]): void {
    this.byName = new Map(articles.map((a) => [path.basename(a.file), { signature: a.signature, hash: a.hash, meta: a.meta }]));
    this.byHash = new Map(articles.map((a) => [a.hash, a.meta]));
  }

  read(): undefined {
    return undefined;
  }

  write(): void {}

  async flush(): Promise<void> {}
}

export interface CorpusWriter {
  /** Writes the folder's changes now (/reload, or files the feed ingester wrote), after any write under way. */
  write(): Promise<ReloadReport>;
  /** Stops watching; a write under way finishes. */
  close(): Promise<void>;
}

/** Watches and writes while `leadership` says this process leads; writes one at a time. */
export function writeWhileLeading(leadership: Leadership, options: CorpusWriterOptions): CorpusWriter {
  // Each write reads only the files changed since the one before (a new leader reads the folder once, whole).
  const o = { seen: new FilesSeen(), ...options };
  let chain: Promise<unknown> = Promise.resolve();
  let watcher: CorpusWatcher | undefined;
  let closed = false;
  const write = (): Promise<ReloadReport> => {
    const run = chain.then(() => writeCorpus(o));
    chain = run.catch((err: unknown) => o.log.error({ err }, "could not write the corpus to the knowledge base; still answering from the stored one"));
    return run;
  };
  let changing: Promise<void> = Promise.resolve();
  const follow = (): Promise<void> =>
    (changing = changing.then(async () => {
      if (closed) return;
      if (leadership.leading && !watcher) {
        watcher = await watchCorpus(o.dir, { debounceMs: o.debounceMs }, o.log, () => void write().catch(() => undefined));
        // What changed while nobody watched (the last leader died, or none ran).
        void write().catch(() => undefined);
      } else if (!leadership.leading && watcher) {
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
      await changing;
      await watcher?.close();
      watcher = undefined;
      await chain.catch(() => undefined);
    },
  };
}

// What the local console answers from. Embedded: the corpus folder through the caches, as every start. With
// DATABASE_URL: the knowledge base in PostgreSQL, through its engine, without reading the folder; only a database
// no bot has written yet is written first, from the folder, as `npm run ask` does, and a folder without a valid
// article as the sharded bot's leader writes one: a knowledge base without an article, answered as the shards do.
import { answersNow } from "../answer/index.ts";
import { CorpusError, loadCorpus } from "../corpus/load.ts";
import type { AsyncAnswers } from "../answer/types.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import { openKnowledge } from "../pipeline/open.ts";
import { openStoredKnowledge } from "../pipeline/openStored.ts";
import { answersThrough } from "../search/engine.ts";
import { PostgresEngine } from "../search/postgres/engine.ts";
import { kbVersion, markBuilt, NOT_BUILT } from "../live/sharedKnowledge.ts";

export interface ConsoleKnowledge {
  answers: AsyncAnswers;
  /** What the log says was loaded. */
  loaded: { dir?: string; articles: number; skipped?: number };
  /** Resolves when the caches this start wrote are on disk. */
  flush(): Promise<void>;
}

export async function consoleKnowledge(dir: string, o: { dataDir?: string; database?: Database; log: Logger }): Promise<ConsoleKnowledge> {
  const { database, log } = o;
  const caches = { ...(o.dataDir !== undefined && { dataDir: o.dataDir }), log };
  if (!database) {
    const { corpus, answers, flush } = await openKnowledge(dir, caches);
    return { answers: answersNow(answers), loaded: { dir: corpus.dir, articles: corpus.articles.length, skipped: corpus.skipped.length }, flush };
  }
  const written = (await kbVersion(database.pool)) !== NOT_BUILT;
  const engine = written ? await PostgresEngine.open(database.pool) : await writeFirst(dir, database, caches);
  return { answers: answersThrough(engine), loaded: { articles: engine.view.kb.articles.length }, flush: async () => undefined };
}

/** The folder written to a database nobody wrote yet, as the leader writes it; a missing or unreadable folder stays an error. */
async function writeFirst(dir: string, database: Database, caches: { dataDir?: string; log: Logger }): Promise<PostgresEngine> {
  try {
    return (await openStoredKnowledge(dir, database, caches)).engine;
  } catch (err) {
    if (!(err instanceof CorpusError)) throw err;
    // The skipped files were logged by the load that failed.
    const corpus = await loadCorpus(dir, { allowEmpty: true, reported: () => true });
    if (corpus.articles.length > 0) throw err;
    await markBuilt(database.pool);
    caches.log.warn({ dir: corpus.dir, skipped: corpus.skipped.length }, "the corpus folder holds no valid article now");
    return PostgresEngine.open(database.pool);
  }
}

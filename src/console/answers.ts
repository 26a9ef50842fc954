// What the local console answers from. Embedded: the corpus folder through the caches, as every start. With
// DATABASE_URL: the knowledge base in PostgreSQL, through its engine, without reading the folder; only a database
// that holds no article yet (no bot has written one) is written first, from the folder, as `npm run ask` does.
import { answersNow } from "../answer/index.ts";
import type { AsyncAnswers } from "../answer/types.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import { openKnowledge } from "../pipeline/open.ts";
import { openStoredKnowledge } from "../pipeline/openStored.ts";
import { answersThrough } from "../search/engine.ts";
import { PostgresEngine } from "../search/postgres/engine.ts";
import { storedHashes } from "../search/postgres/kbStore.ts";

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
  const empty = (await storedHashes(database.pool)).size === 0;
  const engine = empty ? (await openStoredKnowledge(dir, database, caches)).engine : await PostgresEngine.open(database.pool);
  return { answers: answersThrough(engine), loaded: { articles: engine.view.kb.articles.length }, flush: async () => undefined };
}

// A corpus folder to answers through PostgreSQL (DATABASE_URL): the folder's articles are compared with the stored
// ones by hash; when they are the same, the knowledge base is read from the database and nothing is extracted,
// merged or indexed. Otherwise the knowledge base is built as any start builds it (facts of unchanged articles
// from the facts cache in DATA_DIR) and the difference written in one transaction, then read back.
import { loadCorpus, type LoadedCorpus } from "../corpus/load.ts";
import type { Database } from "../db/database.ts";
import { log as defaultLog } from "../log.ts";
import { PostgresEngine, type EngineOptions } from "../search/postgres/engine.ts";
import { pruneEventValues } from "../search/postgres/eventValues.ts";
import { storedHashes, writeKnowledge, type WriteResult } from "../search/postgres/kbStore.ts";
import { factsStoreFor } from "./caches.ts";
import { loadKnowledge, type LoadKnowledgeOptions } from "./load.ts";

export interface OpenedStore {
  corpus: LoadedCorpus;
  engine: PostgresEngine;
  /** What this start wrote to the database (nothing when the stored knowledge base was the corpus's). */
  written: WriteResult;
  /** Articles extracted by this start. */
  extracted: number;
}

export async function openStoredKnowledge(dir: string, db: Database, options: LoadKnowledgeOptions = {}, engine: EngineOptions = {}): Promise<OpenedStore> {
  const log = options.log ?? defaultLog;
  const corpus = await loadCorpus(dir, { log });
  const stored = await storedHashes(db.pool);
  const same = stored.size === corpus.articles.length && corpus.articles.every((a) => stored.get(a.id) === a.hash);
  if (same) return { corpus, engine: await PostgresEngine.open(db.pool, engine), written: { written: [], removed: [] }, extracted: 0 };
  const store = options.store ?? factsStoreFor(options.dataDir, log);
  const loaded = await loadKnowledge(dir, { ...options, store, log });
  const facts = new Map((loaded.facts ?? []).map((f) => [f.article, f]));
  const hashes = new Map(loaded.corpus.articles.map((a) => [a.id, a.hash]));
  const written = await writeKnowledge(db.pool, loaded.kb, facts, hashes);
  // Dates only the articles removed or rewritten named (the leader prunes its own writes': src/live/corpusWriter.ts).
  if (written.removed.length > 0 || written.written.some((id) => stored.has(id))) await pruneEventValues(db.pool);
  log.info({ database: db.where, written: written.written.length, removed: written.removed.length }, "knowledge base written to the database");
  return { corpus: loaded.corpus, engine: await PostgresEngine.open(db.pool, engine), written, extracted: loaded.extracted };
}

// The knowledge base's read a bot process starts before it loads its modules (src/search/postgres/startedRead.ts,
// src/live/botModules.ts): the shard's knowledge opens from that read, not from one of its own; a read nobody takes
// gives its connections back and leaves no unhandled rejection.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDatabase, openDatabase, type Database } from "../../src/db/database.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { startRead } from "../../src/search/postgres/startedRead.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { postgresForFile } from "../support/postgresForFile.ts";

const { freshDatabase, closing } = postgresForFile();

const { log } = recordingLog("warn");

async function database(): Promise<Database> {
  const db = await openDatabase(await freshDatabase());
  closing.push(() => db.close());
  return db;
}

function article(dir: string, name: string, who: string): void {
  writeFileSync(
    path.join(dir, `${name}.md`),
    articleFile({ title: `The ${name} story`, body: `${who}, a member of the harbour council, said the ${name} vote was delayed until March.\n` }),
  );
}

/** The folder as the leader writes it, then the writer told (so that its next write compares with this one). */
async function written(db: Database, dir: string, writer: SharedKnowledge): Promise<void> {
  await writeCorpus({ dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 30, log, before: () => writer.wholeKb(), after: async () => undefined });
  await writer.refresh();
}

/** A database with one article ("harbour", Ana Ribeiro) written by a leader's knowledge, and its folder. */
async function harbourWritten(): Promise<{ db: Database; dir: string; writer: SharedKnowledge }> {
  const db = await database();
  const dir = tempDir("started-read-");
  article(dir, "harbour", "Ana Ribeiro");
  const writer = await SharedKnowledge.open(db.pool, log);
  closing.push(() => writer.close());
  await written(db, dir, writer);
  return { db, dir, writer };
}

// The first write of a file starts the leader's worker thread and loads the extractors (sharedKnowledge.test.ts).
describe("a read started before the knowledge opens", { timeout: 60_000 }, () => {
  it("is the one the shard answers from: what was stored when it started, then the writes after it at the next refresh", async () => {
    const { db, dir, writer } = await harbourWritten();

    const started = startRead(db.pool, "database");
    await started.first;
    // Written after the read started: a read of the shard's own would hold it.
    article(dir, "quay", "Bruno Costa");
    await written(db, dir, writer);

    const shard = await SharedKnowledge.open(db.pool, log, { texts: "database" }, started);
    closing.push(() => shard.close());
    expect(shard.kb().articles.map((a) => a.id)).toEqual(["harbour"]);
    expect(JSON.stringify(await shard.answers().who("Ana Ribeiro"))).toContain("harbour council");
    expect((await shard.wholeKb()).articles.map((a) => a.id)).toEqual(["harbour"]);

    expect(await shard.refresh()).toEqual(["quay"]);
    expect(JSON.stringify(await shard.answers().who("Bruno Costa"))).toContain("quay vote");
  });

  it("and taken by nobody reads to its end and gives its connections back: the pool closes", async () => {
    const db = await database();
    const started = startRead(db.pool, "database");
    await (await started.first).rest;
    await expect(Promise.race([db.close().then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 5000))])).resolves.toBe("closed");
  });

  it("that fails (no server) leaves no unhandled rejection, and the engine that takes it fails with its error", async () => {
    const rejections: unknown[] = [];
    const unhandled = (reason: unknown): void => void rejections.push(reason);
    process.on("unhandledRejection", unhandled);
    try {
      const db = createDatabase("postgres://newsdesk@127.0.0.1:1/newsdesk", { connectionTimeoutMs: 2000 });
      closing.push(() => db.close());
      const unused = startRead(db.pool, "database");
      const taken = startRead(db.pool, "database");
      await expect(PostgresEngine.openFirst(db.pool, { texts: "database" }, taken)).rejects.toThrow(/ECONNREFUSED/);
      await unused.first.catch(() => undefined);
      // A bot waits for this before loading its modules: a failed read ends the wait too.
      await expect(unused.sent).resolves.toBeUndefined();
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("says when its statements are at the server, before their rows come back (a bot loads its modules then)", async () => {
    const { db } = await harbourWritten();
    // The articles held by another transaction: the first stage's reads of them wait at the server.
    const locker = await db.pool.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE kb_article IN ACCESS EXCLUSIVE MODE");
    let read = false;
    const started = startRead(db.pool, "database");
    void started.first.then(() => (read = true));
    try {
      await started.sent;
      const waiting = async (): Promise<number> =>
        (await locker.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rows[0]?.n ?? 0;
      for (let tries = 0; tries < 50 && (await waiting()) === 0; tries++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBeGreaterThan(0);
      expect(read).toBe(false);
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    expect((await started.first).kb.articles.map((a) => a.id)).toEqual(["harbour"]);
    await (await started.first).rest;
  });

  it("for texts in the database is not taken by an engine that holds them in memory", async () => {
    const db = await database();
    const started = startRead(db.pool, "database");
    await expect(PostgresEngine.openFirst(db.pool, { texts: "memory" }, started)).rejects.toThrow(
      "search/postgres engine: a read started for texts in database taken by an engine for texts in memory",
    );
    await (await started.first).rest;
  });
});

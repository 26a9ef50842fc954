// The leader's writes are proportional to the change (src/live/leaderKnowledge.ts): each leaves the tables exactly as
// a write of the whole knowledge base built from the same folder does, while writing only the people it changed. The
// leader holds no sentence text, as the bot's does: the descriptions it cites are read from the database.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { FilesSeen } from "../../src/live/filesSeen.ts";
import { LeaderKnowledge } from "../../src/live/leaderKnowledge.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { WarmWorker } from "../../src/pipeline/warmWorker.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";
import { withArticleIds, withEventValues } from "../support/articleNumbers.ts";

let server: SharedPostgres;
const open: Database[] = [];
beforeAll(async () => {
  server = await sharedPostgres();
}, SHARED_POSTGRES_START_MS);
afterAll(async () => {
  await Promise.all(open.map((db) => db.close()));
});

async function fresh(): Promise<Database> {
  const db = await openDatabase(await server.freshDatabase());
  open.push(db);
  return db;
}

/** What a write leaves in the tables of the knowledge base, but the write times and the rows' generated ids. */
async function tables(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const order = { kb_article: "id", kb_quote: "article, fragment, index", kb_person: "position", kb_person_name: "person, name", kb_term: "term" };
  for (const [table, by] of Object.entries(order)) {
    const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY ${by}`);
    // The files' signatures are the leader's bookkeeping (a whole build stores none): the test below checks them.
    out[table] = rows.map((r: Record<string, unknown>) => ({ ...r, id: table === "kb_article" ? r.id : undefined, written_at: undefined, file_name: undefined, file_signature: undefined, ...withoutRowIds(r) }));
  }
  return withEventValues(pool, withArticleIds(out), { values: true });
}

/** An article's packed sentence ids (migration 007) as their count: their rows' generated ids differ. */
function withoutRowIds(r: Record<string, unknown>): Record<string, unknown> {
  const ids = r.sentence_ids;
  return Buffer.isBuffer(ids) ? { sentence_ids: ids.length / 4 } : {};
}

/** The whole knowledge base built from the folder and written at once: what every leader's write must amount to. */
async function writtenWhole(dir: string): Promise<Record<string, unknown[]>> {
  const db = await fresh();
  const loaded = await loadKnowledge(dir, { store: factsStoreFor(undefined, log), log });
  await writeKnowledge(db.pool, loaded.kb, new Map((loaded.facts ?? []).map((f) => [f.article, f])), new Map(loaded.corpus.articles.map((a) => [a.id, a.hash])));
  return tables(db.pool);
}

const { log, lines } = recordingLog("info");
const filesRead = (): number[] => lines.filter((l) => l.msg === "corpus folder compared with the knowledge base").map((l) => l.read as number);
const peopleWritten = (): number[] => lines.filter((l) => l.msg === "knowledge base written to the database").map((l) => l.people as number);

/** A leader writing `dir` to `db`, told of the files that changed as the watcher tells it; its texts in the database, as the bot's. */
async function leaderOf(db: Database, dir: string, warm?: boolean) {
  const shard = await SharedKnowledge.open(db.pool, log, { texts: "database" });
  const leader = new LeaderKnowledge(db.pool, warm);
  const o = { dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 30, log, seen: new FilesSeen(), leader, before: () => shard.wholeKb(), after: () => shard.refresh() };
  return { shard, leader, write: (files?: string[]) => writeCorpus(o, files) };
}

describe("the leader's writes", { timeout: 120_000 }, () => {
  const dir = tempDir("leader-knowledge-");
  const file = (name: string) => path.join(dir, `${name}.md`);
  const article = (name: string, body: string) => {
    writeFileSync(file(name), articleFile({ title: `The ${name} story`, body }));
    return file(name);
  };

  it("leave the tables as the whole knowledge base written at once, writing only the people that changed", async () => {
    article("harbour", 'Ana Ribeiro, a member of the harbour council, said the vote was delayed.\n\n"We need more time," Ribeiro said.\n');
    article("tram", 'Marta Silva, the transport director of the city, announced a new tram line.\n\n"The line will open next year," Silva said.\n');
    article("school", "Rui Costa, a teacher at the central school, said classes would resume on Monday.\n");
    const db = await fresh();
    const leader = await leaderOf(db, dir);
    expect((await leader.write()).added).toHaveLength(3);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));

    // A fuller name in a new article renames the tram article's speaker and person.
    const bridge = article("bridge", 'Marta Silva Costa, the transport director, opened the bridge.\n\n"It is a good day for the city," said Silva Costa.\n');
    expect((await leader.write([bridge])).added.map((a) => a.id)).toEqual(["bridge"]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    expect(leader.shard.kb().people.map((p) => p.name)).toContain("Marta Silva Costa");

    // An article changed and one removed.
    const harbour = article("harbour", 'Ana Ribeiro, the chair of the harbour council, said the vote would take place in May.\n\n"We are ready," Ribeiro said.\n');
    rmSync(file("school"));
    const report = await leader.write([harbour, file("school")]);
    expect([report.changed.map((a) => a.id), report.removed.map((a) => a.id)]).toEqual([["harbour"], ["school"]]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));

    // A new person at the end of the corpus's order is the only person written.
    const before = peopleWritten().length;
    const last = article("zoo", "Pedro Alves, the keeper of the city zoo, said two lions had arrived.\n");
    await leader.write([last]);
    expect(peopleWritten().slice(before)).toEqual([1]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));

    // One at the start moves every person after it: all are written again, in their new places.
    const first = article("airport", "Sofia Lima, a spokeswoman for the airport, said flights would resume.\n");
    await leader.write([first]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    // A person who appears again, first in the corpus's order and without their description: they change, and the
    // sentence that states it is in a stored article (read from the database).
    await leader.write([article("aquarium", "Ana Ribeiro said the aquarium would reopen in spring.\n")]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    expect(leader.shard.kb().people.find((p) => p.name === "Ana Ribeiro")?.descriptionSource).toEqual({ article: "harbour", sentence: 0 });
    expect(() => leader.shard.kb().articles[0]?.sentences).toThrow(/not held/);
    // Nothing changed: nothing written.
    const quiet = peopleWritten().length;
    expect((await leader.write()).added).toEqual([]);
    expect(peopleWritten()).toHaveLength(quiet);
    await leader.shard.close();
  });

  it("a new leader over an unchanged folder starts its worker thread at once, or (CORPUS_WARM_WORKER=false) at the first change", async () => {
    const db = await fresh();
    const first = await leaderOf(db, dir);
    await first.write();
    first.leader.forget();
    await first.shard.close();
    // The thread starts with its first request: teaching it every stored article's people.
    const teach = vi.spyOn(WarmWorker.prototype, "load");
    try {
      const warm = await leaderOf(db, dir);
      expect((await warm.write()).added).toEqual([]);
      const written = Date.now();
      await vi.waitFor(() => expect(teach).toHaveBeenCalledTimes(1), { timeout: 30_000 });
      const tookMs = Date.now() - written;
      warm.leader.forget();
      await warm.shard.close();

      const cold = await leaderOf(db, dir, false);
      expect((await cold.write()).added).toEqual([]);
      // As long as the warm leader took to start it, and more.
      await new Promise((r) => setTimeout(r, Math.max(500, 2 * tookMs)));
      expect(teach).toHaveBeenCalledTimes(1);
      const added = await cold.write([article("ferry", "Tiago Mendes, the captain of the river ferry, said crossings would double.\n")]);
      expect(added.added.map((a) => a.id)).toEqual(["ferry"]);
      expect(teach).toHaveBeenCalledTimes(2);
      expect(cold.shard.kb().people.map((p) => p.name)).toContain("Tiago Mendes");
      expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
      cold.leader.forget();
      await cold.shard.close();
    } finally {
      teach.mockRestore();
    }
  });

  it("a new leader reads only the files changed since the stored hashes were read (the stored signatures), and writes them", async () => {
    const db = await fresh();
    const first = await leaderOf(db, dir);
    await first.write();
    const files = (await db.pool.query<{ n: number; signed: number }>("SELECT count(*)::int AS n, count(file_signature)::int AS signed FROM kb_article")).rows[0];
    expect(files?.signed).toBe(files?.n);
    await first.shard.close();
    // While nobody leads: one file changed, one added.
    const changed = (await db.pool.query<{ file_name: string }>("SELECT file_name FROM kb_article ORDER BY id LIMIT 1")).rows[0]?.file_name ?? "";
    writeFileSync(path.join(dir, changed), articleFile({ title: "A changed story", body: "Helena Duarte, the mayor of the town, said the market would move.\n" }));
    article("orchard", "Luisa Matos, the owner of the hill orchard, said the harvest was early.\n");

    const next = await leaderOf(db, dir);
    const report = await next.write();
    expect(filesRead().at(-1)).toBe(2);
    expect([report.added.map((a) => a.id), report.changed.map((a) => a.id)]).toEqual([["orchard"], [changed.replace(/\.md$/, "")]]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    // Rows written before the signatures were kept (migration 009): their files are read once, then signed.
    await db.pool.query("UPDATE kb_article SET file_name = NULL, file_signature = NULL");
    const third = await leaderOf(db, dir);
    expect((await third.write()).changed).toEqual([]);
    expect(filesRead().at(-1)).toBe(files!.n + 1);
    const fourth = await leaderOf(db, dir);
    expect((await fourth.write()).changed).toEqual([]);
    expect(filesRead().at(-1)).toBe(0);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    await Promise.all([next.shard.close(), third.shard.close(), fourth.shard.close()]);
  });

  it("let their worker thread go after a while without a change (LEADER_WORKER_IDLE_SECONDS), and the next change teaches a new one", async () => {
    const db = await fresh();
    const leader = await leaderOf(db, dir);
    // Armed when the plan is made: the rest of the write (the transaction, the take-in) must end well within it (300 ms
    // failed once in a full run at load 9-11).
    leader.leader.idleMs = 2_000;
    await leader.write();
    await leader.write([article("lighthouse", "Joana Pires, the keeper of the lighthouse, said the lamp would be replaced.\n")]);
    expect(leader.leader.holdsWorker).toBe(true);
    await vi.waitFor(() => expect(leader.leader.holdsWorker).toBe(false), { timeout: 30_000, interval: 20 });
    // The next change: a person of a stored article named more fully (the merge must know the stored people).
    const report = await leader.write([article("pier", "Joana Pires Lopes, the keeper of the lighthouse, opened the pier.\n")]);
    expect(report.added.map((a) => a.id)).toEqual(["pier"]);
    expect(leader.shard.kb().people.map((p) => p.name)).toContain("Joana Pires Lopes");
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    leader.leader.forget();
    await leader.shard.close();
  });

  it("a new leader over people stored by another merge writes them all again with its first change", async () => {
    const db = await fresh();
    const first = await leaderOf(db, dir);
    await first.write();
    await first.shard.close();
    // As an older merge might have left them: one person's description and a quote's speaker differ.
    await db.pool.query("UPDATE kb_person SET description = 'an older description' WHERE position = 0");
    await db.pool.query("UPDATE kb_quote SET canonical = 'Someone Else' WHERE canonical IS NOT NULL");
    const next = await leaderOf(db, dir);
    await next.write([article("market", "Joana Pires, who runs the fish market, said prices had risen.\n")]);
    expect(await tables(db.pool)).toEqual(await writtenWhole(dir));
    await next.shard.close();
  });
});

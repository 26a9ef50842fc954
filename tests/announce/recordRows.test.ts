// The announcement record in PostgreSQL is rows of its own (src/announce/recordRows.ts): two processes that both
// believe they lead never queue an article twice for a channel, a message one of them is sending is not sent by the
// other until the lead changes hands (or its claim is old), and a database written before (one jsonb document) keeps what it recorded.
import pg from "pg";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { CLAIM_EXPIRES_S } from "../../src/announce/recordRows.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { stateInDatabase } from "../../src/state/pgDocument.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
beforeAll(async () => void (server = await sharedPostgres()), SHARED_POSTGRES_START_MS);

/** A database whose pool is closed when the test ends. */
async function connected(url: string): Promise<Database> {
  const db = await openDatabase(url);
  onTestFinished(() => db.close());
  return db;
}

/** Opens the record as a process of its own would (its own pool), on a database of the test's own. */
const opener = async () => {
  const url = await server.freshDatabase();
  return async () => AnnouncementRecord.open(stateInDatabase((await connected(url)).pool));
};

const CHANNELS = ["700000000000000001", "700000000000000002"];
const announcement = (article: string, channel: string) => ({ channel, label: `article ${article}`, embed: { title: article }, article });

describe("the announcement record as rows", () => {
  it("two processes announcing the same articles at once queue each article once per channel", async () => {
    const open = await opener();
    const records = await Promise.all([open(), open(), open()]);
    const articles = ["budget", "trams", "harbour", "school"];
    await Promise.all(
      records.flatMap((r) => articles.map((a) => r.announce([a], CHANNELS.map((c) => announcement(a, c))))),
    );
    const later = await open();
    const queued = later.queue().map((m) => `${m.channel} ${m.article}`);
    expect(queued.slice().sort()).toEqual(CHANNELS.flatMap((c) => articles.map((a) => `${c} ${a}`)).sort());
    for (const r of records) await r.refresh();
    expect(records.map((r) => r.queue().length)).toEqual([8, 8, 8]);
  });

  it("the unique key holds even when a process's copy is behind: a second announcement of an article in a channel is refused", async () => {
    const open = await opener();
    const leader = await open();
    await leader.announce(["budget"], [announcement("budget", CHANNELS[0] as string)]);
    const [m] = leader.queue();
    await leader.remove(m!.id, "900000000000000001");
    // An edit or a resend of it is another message; its announcement again is not.
    const again = await leader.enqueue([
      announcement("budget", CHANNELS[0] as string),
      { ...announcement("budget", CHANNELS[0] as string), label: "resend budget", resend: true },
    ]);
    expect(again.map((q) => q.label)).toEqual(["resend budget"]);
    expect(leader.queue().map((q) => q.label)).toEqual(["resend budget"]);
    expect((await open()).queue().map((q) => q.label)).toEqual(["resend budget"]);
    expect((await open()).postedFor("budget")).toEqual({ [CHANNELS[0] as string]: "900000000000000001" });
  });

  it("a message one process claimed is not sent by another until that one takes the lead; once sent, by nobody", async () => {
    const open = await opener();
    const [old, next] = await Promise.all([open(), open()]);
    const [m] = await old.announce(["budget"], [announcement("budget", CHANNELS[0] as string)]);
    await next.refresh();
    expect(await old.claim(m!.id)).toBe(true);
    expect(await next.claim(m!.id)).toBe(false);
    // The old leader died mid-send: the next one voids its claim and sends again (same nonce: Discord keeps one).
    await next.releaseClaims();
    expect(await next.claim(m!.id)).toBe(true);
    expect(await old.claim(m!.id)).toBe(false);
    await next.remove(m!.id, "900000000000000002");
    await old.releaseClaims();
    expect(await old.claim(m!.id)).toBe(false);
    expect(await old.refresh()).toBe(true);
    expect(old.queue()).toEqual([]);
    expect(old.postedFor("budget")).toEqual({ [CHANNELS[0] as string]: "900000000000000002" });
  });

  it("a claim made by a leader that stepped down after the next one took over holds the message back only until it is old", async () => {
    const url = await server.freshDatabase();
    const open = async () => AnnouncementRecord.open(stateInDatabase((await connected(url)).pool));
    const [old, next] = await Promise.all([open(), open()]);
    const { pool } = await connected(url);
    const ageClaims = (seconds: number) => pool.query("UPDATE announcement_message SET claimed_at = now() - make_interval(secs => $1)", [seconds]);
    const [m] = await old.announce(["budget"], [announcement("budget", CHANNELS[0] as string)]);
    await next.refresh();
    // The next leader voids the claims it finds; the old one, which lost its connection but not its life, claims after.
    await next.releaseClaims();
    expect(await old.claim(m!.id)).toBe(true);
    expect(await next.claim(m!.id)).toBe(false);
    await ageClaims(CLAIM_EXPIRES_S - 5);
    expect(await next.claim(m!.id)).toBe(false);
    await ageClaims(CLAIM_EXPIRES_S + 1);
    expect(await next.claim(m!.id)).toBe(true);
    // The same message, so the same nonce: Discord keeps one if the old leader had sent it after all.
    expect(next.queue().map((q) => q.id)).toEqual([m!.id]);
    await next.remove(m!.id, "900000000000000003");
    expect(await old.claim(m!.id)).toBe(false);
  });

  it("a database written before the rows keeps what it recorded: announced, copies, queued and posted", async () => {
    const url = await server.freshDatabase();
    const pool = new pg.Pool({ connectionString: url });
    try {
      // The migrations before the rows' (not the later ones: a database is migrated in order).
      const all = readMigrations();
      const before = all.slice(0, all.findIndex((m) => m.sql.includes("CREATE TABLE announcement_log")));
      await migrate(pool, before);
      const doc = {
        version: 1,
        announced: { budget: "2026-12-01T10:00:00.000Z", copy: "2026-12-01T11:00:00.000Z", trams: "2026-12-02T10:00:00.000Z" },
        copies: { copy: "budget" },
        posted: { budget: { [CHANNELS[0] as string]: "900000000000000003" } },
        queue: [
          { id: "aaaaaaaaaaaaaaaaaaaa", channel: CHANNELS[0], label: "article trams", embed: { title: "Trams" }, attempts: 2, nextAt: 5, article: "trams" },
          { id: "bbbbbbbbbbbbbbbbbbbb", channel: CHANNELS[0], label: "resend budget", embed: { title: "Budget" }, attempts: 0, nextAt: 6, article: "budget" },
        ],
      };
      await pool.query("INSERT INTO state_document (name, value) VALUES ('announcements', $1)", [JSON.stringify(doc)]);
    } finally {
      await pool.end();
    }
    const record = await AnnouncementRecord.open(stateInDatabase((await connected(url)).pool));
    expect(record.firstStart).toBe(false);
    expect(["budget", "copy", "trams"].every((a) => record.isAnnounced(a))).toBe(true);
    expect(record.stories()).toEqual(["budget", "trams"]);
    expect(record.copiesOf("budget")).toEqual(["copy"]);
    expect(record.postedFor("budget")).toEqual({ [CHANNELS[0] as string]: "900000000000000003" });
    expect(record.queue().map((m) => [m.id, m.attempts, m.nextAt])).toEqual([
      ["aaaaaaaaaaaaaaaaaaaa", 2, 5],
      ["bbbbbbbbbbbbbbbbbbbb", 0, 6],
    ]);
    // The migrated announcement of trams holds its channel's place: announced again, it is refused.
    await record.enqueue([announcement("trams", CHANNELS[0] as string)]);
    expect(record.queue()).toHaveLength(2);
  });

  it("a first start against a new database is a first start, and a record once written is not", async () => {
    const open = await opener();
    const first = await open();
    expect(first.firstStart).toBe(true);
    expect((await open()).firstStart).toBe(true);
    await first.announce(["budget"], []);
    expect((await open()).firstStart).toBe(false);
  });

  it("a change whose COMMIT fails (the server restarting) leaves nothing announced: the article is announced at the next try", async () => {
    const url = await server.freshDatabase();
    const db = await connected(url);
    const record = await AnnouncementRecord.open(stateInDatabase(db.pool));
    await record.announce(["budget"], CHANNELS.map((c) => announcement("budget", c)));
    // The next COMMIT on the pool is lost: the server rolls the transaction back and the connection reports an error.
    let failCommit = true;
    const connect = db.pool.connect.bind(db.pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined;
    db.pool.connect = ((...args: unknown[]) => {
      if (args.length > 0) return connect(...args); // pool.query's own callback form
      return (connect() as Promise<pg.PoolClient>).then((client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        client.query = ((...args: unknown[]) => {
          if (args[0] !== "COMMIT" || !failCommit) return query(...args);
          failCommit = false;
          return query("ROLLBACK").then(() => Promise.reject(new Error("Connection terminated unexpectedly")));
        }) as typeof client.query;
        return client;
      });
    }) as typeof db.pool.connect;
    await expect(record.announce(["trams"], CHANNELS.map((c) => announcement("trams", c)))).rejects.toThrow(/terminated/);
    await record.refresh();
    expect(record.isAnnounced("trams")).toBe(false);
    const queued = await record.announce(["trams"], CHANNELS.map((c) => announcement("trams", c)));
    expect(queued.map((m) => m.channel)).toEqual(CHANNELS);
    const later = await AnnouncementRecord.open(stateInDatabase((await connected(url)).pool));
    expect(later.isAnnounced("trams")).toBe(true);
    expect(later.queue().map((m) => m.article)).toEqual(["budget", "budget", "trams", "trams"]);
  });
});

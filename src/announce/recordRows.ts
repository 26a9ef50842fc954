// The announcement record in PostgreSQL (DATABASE_URL; migration 005_announcement_rows.sql): rows of its own instead
// of one jsonb document. An announced article is a row (its key: announced once), each message a row, and a channel
// gets one announcement of an article at most (a unique key on the channel and the article, whatever two processes
// that both think they lead may queue). A message is claimed by the process that sends it and marked sent in its row;
// its id is the nonce Discord drops a repeat by, so a leader that died between Discord taking a message and the mark
// leaves a message the next leader sends again harmlessly.
// The record (record.ts) works on one value as the JSON file keeps it; here each change is made to the value as
// stored, under the lock of the record's one counter row, and what it changed is written as rows. Every row carries the
// number of the change that last wrote it: a process takes in the rows changed since it last looked, not the record.
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type pg from "pg";
import { inTransaction } from "../db/transaction.ts";
import type { JsonRead, StateDocument } from "../state/document.ts";
import { announces, POSTED_KEPT, queuedSchema, type QueuedMessage, type StoredRecord } from "./recordShape.ts";

/** Who sends which queued message. */
export interface SendClaims {
  /** Claims a queued message for this process: false when it is no longer queued or another process claimed it. */
  claim(id: string): Promise<boolean>;
  /** Voids the claims of other processes (this one takes the lead: they died or stepped down). */
  releaseClaims(): Promise<void>;
}

type Queryable = Pick<pg.Pool, "query">;

/**
 * Seconds after which another process's claim is void. The takeover voids the claims it finds (releaseClaims), but a
 * leader that stopped leading without dying (its connection lost, it stepped down) may still claim a message a moment
 * after: without an end, that claim would hold the message back until the next takeover. A leader sends what it
 * claims within seconds (and claims again before each retry); a message sent twice carries the same nonce.
 */
export const CLAIM_EXPIRES_S = 30;

const empty = (): StoredRecord => ({ version: 1, announced: {}, queue: [], posted: {}, copies: {} });

export class RecordRows implements StateDocument<StoredRecord>, SendClaims {
  /** The number of the change this process last read or wrote (0: none), and the record as it was then. */
  private version = 0;
  private known: StoredRecord | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** This process as its claims name it. */
  private readonly self = `${process.pid}-${randomBytes(4).toString("hex")}`;

  constructor(private readonly pool: pg.Pool) {}

  get where(): string {
    return "announcement record in PostgreSQL";
  }

  read(): Promise<JsonRead<StoredRecord>> {
    return this.then(async () => ((await this.catchUp(this.pool)) ? { value: this.current() } : {}));
  }

  changedElsewhere(): Promise<StoredRecord | undefined> {
    return this.then(async () => {
      const { rows } = await this.pool.query<{ version: string }>("SELECT version FROM announcement_log");
      if (!rows[0] || (Number(rows[0].version) === this.version && this.known)) return undefined;
      return (await this.catchUp(this.pool)) ? this.current() : undefined;
    });
  }

  change<R>(current: StoredRecord, change: (latest: StoredRecord) => R): Promise<{ value: StoredRecord; result: R }> {
    return this.then(async () => {
      const done = await inTransaction(this.pool, async (client) => {
        // The counter row exists from here on, and its lock makes the changes of all processes one after another.
        await client.query("INSERT INTO announcement_log (id, version) VALUES (true, 0) ON CONFLICT (id) DO NOTHING");
        const exists = await this.catchUp(client, "FOR UPDATE");
        const before = exists && this.known ? this.known : empty();
        // A copy: a change that does not commit leaves this process's copy as it was.
        const latest = structuredClone(exists && this.known ? this.known : current);
        const result = change(latest);
        const version = this.version + 1;
        await this.store(client, before, latest, version);
        await client.query("UPDATE announcement_log SET version = $1", [version]);
        return { latest, result, version };
      });
      // Only once committed: a COMMIT that fails (the connection lost, the server restarting) must not leave its
      // articles announced in this process's copy (they would never be announced) nor its number as the one last read.
      this.version = done.version;
      // Shared with the record, which changes its value only through change(): no copy needed.
      this.known = done.latest;
      return { value: done.latest, result: done.result };
    });
  }

  write(value: StoredRecord): Promise<void> {
    return this.change(value, (latest) => void Object.assign(latest, structuredClone(value))).then(() => undefined);
  }

  async flush(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  async claim(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE announcement_message SET claimed_by = $2, claimed_at = now()
       WHERE id = $1 AND state = 'queued' AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_at < now() - make_interval(secs => $3))`,
      [id, this.self, CLAIM_EXPIRES_S],
    );
    return rowCount === 1;
  }

  async releaseClaims(): Promise<void> {
    await this.pool.query("UPDATE announcement_message SET claimed_by = NULL WHERE state = 'queued' AND claimed_by <> $1", [this.self]);
  }

  /** The record as known, for the record to hold: it replaces its value or changes it through change(), never edits it. */
  private current(): StoredRecord {
    return this.known as StoredRecord;
  }

  /**
   * Brings `known` up to the record as stored: the rows changed since `version`. False when there is no record yet
   * (no change was ever stored). `lock`: the counter row is locked until the transaction ends.
   */
  private async catchUp(q: Queryable, lock = ""): Promise<boolean> {
    const { rows } = await q.query<{ version: string }>(`SELECT version FROM announcement_log ${lock}`);
    if (!rows[0]) return false;
    const stored = Number(rows[0].version);
    if (stored === this.version && this.known) return stored > 0;
    const since = this.known ? this.version : 0;
    const into = this.known ? structuredClone(this.known) : empty();
    const articles = await q.query<{ article: string; announced_at: string; copy_of: string | null }>(
      "SELECT article, announced_at, copy_of FROM announced_article WHERE version > $1",
      [since],
    );
    for (const r of articles.rows) {
      into.announced[r.article] = r.announced_at;
      if (r.copy_of !== null) (into.copies ??= {})[r.article] = r.copy_of;
    }
    // The queue is small (what is still to send): read whole, in order.
    const queued = await q.query<{ message: unknown }>("SELECT message FROM announcement_message WHERE state = 'queued' ORDER BY seq");
    into.queue = queued.rows.flatMap((r) => {
      const parsed = queuedSchema.safeParse(r.message);
      return parsed.success ? [parsed.data] : [];
    });
    const posted = await q.query<{ article: string; channel: string; posted: string }>(
      "SELECT article, channel, posted FROM announcement_message WHERE state = 'done' AND posted IS NOT NULL AND article IS NOT NULL AND version > $1 ORDER BY seq",
      [since],
    );
    const all = (into.posted ??= {});
    for (const r of posted.rows) all[r.article] = { ...all[r.article], [r.channel]: r.posted };
    const ids = Object.keys(all);
    for (const old of ids.slice(0, Math.max(0, ids.length - POSTED_KEPT))) delete all[old];
    this.version = stored;
    this.known = into;
    return stored > 0;
  }

  /** Writes what a change made of `before` as rows numbered `version`; a message the unique key refuses is dropped from `after`. */
  private async store(client: pg.PoolClient, before: StoredRecord, after: StoredRecord, version: number): Promise<void> {
    const fresh = Object.keys(after.announced).filter((id) => !Object.hasOwn(before.announced, id));
    if (fresh.length > 0) {
      await client.query(
        `INSERT INTO announced_article (article, announced_at, copy_of, version)
         SELECT a, t, c, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(a, t, c) ON CONFLICT (article) DO NOTHING`,
        [fresh, fresh.map((id) => after.announced[id]), fresh.map((id) => after.copies?.[id] ?? null), version],
      );
    }
    const isFresh = new Set(fresh);
    // Copies recorded of articles announced before (the record forgets old copies; the rows keep them).
    for (const [id, of] of Object.entries(after.copies ?? {})) {
      if (isFresh.has(id) || before.copies?.[id] === of) continue;
      await client.query("UPDATE announced_article SET copy_of = $2, version = $3 WHERE article = $1", [id, of, version]);
    }
    const was = new Map(before.queue.map((m) => [m.id, m]));
    const refused = new Set<string>();
    for (const m of after.queue) {
      const old = was.get(m.id);
      if (!old) {
        const inserted = await client.query(
          `INSERT INTO announcement_message (id, channel, article, announces, message, version) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING`,
          [m.id, m.channel, m.edit === undefined ? (m.article ?? null) : null, announces(m) ?? null, JSON.stringify(m), version],
        );
        if (inserted.rowCount === 0) refused.add(m.id);
      } else if (!isDeepStrictEqual(old, m)) {
        await client.query("UPDATE announcement_message SET message = $2, version = $3 WHERE id = $1 AND state = 'queued'", [m.id, JSON.stringify(m), version]);
      }
    }
    if (refused.size > 0) after.queue = after.queue.filter((m) => !refused.has(m.id));
    const still = new Set(after.queue.map((m) => m.id));
    for (const m of before.queue) {
      if (still.has(m.id) || refused.has(m.id)) continue;
      await client.query(
        "UPDATE announcement_message SET state = 'done', posted = $2, message = $3, claimed_by = NULL, version = $4 WHERE id = $1 AND state = 'queued'",
        [m.id, postedAs(m, before, after) ?? null, JSON.stringify(withoutEmbed(m)), version],
      );
    }
  }

  /** Runs `work` after the calls before it, whether they failed or not. */
  private then<R>(work: () => Promise<R>): Promise<R> {
    const next = this.chain.catch(() => undefined).then(work);
    this.chain = next;
    return next;
  }
}

/** The message Discord posted for `m`, when the change that took it out of the queue recorded one. */
function postedAs(m: QueuedMessage, before: StoredRecord, after: StoredRecord): string | undefined {
  if (m.article === undefined || m.edit !== undefined) return undefined;
  const posted = after.posted?.[m.article]?.[m.channel];
  return posted !== undefined && posted !== before.posted?.[m.article]?.[m.channel] ? posted : undefined;
}

/** A message done with: its embed (the bulk of it) is not needed any more. */
function withoutEmbed(m: QueuedMessage): Omit<QueuedMessage, "embed"> {
  const { embed: _embed, ...rest } = m;
  return rest;
}

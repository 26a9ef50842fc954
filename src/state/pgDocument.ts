// A state document in PostgreSQL (table state_document, src/db/migrations/002_state.sql): what the embedded default
// keeps in a JSON file, shared by every shard process. A change locks the row (SELECT … FOR UPDATE), applies the
// change to the value as stored (re-read only when another process changed it since: its version moved), and writes
// it in the same transaction, so two processes changing one document at once both land. Calls on one document are
// chained, so this process's changes land in the order they were asked for.
import type pg from "pg";
import type { z } from "zod";
import { inTransaction } from "../db/transaction.ts";
import type { JsonRead, StateDocument, StateStorage } from "./document.ts";

interface Row {
  value: unknown;
  version: string;
}

export class PgDocument<T> implements StateDocument<T> {
  /** The version this process last read or wrote (0: none yet), and the value it had. */
  private version = 0;
  private known: T | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    readonly name: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  get where(): string {
    return `state ${this.name} in PostgreSQL`;
  }

  read(): Promise<JsonRead<T>> {
    return this.then(async () => {
      const { rows } = await this.pool.query<Row>("SELECT value, version FROM state_document WHERE name = $1", [this.name]);
      const row = rows[0];
      if (!row) return {};
      const parsed = this.schema.safeParse(row.value);
      if (parsed.success) {
        this.remember(Number(row.version), parsed.data);
        return { value: parsed.data };
      }
      // As a file of the wrong shape is moved aside: renamed, kept for whoever wants to look at it.
      const movedTo = `${this.name}.corrupt-${Date.now()}`;
      await this.pool.query("UPDATE state_document SET name = $2 WHERE name = $1", [this.name, movedTo]);
      this.version = 0;
      const issue = parsed.error.issues[0];
      return { problem: `unexpected shape: ${issue ? `${issue.path.map(String).join(".") || "the whole value"}: ${issue.message}` : "invalid"}`, movedTo };
    });
  }

  change<R>(current: T, change: (latest: T) => R): Promise<{ value: T; result: R }> {
    return this.then(() =>
      this.transaction(async (client) => {
        // The row exists from here on (with `current` when it did not), so FOR UPDATE has something to lock.
        await client.query("INSERT INTO state_document (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [this.name, JSON.stringify(current)]);
        const locked = await client.query<Row>("SELECT version FROM state_document WHERE name = $1 FOR UPDATE", [this.name]);
        // A copy: a change that does not commit must leave this process's copy as it was.
        let latest = structuredClone(this.known ?? current);
        if (Number(locked.rows[0]?.version) !== this.version || this.known === undefined) {
          const { rows } = await client.query<Row>("SELECT value FROM state_document WHERE name = $1", [this.name]);
          const parsed = this.schema.safeParse(rows[0]?.value);
          if (parsed.success) latest = parsed.data;
        }
        const result = change(latest);
        const { rows } = await client.query<Row>(
          "UPDATE state_document SET value = $2, version = version + 1, updated_at = now() WHERE name = $1 RETURNING version",
          [this.name, JSON.stringify(latest)],
        );
        this.remember(Number(rows[0]?.version), latest);
        return { value: latest, result };
      }),
    );
  }

  write(value: T): Promise<void> {
    const text = JSON.stringify(value);
    const copy = structuredClone(value);
    return this.then(async () => {
      const { rows } = await this.pool.query<Row>(
        `INSERT INTO state_document (name, value, version) VALUES ($1, $2, 1)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, version = state_document.version + 1, updated_at = now()
         RETURNING version`,
        [this.name, text],
      );
      this.remember(Number(rows[0]?.version), copy);
    });
  }

  changedElsewhere(): Promise<T | undefined> {
    return this.then(async () => {
      const { rows } = await this.pool.query<Row>("SELECT version FROM state_document WHERE name = $1", [this.name]);
      const version = Number(rows[0]?.version ?? 0);
      if (version === this.version) return undefined;
      const { value } = await this.readUnchained();
      return value;
    });
  }

  async flush(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  private async readUnchained(): Promise<{ value?: T }> {
    const { rows } = await this.pool.query<Row>("SELECT value, version FROM state_document WHERE name = $1", [this.name]);
    const row = rows[0];
    const parsed = this.schema.safeParse(row?.value);
    if (!row || !parsed.success) return {};
    this.remember(Number(row.version), parsed.data);
    return { value: parsed.data };
  }

  /** What is stored at `version`: the base of the next change while no other process changes it. */
  private remember(version: number, value: T): void {
    this.version = version;
    this.known = structuredClone(value);
  }

  /** Runs `work` after the calls before it, whether they failed or not. */
  private then<R>(work: () => Promise<R>): Promise<R> {
    const next = this.chain.catch(() => undefined).then(work);
    this.chain = next;
    return next;
  }

  private transaction<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    return inTransaction(this.pool, work);
  }
}

/** The state documents of one database. */
export function stateInDatabase(pool: pg.Pool): StateStorage {
  return { document: (name, schema) => new PgDocument(pool, name, schema), database: pool };
}

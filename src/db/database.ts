// The PostgreSQL connection used when DATABASE_URL is set (unset: the embedded default, nothing here runs). One pool
// per process; every error that reaches a user or a log names the server without its password.
import pg from "pg";
import type { Logger } from "pino";
import { DatabaseError } from "./errors.ts";
import { migrate, type MigrationResult } from "./migrate.ts";

export { DatabaseError };

export interface DatabaseOptions {
  /** Connections held at most (default 10: a shard process answers a few commands at once). */
  max?: number;
  /** How long connecting may take before it fails, in ms (default 10,000). */
  connectionTimeoutMs?: number;
  log?: Logger;
}

export interface Database {
  pool: pg.Pool;
  /** The server as it may be logged: `host:port/database`, no user or password. */
  where: string;
  close(): Promise<void>;
}

/** A pool on `url`, not yet connected: the first query connects. */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const where = describe(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    application_name: "newsdesk-bot",
  });
  // An idle connection the server drops (a restart, a failover) emits here; without a listener it would crash the
  // process. The pool replaces the connection on the next query.
  pool.on("error", (err) => options.log?.warn({ err: { message: err.message }, database: where }, "database connection lost"));
  let closed: Promise<void> | undefined;
  return { pool, where, close: () => (closed ??= pool.end()) };
}

/**
 * Connects to `url` and brings its schema up to date (src/db/migrations), or fails with a DatabaseError: the server
 * cannot be reached, or its schema is newer than this code knows.
 */
export async function openDatabase(url: string, options: DatabaseOptions = {}): Promise<Database & { schema: MigrationResult }> {
  const db = createDatabase(url, options);
  try {
    const schema = await migrate(db.pool);
    if (schema.applied.length > 0) options.log?.info({ database: db.where, applied: schema.applied, version: schema.version }, "database schema migrated");
    return { ...db, schema };
  } catch (err) {
    await db.close();
    throw asDatabaseError(err, db.where);
  }
}

/** `err` as a DatabaseError naming the server (already one: unchanged). */
export function asDatabaseError(err: unknown, where: string): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? ` (${e.code})` : "";
  const message = typeof e.message === "string" && e.message !== "" ? e.message : String(err);
  return new DatabaseError(`database ${where}: ${message}${code}`, { cause: err });
}

/** `host:port/database` of a connection URL, or "DATABASE_URL" when it cannot be read. */
export function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || "localhost"}:${u.port || "5432"}${u.pathname || "/"}`;
  } catch {
    return "DATABASE_URL";
  }
}

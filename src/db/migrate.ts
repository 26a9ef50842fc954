// Versioned schema migrations: plain SQL files in ./migrations named NNN_what.sql, applied in order, each recorded in
// the schema_version table. All pending files are applied in one transaction under an advisory lock, so processes
// starting together migrate once and a failed migration leaves nothing half done. A database whose schema is newer
// than the files this code carries (a newer release migrated it) is refused: an older process would misread it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { inTransaction } from "./transaction.ts";

export const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");

// pg_advisory_xact_lock key of migrations: any constant, the same in every process ("newsdesk" as digits).
const MIGRATION_LOCK = 6_397_887_433;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationResult {
  /** The schema version after the run. */
  version: number;
  /** The versions this run applied (none when the schema was up to date). */
  applied: number[];
}

/** A schema newer than this code knows; the message says what to do and is safe to print. */
export class SchemaTooNewError extends Error {
  override name = "SchemaTooNewError";
}

/** The migrations in `dir`, in version order; versions must run 1, 2, 3… without gaps or repeats. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  const migrations = files.map((file) => {
    const m = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migrations: ${file} is not named NNN_name.sql`);
    return { version: Number(m[1]), name: m[2] as string, sql: readFileSync(path.join(dir, file), "utf8") };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations: expected version ${i + 1}, found ${m.version} (${m.name}) in ${dir}`);
  });
  return migrations;
}

/** Applies the migrations the database has not seen; running it again changes nothing. */
export async function migrate(pool: pg.Pool, migrations: Migration[] = readMigrations()): Promise<MigrationResult> {
  const known = migrations.length;
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_version");
    const current = rows[0]?.version ?? 0;
    if (current > known) {
      throw new SchemaTooNewError(
        `database schema is at version ${current}, newer than this code knows (${known}): a newer release migrated it. ` +
          "Run that release (or newer), or point DATABASE_URL at another database.",
      );
    }
    const applied: number[] = [];
    for (const m of migrations.slice(current)) {
      await client.query(m.sql);
      await client.query("INSERT INTO schema_version (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return { version: Math.max(current, known), applied };
  });
}

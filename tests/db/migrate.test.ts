import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { DatabaseError, openDatabase } from "../../src/db/database.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { ROOT, tempDir } from "../support/files.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
beforeAll(async () => void (server = await sharedPostgres()), SHARED_POSTGRES_START_MS);

const known = readMigrations().length;

/** Every table and column of the public schema, and the applied versions: what a migration could change. */
async function schemaOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ c: string }>(
      "SELECT table_name || '.' || column_name || ':' || data_type AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
    );
    const versions = await client.query<{ c: string }>("SELECT 'version ' || version || ' ' || name AS c FROM schema_version ORDER BY version");
    return [...columns.rows, ...versions.rows].map((r) => r.c);
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("bring a new database to the latest version, and a second run changes nothing", async () => {
    const url = await server.freshDatabase();
    const first = await openDatabase(url);
    expect(first.schema).toEqual({ version: known, applied: readMigrations().map((m) => m.version) });
    await first.close();
    const before = await schemaOf(url);
    expect(before).toContain("kb_sentence.terms:tsvector");
    const second = await openDatabase(url);
    expect(second.schema).toEqual({ version: known, applied: [] });
    await second.close();
    expect(await schemaOf(url)).toEqual(before);
  });

  it("run once when several processes start together", async () => {
    const url = await server.freshDatabase();
    const dbs = await Promise.all([1, 2, 3].map(() => openDatabase(url)));
    expect(dbs.map((d) => d.schema.applied.length).sort()).toEqual([0, 0, known]);
    await Promise.all(dbs.map((d) => d.close()));
  });

  it("refuse a database whose schema is newer than the code", async () => {
    const url = await server.freshDatabase();
    await (await openDatabase(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_version (version, name) VALUES ($1, 'from_a_newer_release')", [known + 1]);
    await client.end();
    const refused = openDatabase(url);
    await expect(refused).rejects.toThrow(DatabaseError);
    await expect(refused).rejects.toThrow(`schema is at version ${known + 1}, newer than this code knows (${known})`);
  });

  it("leave nothing behind when one of them fails", async () => {
    const dir = tempDir("newsdesk-migrations-");
    writeFileSync(path.join(dir, "001_good.sql"), "CREATE TABLE first_table (id integer);");
    writeFileSync(path.join(dir, "002_bad.sql"), "CREATE TABLE second_table (id integer); SELECT no_such_function();");
    const url = await server.freshDatabase();
    const pool = new pg.Pool({ connectionString: url });
    await expect(migrate(pool, readMigrations(dir))).rejects.toThrow(/no_such_function/);
    const tables = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.rows).toEqual([]);
    await pool.end();
  });

  it("must be numbered 1, 2, 3… in files named NNN_name.sql", () => {
    const gap = tempDir("newsdesk-migrations-");
    writeFileSync(path.join(gap, "001_a.sql"), "");
    writeFileSync(path.join(gap, "003_c.sql"), "");
    expect(() => readMigrations(gap)).toThrow("expected version 2, found 3 (c)");
    const badName = path.join(tempDir("newsdesk-migrations-"), "x");
    mkdirSync(badName);
    writeFileSync(path.join(badName, "first.sql"), "");
    expect(() => readMigrations(badName)).toThrow("first.sql is not named NNN_name.sql");
  });
});

describe("connecting", () => {
  it("to a server that is not there fails with a short error naming it, without the password", async () => {
    const url = "postgres://newsdesk:s3cret-pass@127.0.0.1:1/newsdesk";
    const failed = openDatabase(url, { connectionTimeoutMs: 2000 });
    await expect(failed).rejects.toThrow(DatabaseError);
    const message = await failed.catch((err: Error) => err.message);
    expect(message).toMatch(/^database 127\.0\.0\.1:1\/newsdesk: .*ECONNREFUSED/);
    expect(message).not.toContain("s3cret-pass");
  });

  it("DATABASE_URL must be a PostgreSQL URL, and the error does not repeat it", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://root:hunter2@db/x" })).toThrow(
      "config: DATABASE_URL must be a PostgreSQL URL, e.g. postgres://newsdesk:PASSWORD@localhost:5432/newsdesk",
    );
    expect(loadConfig({ DATABASE_URL: " postgresql://u:p@db.example:5433/news " }).databaseUrl).toBe("postgresql://u:p@db.example:5433/news");
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });
});

// As its npm script runs it (`node src/launch.mjs`: compiled ahead of time; through tsx, a start costs about 1 s more CPU).
const MIGRATE = ["src/launch.mjs", "src/cli/migrate.ts"];

describe("npm run migrate", () => {
  it("migrates DATABASE_URL, then says there is nothing to do", async () => {
    const url = await server.freshDatabase();
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" };
    const migrateCli = () => promisify(execFile)(process.execPath, MIGRATE, { cwd: ROOT, env });
    const name = new URL(url).pathname;
    expect((await migrateCli()).stdout).toBe(`127.0.0.1:${server.port}${name}: schema migrated to version ${known} (applied ${readMigrations().map((m) => m.version).join(", ")})\n`);
    expect((await migrateCli()).stdout).toBe(`127.0.0.1:${server.port}${name}: schema already at version ${known}, nothing to do\n`);
  });

  it("without DATABASE_URL exits 2 with one line naming the key", async () => {
    const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn" };
    const failed = await promisify(execFile)(process.execPath, MIGRATE, { cwd: ROOT, env }).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/^migrate: config: DATABASE_URL is required to migrate a database/) });
  });
});

// A test file's share of the run's PostgreSQL server (postgres.ts sharedPostgres): joined before the file's tests, and
// what its tests opened on it (databases, shards, writers) closed after them, the last opened first.
import { afterAll, beforeAll } from "vitest";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "./postgres.ts";

export interface PostgresForFile {
  /** A new empty database on the shared server, and its URL (inside a test: the server is joined before them). */
  freshDatabase: () => Promise<string>;
  /** Closed after the file's tests, in reverse order; a failing close does not keep the others from running. */
  closing: (() => Promise<unknown>)[];
}

export function postgresForFile(): PostgresForFile {
  let server: SharedPostgres | undefined;
  const closing: (() => Promise<unknown>)[] = [];
  beforeAll(async () => void (server = await sharedPostgres()), SHARED_POSTGRES_START_MS);
  afterAll(async () => {
    for (const close of closing.reverse()) await close().catch(() => undefined);
  });
  const freshDatabase = (): Promise<string> => {
    if (!server) throw new Error("tests/support/postgresForFile: freshDatabase called before the file's beforeAll joined the server");
    return server.freshDatabase();
  };
  return { freshDatabase, closing };
}

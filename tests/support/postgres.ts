// A real, throwaway PostgreSQL server for the tests that need one: initdb and pg_ctl in a temporary folder, listening
// on a free 127.0.0.1 port, stopped and deleted after. Start one per test file (beforeAll/afterAll) and give each
// test a database of its own (freshDatabase), which costs milliseconds where a server costs a second.
// initdb refuses to run as root: as root (containers, CI), the server runs as the `postgres` system user that
// Debian's package creates.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { tempDir } from "./files.ts";

const run = promisify(execFile);

export const POSTGRES_MISSING =
  "tests/support/postgres.ts: PostgreSQL's server binaries (initdb, pg_ctl) were not found. The database tests start a " +
  "throwaway server of their own: install it with `sudo apt-get install -y postgresql` (Debian/Ubuntu; .ci/run does), " +
  "or set PG_BINDIR to the folder holding initdb and pg_ctl.";

export interface TestPostgres {
  /** Connection URL of the server's `postgres` database (superuser, no password). */
  url: string;
  port: number;
  /** A new empty database on the server, and its URL. */
  freshDatabase(): Promise<string>;
  /** Stops the server at once (as a crash or a failover would) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder of initdb and pg_ctl: PG_BINDIR, `pg_config --bindir`, or the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // no pg_config on PATH (the client package alone does not have it): look where Debian installs servers
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}

/** Starts a server; throws POSTGRES_MISSING when PostgreSQL is not installed (a test must not pass without it). */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const root = tempDir("newsdesk-pg-");
  const data = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  // Run as the server's owner: ourselves, or `postgres` when we are root.
  const as = (cmd: string, args: string[]): Promise<unknown> =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args);
  if (asRoot) {
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim()));
    chownSync(root, uid as number, gid as number);
  }
  await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const logFile = path.join(root, "server.log");
  let port = 0;
  // Durability is not what these tests are about: no fsync makes a server start and a write much cheaper.
  const options = (): string => `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = (): Promise<unknown> => as("pg_ctl", ["-D", data, "-o", options(), "-l", logFile, "-w", "-t", "60", "start"]);
  const stopNow = (mode: string): Promise<unknown> => as("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  for (let attempt = 1; ; attempt++) {
    // The port was free when picked, but another process (a test's server, a connection) can take it before the
    // server binds it: then the start fails, and another port is tried.
    port = await freePort();
    const logged = existsSync(logFile) ? readFileSync(logFile, "utf8").length : 0;
    try {
      await start();
      break;
    } catch (err) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(logged) : "";
      if (attempt >= 3 || !/could not bind|address already in use/i.test(log)) throw err;
    }
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    freshDatabase: async () => {
      const name = `test_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    restart: async () => {
      await stopNow("immediate");
      await start();
    },
    stop: async () => {
      await stopNow("fast").catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// A real, throwaway PostgreSQL server for the tests that need one: initdb and pg_ctl in a temporary folder, listening
// on a free 127.0.0.1 port, stopped and deleted after. Each test takes a database of its own (freshDatabase), which
// costs milliseconds where a server costs a second of CPU and more of waiting (initdb): a test file that does not
// stop or restart the server takes the run's shared one (sharedPostgres), the others a server of their own
// (startPostgres).
// initdb refuses to run as root: as root (containers, CI), the server runs as the `postgres` system user that
// Debian's package creates.
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/** The run's shared server: what a test file may do with it (no stop, no restart: other files use it meanwhile). */
export type SharedPostgres = Omit<TestPostgres, "restart" | "stop">;

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

// Run as the server's owner: ourselves, or `postgres` when we are root.
function asOwner(bin: string, cmd: string, args: string[]): Promise<unknown> {
  return process.getuid?.() === 0 ? run("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args);
}

/**
 * Starts a server of the test file's own (in a folder removed after the file); throws POSTGRES_MISSING when PostgreSQL
 * is not installed (a test must not pass without it).
 */
export function startPostgres(): Promise<TestPostgres> {
  return startServer(tempDir("newsdesk-pg-"));
}

async function startServer(root: string): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const data = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]): Promise<unknown> => asOwner(bin, cmd, args);
  if (asRoot) {
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim()));
    chownSync(root, uid as number, gid as number);
  }
  await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const logFile = path.join(root, "server.log");
  let port = 0;
  // Durability is not what these tests are about: no fsync makes a server start and a write much cheaper.
  // max_connections: the run's files share one server, each with pools of up to 10 connections, a shard's first stage
  // using 8 at once; 100 (the default) was exhausted once in a full run ("sorry, too many clients already").
  const options = (): string => `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
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
  return {
    ...serverAt(url, port),
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

/** The server listening at `url`, for a test file: a new database per test (named apart from every other file's). */
function serverAt(url: string, port: number): SharedPostgres {
  return {
    url,
    port,
    freshDatabase: async () => {
      const name = `test_${randomBytes(8).toString("hex")}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}

// The run's shared server lives in the run's temporary folder (tests/support/runTempDir.ts), not in one a test file
// removes: the first file to ask starts it (claiming the folder), the others wait for its address; the run's global
// teardown (tests/support/sharedPostgres.ts) stops it. Started only if a file asks: a run of other files needs none.
const SHARED = "newsdesk-shared-pg";
const sharedRoot = (): string | undefined => process.env.NEWSDESK_TEST_TMPDIR && path.join(process.env.NEWSDESK_TEST_TMPDIR, SHARED);
const SHARED_WAIT_MS = 90_000;
/**
 * The timeout of a beforeAll that asks for the shared server: initdb alone takes 1-3 s idle, and was seen taking 27 s on
 * this machine at load 20-30 (more than a hook's default 30 s, counting the start).
 */
export const SHARED_POSTGRES_START_MS = SHARED_WAIT_MS + 30_000;

/** The run's shared server (started now if no file has asked for it yet); outside a vitest run, a server of the file's own. */
export async function sharedPostgres(): Promise<SharedPostgres> {
  const root = sharedRoot();
  if (!root) return startPostgres();
  const address = path.join(root, "address.json");
  let claimed = true;
  try {
    mkdirSync(root, { mode: 0o777 });
  } catch {
    claimed = false;
  }
  if (claimed) {
    let written: string;
    try {
      const server = await startServer(root);
      written = JSON.stringify({ url: server.url, port: server.port });
    } catch (err) {
      written = JSON.stringify({ error: (err as Error).message });
    }
    writeFileSync(`${address}.tmp`, written);
    renameSync(`${address}.tmp`, address);
  }
  const deadline = Date.now() + SHARED_WAIT_MS;
  while (!existsSync(address)) {
    if (Date.now() > deadline) throw new Error(`tests/support/postgres.ts: the shared server did not start within ${SHARED_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const shared = JSON.parse(readFileSync(address, "utf8")) as { url: string; port: number } | { error: string };
  if ("error" in shared) throw new Error(shared.error);
  return serverAt(shared.url, shared.port);
}

/** Stops the run's shared server, if a test file started it, and removes its folder. */
export async function stopSharedPostgres(): Promise<void> {
  const root = sharedRoot();
  const bin = postgresBinDir();
  if (!root || !existsSync(root)) return;
  if (bin && existsSync(path.join(root, "data", "postmaster.pid"))) await asOwner(bin, "pg_ctl", ["-D", path.join(root, "data"), "-m", "fast", "-w", "stop"]).catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
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

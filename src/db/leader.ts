// Which process leads: with several shard processes, exactly one watches for new articles to announce, polls the
// feeds, and sends the announcements, the follow DMs and the quote of the day. The leader is the process holding a
// PostgreSQL advisory lock, taken at session level on a connection of its own: when the process dies (SIGKILL, a
// crash, a lost machine), the server drops its connection and with it the lock. A follower waits in the lock's queue
// (pg_advisory_lock under a lock_timeout of `retryMs`, then again), so the server hands the lock to a running follower
// the moment it is free: a process that tried now and then lost it to the shard started again in the dead one's place,
// which, not yet logged in to Discord, could announce nothing for the ~5 s of its identify (the failover test's
// takeovers went from ~0.4 s to ~4.7 s once a shard started in 0.3 s). A leader checks its connection every `retryMs` and steps down the moment the check fails (the
// database restarted, the network is gone): it may then still finish a send in flight, which Discord's message nonce
// makes harmless (src/announce/sender.ts). Without a database the one process always leads (alwaysLeader).
import pg from "pg";
import type { Logger } from "pino";

/** The advisory lock key of the leader: any constant, the same in every process ("newsdesk leader" as digits). */
export const LEADER_LOCK = 6_397_887_434;

/** PostgreSQL's lock_not_available: a wait for a lock that outlasted lock_timeout. */
const LOCK_NOT_AVAILABLE = "55P03";

export interface Leadership {
  readonly leading: boolean;
  /** Called with true when this process becomes the leader, false when it stops being it. */
  onChange(listener: (leading: boolean) => void | Promise<void>): void;
  /** Gives up the lead (a clean shutdown: a follower takes over at once) and stops trying. */
  stop(): Promise<void>;
}

/** The embedded default: one process, always the leader. */
export function alwaysLeader(): Leadership {
  return { leading: true, onChange: () => undefined, stop: async () => undefined };
}

export interface ElectionOptions {
  log: Logger;
  /** How long a follower waits for the lock at a time, and how often a leader checks its connection (default 1,000 ms). */
  retryMs?: number;
}

/** Takes part in the election on `url` until stopped; `leading` turns true once this process holds the lock. */
export function electLeader(url: string, options: ElectionOptions): Leadership {
  const { log } = options;
  const retryMs = options.retryMs ?? 1000;
  const listeners: ((leading: boolean) => void | Promise<void>)[] = [];
  let leading = false;
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const set = (next: boolean, why: string): void => {
    if (next === leading) return;
    leading = next;
    log[next ? "info" : "warn"]({ pid: process.pid }, next ? "leading: this process announces, polls feeds and sends DMs" : `no longer leading (${why})`);
    for (const listener of listeners) {
      Promise.resolve()
        .then(() => listener(next))
        .catch((err: unknown) => log.error({ err }, "a change of leader could not be applied"));
    }
  };

  const drop = (why: string): void => {
    const old = client;
    client = undefined;
    set(false, why);
    old?.removeAllListeners();
    old?.on("error", () => undefined);
    void old?.end().catch(() => undefined);
  };

  const connect = async (): Promise<pg.Client> => {
    // Keepalives both ways, so a connection that silently died is noticed in seconds, by the server too (it then
    // releases the lock).
    const c = new pg.Client({
      connectionString: url,
      application_name: "newsdesk-bot leader",
      keepAlive: true,
      keepAliveInitialDelayMillis: 1000,
      connectionTimeoutMillis: Math.max(2000, retryMs * 2),
      query_timeout: Math.max(2000, retryMs * 2),
      // A follower's wait for the lock ends after retryMs (round), so that it notices a stop or a lost server.
      options: `-c tcp_keepalives_idle=2 -c tcp_keepalives_interval=1 -c tcp_keepalives_count=3 -c lock_timeout=${retryMs}`,
    });
    c.on("error", (err) => drop(`database connection lost: ${err.message}`));
    c.on("end", () => drop("database connection closed"));
    await c.connect();
    return c;
  };

  /** One turn: a leader checks its connection; a follower waits for the lock (at most retryMs). True: wait no more. */
  const round = async (): Promise<boolean> => {
    try {
      client ??= await connect();
      if (leading) await client.query("SELECT 1");
      else {
        await client.query("SELECT pg_advisory_lock($1)", [LEADER_LOCK]);
        if (!stopped) set(true, "");
      }
    } catch (err) {
      // The lock still held by the leader after retryMs: wait again at once.
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE && client) return !stopped;
      if (client) drop(`database check failed: ${(err as Error).message}`);
      log.debug({ err: { message: (err as Error).message } }, "leader election: database unavailable; trying again");
    }
    return false;
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      if (await round()) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, retryMs);
      });
    }
  };
  const running = loop();

  const stop = async (): Promise<void> => {
    stopped = true;
    clearTimeout(timer);
    wake?.();
    if (!leading && client) {
      // A follower waiting for the lock: not waited for. The server reads the session's end once the wait ends
      // (within retryMs; a lock granted meanwhile goes with the session, and this process never leads again).
      const waiting = client;
      client = undefined;
      waiting.removeAllListeners();
      waiting.on("error", () => undefined);
      void waiting.end().catch(() => undefined);
      return;
    }
    await running;
    // Not the leader from here on, before the lock is released: never two at once.
    leading = false;
    const old = client;
    client = undefined;
    if (old) {
      old.removeAllListeners();
      old.on("error", () => undefined);
      // Ending the session releases the lock: the first follower in the lock's queue takes over.
      await old.end().catch(() => undefined);
    }
  };
  let stopping: Promise<void> | undefined;

  return {
    get leading() {
      return leading;
    },
    onChange: (listener) => void listeners.push(listener),
    // Once: a second call (a shutdown's step after a failed start's) returns the first's.
    stop: () => (stopping ??= stop()),
  };
}

// The leader election (src/db/leader.ts) against a real PostgreSQL: one leader among several processes' electors; a
// leader that stops, loses its connection or sees the database restart is followed by another within seconds.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { electLeader, LEADER_LOCK, type Leadership } from "../../src/db/leader.ts";
import { recordingLog } from "../support/log.ts";
import { startPostgres, type TestPostgres } from "../support/postgres.ts";

let server: TestPostgres;
beforeAll(async () => void (server = await startPostgres()));
afterAll(() => server?.stop());

const RETRY_MS = 200;

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `n` electors, and a sampler that notes the most leaders seen at once. */
function electors(url: string, n: number): { all: Leadership[]; leaders: () => Leadership[]; mostAtOnce: () => number; stop: () => Promise<void> } {
  const { log } = recordingLog();
  const all = Array.from({ length: n }, () => electLeader(url, { log, retryMs: RETRY_MS }));
  const leaders = (): Leadership[] => all.filter((e) => e.leading);
  let most = 0;
  const sampler = setInterval(() => (most = Math.max(most, leaders().length)), 5);
  return {
    all,
    leaders,
    // With the sampler's turn as well as now: a check that just saw one leader may run before the sampler's turn.
    mostAtOnce: () => Math.max(most, leaders().length),
    stop: async () => {
      clearInterval(sampler);
      await Promise.all(all.map((e) => e.stop()));
    },
  };
}

describe("leader election", () => {
  it("exactly one of three leads; when it stops, another takes over within seconds", async () => {
    const url = await server.freshDatabase();
    const e = electors(url, 3);
    try {
      await until(() => e.leaders().length === 1, 5000, "a leader");
      const first = e.leaders()[0] as Leadership;
      await first.stop();
      const stoppedAt = Date.now();
      await until(() => e.leaders().length === 1, 5000, "a new leader");
      expect(Date.now() - stoppedAt).toBeLessThan(3 * RETRY_MS + 1000);
      expect(e.leaders()[0]).not.toBe(first);
      expect(e.mostAtOnce()).toBe(1);
    } finally {
      await e.stop();
    }
  });

  it("a leader whose connection is killed (as when its process dies) steps down, and another leads", async () => {
    const url = await server.freshDatabase();
    const e = electors(url, 2);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await until(() => e.leaders().length === 1, 5000, "a leader");
      const changes: boolean[] = [];
      const first = e.leaders()[0] as Leadership;
      first.onChange((leading) => void changes.push(leading));
      // The lock holder's backend, ended by the server: what a SIGKILLed process's connection amounts to.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted", [LEADER_LOCK % 2 ** 32]);
      await until(() => changes.includes(false), 5000, "the old leader to step down");
      await until(() => e.leaders().length === 1, 5000, "a leader again");
    } finally {
      await admin.end();
      await e.stop();
    }
  });

  it("after the database restarts, one process leads again", async () => {
    const url = await server.freshDatabase();
    const e = electors(url, 2);
    try {
      await until(() => e.leaders().length === 1, 5000, "a leader");
      await server.restart();
      await until(() => e.leaders().length === 1, 15_000, "a leader after the restart");
      expect(e.mostAtOnce()).toBe(1);
    } finally {
      await e.stop();
    }
  });

  it("a follower already running takes the lead the moment it is free, before a process started just then", async () => {
    const url = await server.freshDatabase();
    const { log } = recordingLog();
    // Tries far apart: a follower that only tried now and then would leave the lock to the newcomer's first try.
    const slow = { log, retryMs: 3000 };
    const leader = electLeader(url, slow);
    let follower: Leadership | undefined;
    let newcomer: Leadership | undefined;
    try {
      await until(() => leader.leading, 5000, "the first leader");
      follower = electLeader(url, slow);
      await new Promise((r) => setTimeout(r, 300)); // the follower at its first try
      await leader.stop();
      // The shard started again in the dead one's place: it tries at once.
      newcomer = electLeader(url, slow);
      const freedAt = Date.now();
      await until(() => follower!.leading || newcomer!.leading, 5000, "a new leader");
      expect(follower.leading).toBe(true);
      expect(Date.now() - freedAt).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 300));
      expect(newcomer.leading).toBe(false);
    } finally {
      await Promise.all([leader.stop(), follower?.stop(), newcomer?.stop()]);
    }
  });

  it("a follower waiting for the lock stops at once", async () => {
    const url = await server.freshDatabase();
    const { log } = recordingLog();
    const leader = electLeader(url, { log, retryMs: 5000 });
    await until(() => leader.leading, 5000, "the first leader");
    const follower = electLeader(url, { log, retryMs: 5000 });
    try {
      await new Promise((r) => setTimeout(r, 300)); // waiting for the lock
      const stopping = Date.now();
      await follower.stop();
      expect(Date.now() - stopping).toBeLessThan(1000);
      expect(follower.leading).toBe(false);
    } finally {
      await Promise.all([leader.stop(), follower.stop()]);
    }
  });
});

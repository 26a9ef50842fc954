// The leader's corpus writer while it leads (src/live/writeWhileLeading.ts): a write that fails is tried again on its
// own, with backoff (src/live/writeRetry.ts), whether the database or the corpus folder failed it, until this process
// no longer leads; the failure and the recovery are logged once.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import type { Leadership } from "../../src/db/leader.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { writeWhileLeading } from "../../src/live/writeWhileLeading.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
beforeAll(async () => {
  server = await sharedPostgres();
}, SHARED_POSTGRES_START_MS);

/**
 * Makes a pool whose first `failures` queries reject as a restarting server's do (`failing` is told of each, with its
 * number, before it rejects); `queries` counts every query asked.
 */
function failingQueries(failures: number, failing?: (query: number) => void): { wrap: (pool: pg.Pool) => pg.Pool; queries: () => number } {
  let queries = 0;
  const wrap = (pool: pg.Pool): pg.Pool =>
    new Proxy(pool, {
      get(target, prop) {
        if (prop === "query")
          return (...args: unknown[]) => {
            queries += 1;
            if (queries <= failures) {
              failing?.(queries);
              return Promise.reject(new Error("terminating connection due to administrator command"));
            }
            return (target.query as (...a: unknown[]) => unknown)(...args);
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return { wrap, queries: () => queries };
}

/**
 * A writer of `dir` while `lead` says so, on a fresh database (through `wrap` of its pool when given), with 20 ms for
 * the retry's first wait (1 s in the bot), and a shard that reads what it writes.
 */
async function writerOf(dir: string, lead: Leadership, wrap?: (pool: pg.Pool) => pg.Pool) {
  const fresh = await openDatabase(await server.freshDatabase());
  const recorded = recordingLog("info");
  const shard = await SharedKnowledge.open(fresh.pool, recorded.log);
  const writer = writeWhileLeading(lead, {
    dir, pool: wrap?.(fresh.pool) ?? fresh.pool, store: factsStoreFor(undefined, recorded.log), debounceMs: 30, retryMs: 20, warmWorker: false, log: recorded.log,
    before: () => shard.wholeKb(), after: () => shard.refresh(),
  });
  const close = async () => {
    await writer.close();
    await shard.close();
    await fresh.close();
  };
  return { recorded, ids: () => shard.kb().articles.map((a) => a.id), close };
}

/** A lead this test gives and takes. */
function heldLead(): Leadership & { lose(): void; regain(): void } {
  const listeners: ((leading: boolean) => unknown)[] = [];
  const set = (leading: boolean) => {
    lead.leading = leading;
    for (const listener of listeners) void listener(leading);
  };
  const lead = {
    leading: true,
    onChange: (listener: (leading: boolean) => unknown) => void listeners.push(listener),
    stop: async () => undefined,
    lose: () => set(false),
    regain: () => set(true),
  };
  return lead;
}

describe("the leader's corpus writer, when a write fails", () => {
  const story = (dir: string, name: string): void =>
    writeFileSync(path.join(dir, `${name}.md`), articleFile({ title: `The ${name} story`, body: `Ana Ribeiro, a member of the ${name} council, said the vote was delayed.\n` }));
  const storyIn = (name: string): string => {
    const dir = tempDir(`corpus-writer-${name}-`);
    story(dir, name);
    return dir;
  };
  const failures = (recorded: ReturnType<typeof recordingLog>): string[] => recorded.messages("error").filter((m) => m.includes("could not write the corpus"));
  // Logged once the write is done: its knowledge base may be read a little before.
  const recovered = async (recorded: ReturnType<typeof recordingLog>): Promise<string[]> => {
    const lines = () => recorded.messages("info").filter((m) => m.startsWith("corpus written to the knowledge base again"));
    await vi.waitFor(() => expect(lines()).not.toEqual([]), { timeout: 30_000, interval: 20 });
    return lines();
  };

  it("writes the folder again on its own, with no file change, logging the failure and the recovery once", async () => {
    // The leader's first three writes fail (the database restarting): with 1 s doubling they would be retried after
    // 1, 2 and 4 s; 20 ms here.
    const { wrap, queries } = failingQueries(3);
    const { recorded, ids, close } = await writerOf(storyIn("ferry"), heldLead(), wrap);
    await vi.waitFor(() => expect(ids()).toEqual(["ferry"]), { timeout: 30_000, interval: 20 });
    expect(queries()).toBeGreaterThan(3);
    expect(recorded.messages("error").filter((m) => m.startsWith("could not write the corpus"))).toHaveLength(1);
    expect(await recovered(recorded)).toEqual(["corpus written to the knowledge base again after 3 failed writes"]);
    await close();
  }, 60_000);

  it("stops trying once this process no longer leads", async () => {
    // Every write fails; the lead is lost as the third fails (no other write under way or due then: one at a time).
    const lead = heldLead();
    const { wrap, queries } = failingQueries(Number.POSITIVE_INFINITY, (query) => query === 3 && lead.lose());
    const { recorded, close } = await writerOf(storyIn("tram"), lead, wrap);
    await vi.waitFor(() => expect(queries()).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 10 });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // 20 ms doubling: several attempts, were it still trying
    expect(queries()).toBe(3);
    expect(recorded.messages("error").filter((m) => m.startsWith("could not write the corpus"))).toHaveLength(1);
    await close();
  }, 60_000);

  it("names a corpus folder it cannot read, once, finds it again on its own when it is back, and watches it again", async () => {
    const dir = path.join(tempDir("corpus-writer-away-"), "corpus");
    const { recorded, ids, close } = await writerOf(dir, heldLead());
    await vi.waitFor(() => expect(failures(recorded)).toHaveLength(1), { timeout: 30_000, interval: 20 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // 20 ms doubling: a few attempts, not logged again
    expect(failures(recorded)).toEqual([`corpus directory ${dir} does not exist: could not write the corpus to the knowledge base; still answering from the stored one; looking at the folder again, at least once a minute`]);
    // The folder made (a mount back): written with no file change named and no /reload.
    mkdirSync(dir);
    story(dir, "ferry");
    await vi.waitFor(() => expect(ids()).toEqual(["ferry"]), { timeout: 30_000, interval: 20 });
    // And watched again: a file added now is written as the watcher names it.
    await vi.waitFor(() => expect(recorded.messages("info").filter((m) => m.startsWith("watching the corpus folder"))).toHaveLength(2), { timeout: 30_000, interval: 20 });
    story(dir, "tram");
    await vi.waitFor(() => expect(ids()).toEqual(["ferry", "tram"]), { timeout: 30_000, interval: 20 });
    expect(failures(recorded)).toHaveLength(1);
    await close();
  }, 60_000);

  it("logs a failure again once it leads again, and counts the recovery from there", async () => {
    // The first six queries fail; the lead is lost as the second fails and regained once nothing is under way.
    const lead = heldLead();
    const { wrap, queries } = failingQueries(6, (query) => query === 2 && lead.lose());
    const { recorded, ids, close } = await writerOf(storyIn("harbour"), lead, wrap);
    await vi.waitFor(() => expect(queries()).toBe(2), { timeout: 30_000, interval: 10 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failures(recorded)).toHaveLength(1);
    lead.regain();
    await vi.waitFor(() => expect(ids()).toEqual(["harbour"]), { timeout: 30_000, interval: 20 });
    expect(failures(recorded)).toHaveLength(2);
    expect(await recovered(recorded)).toEqual(["corpus written to the knowledge base again after 4 failed writes"]);
    await close();
  }, 60_000);
});

// When the reads a stage starts at once are all at the server (src/search/postgres/readsSent.ts): told once every
// read has sent its statement in its snapshot, not before, and once only; a read that fails counts as done.
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { inReadSnapshot } from "../../src/search/postgres/packedRows.ts";
import { firstReadsSent, type Read } from "../../src/search/postgres/readsSent.ts";

/** A client that answers every statement at once, recording them. */
function fakeClient(sent: string[]): pg.PoolClient {
  return { query: async (text: string) => (sent.push(text), { rows: [] }) } as unknown as pg.PoolClient;
}

const fakeRead = (sent: string[]): Read => (use) => use(fakeClient(sent));

function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const turns = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

describe("firstReadsSent", () => {
  it("tells once every read started at once has sent its statement, not before", async () => {
    const statements: string[] = [];
    let told = 0;
    const sending = firstReadsSent(() => told++);
    const read = sending.counted(fakeRead(statements));
    const slow = gate();
    const quick = read((client) => inReadSnapshot(client, () => client.query("SELECT 1")));
    const late = read(async (client) => {
      await slow.opened; // a read still connecting
      return inReadSnapshot(client, () => client.query("SELECT 2"));
    });
    await quick;
    await turns();
    expect(told).toBe(0);
    slow.open();
    await late;
    expect(told).toBe(1);
    expect(statements.filter((s) => s.startsWith("SELECT"))).toEqual(["SELECT 1", "SELECT 2"]);
    // A read started later (after the articles: their titles) tells nothing more.
    await read((client) => inReadSnapshot(client, () => client.query("SELECT 3")));
    expect(told).toBe(1);
  });

  it("counts a read that fails before its statement as done, and a failed stage tells at once", async () => {
    let told = 0;
    const sending = firstReadsSent(() => told++);
    const read = sending.counted(fakeRead([]));
    const failing = read(async () => Promise.reject(new Error("connection refused")));
    const waiting = gate();
    const other = read(async (client) => {
      await waiting.opened;
      return inReadSnapshot(client, () => client.query("SELECT 1"));
    });
    await expect(failing).rejects.toThrow("connection refused");
    expect(told).toBe(0);
    sending.failed();
    expect(told).toBe(1);
    waiting.open();
    await other;
    expect(told).toBe(1);
  });
});

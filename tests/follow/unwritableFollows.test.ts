// Follows that cannot be written (DATA_DIR read-only, full, a file in the way): a DM goes out only once the follows
// on disk hold it, or a restart would send it again (or forget that it went out). So no DM is sent meanwhile; the
// failure is logged once, with the path and the OS error; the file is written again with backoff, and the DMs
// waiting go out once the admin has fixed the folder, without a restart.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { FollowNotifier } from "../../src/follow/notifier.ts";
import type { SendDm } from "../../src/follow/sender.ts";
import { followsOf } from "../../src/follow/service.ts";
import { FollowStore } from "../../src/follow/store.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { recordingLog } from "../support/log.ts";
import { unwritableDataDir } from "../support/unwritableDir.ts";

const ALICE = "555555555555555555";
const kb = fixtureKb();
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("follows that cannot be written", () => {
  it("send no DM meanwhile, say so once with the path and the OS error, and send it once the folder is fixed", async () => {
    const data = unwritableDataDir("unwritable-follows-", "follows.json");
    const { lines, log } = recordingLog();
    const sent: { user: string; stored: boolean }[] = [];
    const send: SendDm = async (user) => {
      let stored = false;
      try {
        stored = (JSON.parse(readFileSync(data.file, "utf8")) as { outbox: unknown[] }).outbox.length > 0;
      } catch {
        // no follows on disk
      }
      sent.push({ user, stored });
      return { ok: true };
    };
    const open = async (l = log) => {
      const store = await FollowStore.open(data.file);
      const notifier = new FollowNotifier(store, send, { intervalMs: 60_000, retryMs: 20, log: l });
      notifier.resume();
      return { store, notifier };
    };
    const first = await open();
    await followsOf(first.store).followWords(ALICE, "tram");
    data.block();
    // A /follow that cannot be stored is told at once, and kept.
    await followsOf(first.store).followWords(ALICE, "harbour");
    const told = () => lines.filter((l) => l.msg.includes(`follows ${data.file} cannot be written (ENOTDIR`));
    expect(told(), JSON.stringify(lines)).toHaveLength(1);
    await first.notifier.articlesAdded(kb, ["tram"]);
    await pause(300); // several retries of the write
    expect(sent).toEqual([]);
    expect(told(), JSON.stringify(lines)).toHaveLength(1);
    expect(told()[0]!.level).toBe(40);

    data.fix();
    await until(() => sent.length === 1);
    // The DM went out once the file held it, and its sending is stored too.
    expect(sent).toEqual([{ user: ALICE, stored: true }]);
    expect(lines.some((l) => l.msg.includes("follows written again"))).toBe(true);
    await first.notifier.stop();
    await first.store.flush();
    expect((JSON.parse(readFileSync(data.file, "utf8")) as { outbox: unknown[] }).outbox).toEqual([]);
    // A restart sends nothing again.
    const again = await open(recordingLog().log);
    expect(followsOf(again.store).list(ALICE).map((f) => f.label)).toEqual(["tram", "harbour"]);
    await pause(200);
    await again.notifier.stop();
    expect(sent).toHaveLength(1);
  });
});

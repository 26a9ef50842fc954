// A quote-of-the-day round that cannot be written (DATA_DIR read-only, full, a file in the way): a quote goes out only
// once the round on disk names it, or a restart could post it again. So no quote is posted meanwhile; the failure is
// logged once, with the path and the OS error; the round is written again with backoff, and the ticks after the
// admin has fixed the folder post again, without a restart.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { Announcer } from "../../src/announce/announcer.ts";
import { DigestRotation, quoteKey } from "../../src/digest/rotation.ts";
import { scheduleDigest } from "../../src/digest/schedule.ts";
import type { KbQuote } from "../../src/kb/types.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { recordingLog } from "../support/log.ts";
import { unwritableDataDir } from "../support/unwritableDir.ts";

const kb = fixtureKb();
const storedRound = (file: string): string[] => {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { used: string[] }).used;
  } catch {
    return [];
  }
};

describe("a quote-of-the-day round that cannot be written", () => {
  it("posts no quote meanwhile, says so once with the path and the OS error, and posts once the folder is fixed", async () => {
    const data = unwritableDataDir("unwritable-digest-", "digest.json");
    data.block();
    const { lines, log } = recordingLog();
    const rotation = await DigestRotation.open(data.file);
    // The quote each tick picked, and each post with whether the round on disk named that quote when it went out.
    const pick = rotation.next.bind(rotation);
    let picked: KbQuote | undefined;
    rotation.next = async (quotes) => (picked = await pick(quotes));
    const posted: { quote: string; stored: boolean }[] = [];
    const announcer = {
      post: async () => void posted.push({ quote: String(picked?.text), stored: picked !== undefined && storedRound(data.file).includes(quoteKey(picked)) }),
    } as unknown as Announcer;
    const job = scheduleDigest("* * * * * *", rotation, announcer, () => kb, { retryMs: 20, log });
    try {
      const told = () => lines.filter((l) => l.msg.includes(`quote of the day round ${data.file} cannot be written (ENOTDIR`));
      await vi.waitFor(() => expect(told()).toHaveLength(1), { timeout: 10_000, interval: 20 });
      await new Promise((r) => setTimeout(r, 2200)); // two more ticks, and retries of the write
      expect(posted).toEqual([]);
      expect(told(), JSON.stringify(lines)).toHaveLength(1);
      expect(told()[0]?.level).toBe(40);
      expect(lines.filter((l) => l.level >= 50), JSON.stringify(lines)).toEqual([]);

      data.fix();
      await vi.waitFor(() => expect(posted.length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 20 });
      expect(posted.every((p) => p.stored), JSON.stringify(posted)).toBe(true);
      expect(lines.some((l) => l.msg.includes("quote of the day round written again"))).toBe(true);
    } finally {
      job.stop();
    }
  });
});

// Slow variant of tests/e2e/atomicWrites.test.ts: 24 SIGKILLs of a process rewriting every state file, in three
// DATA_DIRs side by side. Enough of them land mid-write (a temporary file is left behind) to mean something.
import { expect, it } from "vitest";
import { killOnce } from "../e2e/atomicWrites.ts";
import { tempDataDir } from "../e2e/harness.ts";

it("24 kills mid-write: every state file always loads", async () => {
  const runs = await Promise.all(
    [0, 1, 2].map(async () => {
      const dir = tempDataDir();
      const problems: string[] = [];
      let midWrite = 0;
      for (let k = 0; k < 8; k++) {
        const r = await killOnce(150 + Math.floor(Math.random() * 700), dir);
        problems.push(...r.problems);
        midWrite += r.midWrite;
      }
      return { problems, midWrite };
    }),
  );
  expect(runs.flatMap((r) => r.problems)).toEqual([]);
  // About half the kills interrupt a write; far fewer would mean the test no longer tests what it says.
  expect(runs.reduce((n, r) => n + r.midWrite, 0)).toBeGreaterThanOrEqual(4);
}, 120_000);

// Every state file the bot writes survives a SIGKILL in the middle of a write: a child process rewrites the
// announcement record, the digest rotation and the feed state as fast as it can and is killed at random moments;
// each file must load afterwards, as the bot loads it. A few kills here; tests/stress/ does many.
import { expect, it } from "vitest";
import { tempDataDir } from "./harness.ts";
import { killOnce } from "./atomicWrites.ts";

it("state files load after the writer is killed mid-write, again and again in the same DATA_DIR", async () => {
  const dir = tempDataDir();
  const problems: string[] = [];
  for (let k = 0; k < 4; k++) problems.push(...(await killOnce(200 + Math.floor(Math.random() * 600), dir)).problems);
  expect(problems).toEqual([]);
});

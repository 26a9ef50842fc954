// SIGKILL in the middle of announcing, twice, with restarts: the state always loads and every article is
// announced exactly once per channel (tests/e2e/crashRun.ts; tests/stress/crash.test.ts does many more kills).
import { expect, it } from "vitest";
import { CHANNELS, crashRun } from "./crashRun.ts";

it("a bot killed (SIGKILL) while announcing and restarted loses no announcement and sends none twice", async () => {
  const r = await crashRun({ kills: 2, batch: 4 });
  const context = r.kills.join("\n");
  expect(r.problems, context).toEqual([]);
  expect(r.finalExit).toBe(0);
  expect(r.titles).toHaveLength(2 * 4 + 2 + 4);
  for (const channel of CHANNELS) expect([...(r.posted.get(channel) ?? [])].sort(), context).toEqual([...r.titles].sort());
  expect(r.record.queue).toEqual([]);
  expect(Object.keys(r.record.announced)).toHaveLength(r.titles.length + 1); // and the seed article
}, 120_000);

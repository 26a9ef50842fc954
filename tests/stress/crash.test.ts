// Slow variant of tests/e2e/crash.test.ts: the bot is SIGKILLed eight times while articles stream in and are
// announced (kills land while messages are in flight, while Discord's answer is on its way, and at random
// moments), restarted each time; at the end every article is announced exactly once in every channel.
import { expect, it } from "vitest";
import { CHANNELS, crashRun } from "../e2e/crashRun.ts";

it("eight kills while announcing: nothing lost, nothing sent twice, the state always loads", async () => {
  const r = await crashRun({ kills: 8, batch: 4 });
  const context = r.kills.join("\n");
  expect(r.problems, context).toEqual([]);
  expect(r.finalExit).toBe(0);
  for (const channel of CHANNELS) {
    const titles = r.posted.get(channel) ?? [];
    expect(new Set(titles).size, `${channel}: a duplicate\n${context}`).toBe(titles.length);
    expect([...titles].sort(), context).toEqual([...r.titles].sort());
  }
  expect(r.record.queue).toEqual([]);
  // Messages Discord took but the record had not yet noted when the kill came: sent again, deduplicated by nonce.
  expect(r.resent).toBeGreaterThan(0);
}, 150_000);

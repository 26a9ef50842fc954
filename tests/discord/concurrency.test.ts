// The cap on concurrent command work: a burst of heavy commands from many users waits its turn (acknowledged at once,
// so Discord's 3 s never runs out) while autocomplete, never queued, still answers at once.
import { describe, expect, it } from "vitest";
import type { Command } from "../../commands/index.ts";
import type { AsyncAnswers } from "../../src/answer/types.ts";
import { BUSY_NOTE, WorkSlots, type LimitOptions } from "../../src/discord/rateLimit.ts";
import { createRouter } from "../../src/discord/router.ts";
import { UserError } from "../../src/render/errors.ts";
import { recordingLog } from "../support/log.ts";
import { fakeInteraction, slowCommand, tick } from "./interactions.ts";

const WORK_MS = 25;
const BURST = 60;
const user = (n: number): string => (555555555555555555n + BigInt(n)).toString();

function router(limits: Partial<LimitOptions>, commands: Command[] = [slowCommand(WORK_MS)]) {
  const { log } = recordingLog();
  const route = createRouter({ answers: {} as AsyncAnswers, commands: new Map(commands.map((c) => [c.data.name, c])), log, secrets: [], limits });
  return { route, log };
}

/**
 * BURST users each run a command that takes WORK_MS of CPU, all arriving in one gateway read (as one WebSocket chunk
 * is handled); one more user starts typing 10 ms later. Resolves with how long autocomplete waited, and the commands.
 */
async function burst(limits: Partial<LimitOptions>) {
  const { route, log } = router(limits);
  // The keystroke reaches the bot 10 ms after the burst: from then on it waits, whatever the bot is busy with.
  const arrives = performance.now() + 10;
  const typing = new Promise<number>((resolve) =>
    setTimeout(() => {
      const auto = fakeInteraction({ kind: "autocomplete", command: "slow", options: { q: "Lin" }, userId: user(BURST) });
      void route(auto.interaction as never).then(() => resolve((auto.calls[0]?.at ?? Infinity) - arrives));
    }, 10),
  );
  const commands = Array.from({ length: BURST }, (_, n) => fakeInteraction({ kind: "command", command: "slow", userId: user(n) }));
  const done = commands.map((c) => route(c.interaction as never));
  const [waited] = await Promise.all([typing, ...done]);
  expect(log.error).not.toHaveBeenCalled();
  return { waited, commands };
}

describe("concurrency cap", () => {
  it(`autocomplete answers at once during a burst of ${BURST} heavy commands, which are all answered in turn`, async () => {
    const { waited, commands } = await burst({ maxConcurrent: 4 });
    // Between two answers (WORK_MS each), not after the burst (BURST × WORK_MS = 1.5 s, what the router without the
    // cap made it wait); the margin is for a loaded machine.
    expect(waited).toBeLessThan(500);
    for (const [n, c] of commands.entries()) {
      const methods = c.calls.map((x) => x.method);
      // The first four start at once; the others are acknowledged on arrival, then edited when their turn comes.
      expect(methods, `command ${n}`).toEqual(n < 4 ? ["reply"] : ["deferReply", "editReply"]);
      expect((c.calls[0]?.at ?? Infinity) - c.arrivedAt, `command ${n} acknowledged`).toBeLessThan(1000);
      expect(c.answer()).toMatchObject({ embeds: [{ title: "done" }] });
    }
    // In turn: answered in the order they came.
    const answeredAt = commands.map((c) => c.calls.at(-1)?.at ?? 0);
    expect(answeredAt).toEqual([...answeredAt].sort((a, b) => a - b));
  });

  it("never more than maxConcurrent answers in flight, however slow Discord takes them", async () => {
    const { route } = router({ maxConcurrent: 3 }, [slowCommand(1)]);
    let inFlight = 0;
    let most = 0;
    const all = Array.from({ length: 12 }, (_, n) => {
      const c = fakeInteraction({ kind: "command", command: "slow", userId: user(n) });
      // Sending the answer takes Discord 20 ms (reply, or the edit of a deferred reply).
      for (const m of ["reply", "editReply"] as const) {
        const send = c.interaction[m];
        c.interaction[m] = async (body) => {
          most = Math.max(most, ++inFlight);
          await tick(20);
          inFlight -= 1;
          return send(body);
        };
      }
      return c;
    });
    await Promise.all(all.map((c) => route(c.interaction as never)));
    expect(most).toBe(3);
    expect(all.every((c) => c.answer() !== undefined)).toBe(true);
  });

  it("500 members asking at once are all acknowledged at once and answered in turn, none refused", async () => {
    const { route, log } = router({}, [slowCommand(1)]);
    const all = Array.from({ length: 500 }, (_, n) => fakeInteraction({ kind: "command", command: "slow", userId: user(n) }));
    await Promise.all(all.map((c) => route(c.interaction as never)));
    expect(log.error).not.toHaveBeenCalled();
    for (const [n, c] of all.entries()) {
      expect(c.answer(), `interaction ${n}`).toMatchObject({ embeds: [{ title: "done" }] });
      // Acknowledged on arrival: Discord's 3 s never runs out, whatever the queue's length.
      expect((c.calls[0]?.at ?? Infinity) - c.arrivedAt, `interaction ${n} acknowledged`).toBeLessThan(1000);
    }
    const answeredAt = all.map((c) => c.calls.at(-1)?.at ?? 0);
    expect(answeredAt).toEqual([...answeredAt].sort((a, b) => a - b));
  }, 30_000);

  it("refuses only when the wait would outlast Discord's 15 minutes for a deferred reply, or memory is short", () => {
    // Before any answer is timed, a slot is taken to be held 250 ms: with one slot, the fifth waiting would wait
    // 1.25 s, over the 1 s allowed here.
    const slots = new WorkSlots({ max: 1, maxQueued: 100, maxWaitMs: 1000 });
    for (let n = 0; n < 5; n++) void slots.acquire();
    expect(() => slots.acquire()).toThrow(BUSY_NOTE);
    expect(new WorkSlots({ max: 4, maxQueued: 5000 }).expectedWaitMs()).toBe(0);
    let short = false;
    const tight = new WorkSlots({ max: 1, maxQueued: 100, memoryFull: () => short });
    void tight.acquire(); // a free slot is always taken: the work holds nothing waiting
    void tight.acquire();
    short = true;
    expect(() => tight.acquire()).toThrow(BUSY_NOTE);
  });

  it("a full queue is told privately that the bot is busy, without a deferral", async () => {
    const { route } = router({ maxConcurrent: 1, maxQueued: 2 });
    const all = Array.from({ length: 4 }, (_, n) => fakeInteraction({ kind: "command", command: "slow", userId: user(n) }));
    await Promise.all(all.map((c) => route(c.interaction as never)));
    expect(all.map((c) => c.calls.map((x) => x.method))).toEqual([["reply"], ["deferReply", "editReply"], ["deferReply", "editReply"], ["reply"]]);
    const busy = all[3]?.answer() as { content: string; flags: number };
    expect(busy.content).toBe(BUSY_NOTE);
    expect(busy.flags & 64).toBe(64);
  });

  it("a failing command or a failed deferral gives its slot back: the queue keeps moving", async () => {
    const failing: Command = { ...slowCommand(1, "fail"), run: () => { throw new UserError("search-needs-query", "bad input"); } };
    const { route } = router({ maxConcurrent: 1 }, [slowCommand(5), failing]);
    const first = fakeInteraction({ kind: "command", command: "fail", userId: user(0) });
    const expired = fakeInteraction({ kind: "command", command: "slow", userId: user(1) });
    // As for an interaction whose 3 s ran out while the bot was busy: Discord answers 10062 Unknown interaction.
    expired.interaction.deferReply = () => Promise.reject(new Error("Unknown interaction"));
    const rest = Array.from({ length: 5 }, (_, n) => fakeInteraction({ kind: "command", command: n % 2 ? "fail" : "slow", userId: user(n + 2) }));
    await Promise.all([first, expired, ...rest].map((c) => route(c.interaction as never)));
    await tick(20);
    expect(first.answer()?.content).toBe("bad input");
    expect(rest.map((c) => (c.answer()?.content as string | undefined) ?? "answered")).toEqual(["answered", "bad input", "answered", "bad input", "answered"]);
  });
});

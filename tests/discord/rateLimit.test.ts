// Per-user rate limits: what a user who asks too fast is told, and what everyone else does not notice.
import { describe, expect, it, vi } from "vitest";
import { commandsByName } from "../../commands/index.ts";
import type { AsyncAnswers } from "../../src/answer/types.ts";
import { loadConfig } from "../../src/config.ts";
import { encodeState } from "../../src/discord/customId.ts";
import { LIMIT_DEFAULTS, SlidingWindow } from "../../src/discord/rateLimit.ts";
import { createRouter } from "../../src/discord/router.ts";
import { recordingLog } from "../support/log.ts";
import { fakeInteraction, slowCommand } from "./interactions.ts";

const answers = {} as AsyncAnswers;
const ALICE = "555555555555555555";
const BOB = "666666666666666666";
const router = (limits = {}) =>
  createRouter({ answers, commands: new Map([["slow", slowCommand(0)]]), log: recordingLog().log, secrets: [], limits });

async function ask(route: ReturnType<typeof router>, userId: string) {
  const i = fakeInteraction({ kind: "command", command: "slow", userId });
  await route(i.interaction as never);
  return i;
}

describe("sliding window", () => {
  it("allows `limit` uses per window, then says when the next one is; refused uses do not count", () => {
    let now = 1_000_000;
    const w = new SlidingWindow(5, 10_000, () => now);
    for (let n = 0; n < 5; n++) {
      expect(w.take("a")).toBeUndefined();
      now += 1000;
    }
    expect(w.take("a")).toBe(1_000_000 + 10_000);
    expect(w.take("b")).toBeUndefined(); // another user is not affected
    now = 1_000_000 + 9_999;
    expect(w.take("a")).toBe(1_010_000); // still refused, and refusing did not push the time back
    now = 1_010_000; // the promised time: the first use has left the window
    expect(w.take("a")).toBeUndefined();
    expect(w.take("a")).toBe(1_011_000); // full again, until the second use leaves it
  });

  it("forgets users who went quiet, so memory follows the active users only", () => {
    let now = 0;
    const w = new SlidingWindow(5, 10_000, () => now);
    for (let u = 0; u < 1000; u++) w.take(`user${u}`);
    expect(w.size).toBe(1000);
    now = 20_001;
    w.take("late");
    expect(w.size).toBe(1);
  });
});

describe("rate limits in the router", () => {
  it(`the ${LIMIT_DEFAULTS.commands + 1}th command in ${LIMIT_DEFAULTS.windowMs / 1000} s gets a private note with a countdown; others go on`, async () => {
    const route = router();
    const started = Date.now();
    for (let n = 0; n < LIMIT_DEFAULTS.commands; n++) {
      const ok = await ask(route, ALICE);
      expect(ok.calls.map((c) => c.method)).toEqual(["reply"]);
    }
    const limited = await ask(route, ALICE);
    expect(limited.calls.map((c) => c.method)).toEqual(["reply"]);
    const note = limited.answer() as { content: string; flags: number; embeds?: unknown[] };
    expect(note.flags & 64).toBe(64);
    expect(note.embeds ?? []).toEqual([]);
    const m = /^Slow down: at most 5 commands every 10 seconds\. Try again <t:(\d+):R>\.$/.exec(note.content);
    expect(m, note.content).not.toBeNull();
    const retry = Number(m?.[1]) * 1000;
    expect(retry).toBeGreaterThanOrEqual(started + 10_000);
    expect(retry).toBeLessThanOrEqual(Date.now() + 11_000);
    // Someone else is answered as usual.
    expect((await ask(route, BOB)).answer()).toMatchObject({ embeds: [{ title: "done" }] });
  });

  it("lets the user in again once the window has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const route = router({ commands: 2, windowMs: 3000 });
      await ask(route, ALICE);
      await ask(route, ALICE);
      expect((await ask(route, ALICE)).answer()?.content).toMatch(/Slow down: at most 2 commands every 3 seconds/);
      vi.setSystemTime(Date.now() + 3001);
      expect((await ask(route, ALICE)).answer()).toMatchObject({ embeds: [{ title: "done" }] });
    } finally {
      vi.useRealTimers();
    }
  });

  it("button presses have their own, larger budget: paging does not use up commands", async () => {
    const route = router({ commands: 1, buttons: 3 });
    // A page the answer does not have: answered with the "expired" note when allowed.
    const customId = encodeState({ action: "page", page: 9, ephemeral: false, userId: ALICE, command: "slow", args: [""] }) as string;
    const press = async () => {
      const i = fakeInteraction({ kind: "button", customId, userId: ALICE });
      await route(i.interaction as never);
      return i.answer()?.content as string;
    };
    for (let n = 0; n < 3; n++) expect(await press()).toMatch(/expired/);
    expect(await press()).toMatch(/^Slow down: at most 3 button presses every 10 seconds/);
    const cmd = fakeInteraction({ kind: "command", command: "nosuch", userId: ALICE });
    await route(cmd.interaction as never);
    expect(cmd.answer()?.content).toMatch(/not a command/); // the one command is still there
  });

  it("autocomplete is not a command, and over its own budget it answers no choices without a lookup", async () => {
    const suggest = vi.fn(async () => [{ name: "Linus Torvalds", value: "Linus Torvalds" }]);
    const route = createRouter({
      answers: { suggest } as unknown as AsyncAnswers,
      commands: commandsByName,
      log: recordingLog().log,
      secrets: [],
      limits: { commands: 1, autocomplete: 4 },
    });
    const choices: unknown[] = [];
    for (let n = 0; n < 6; n++) {
      const i = fakeInteraction({ kind: "autocomplete", command: "who", options: { name: "Lin" }, userId: ALICE });
      await route(i.interaction as never);
      expect(i.calls.map((c) => c.method)).toEqual(["respond"]);
      choices.push(i.calls[0]?.body);
    }
    expect(suggest).toHaveBeenCalledTimes(4);
    expect(choices.slice(4)).toEqual([[], []]);
    const cmd = fakeInteraction({ kind: "command", command: "nosuch", userId: ALICE });
    await route(cmd.interaction as never);
    expect(cmd.answer()?.content).toMatch(/not a command/); // typing did not use up the command budget
  });

  it("RATE_LIMIT_COMMANDS=0 turns the per-user limits off", async () => {
    const route = router({ commands: 0 });
    for (let n = 0; n < 20; n++) expect((await ask(route, ALICE)).answer()).toMatchObject({ embeds: [{ title: "done" }] });
  });
});

describe("configuration", () => {
  it("RATE_LIMIT_COMMANDS and RATE_LIMIT_WINDOW_SECONDS: unset keeps the defaults, a bad value names the key", () => {
    expect(loadConfig({}).rateLimitCommands).toBeUndefined();
    expect(loadConfig({ RATE_LIMIT_COMMANDS: "0", RATE_LIMIT_WINDOW_SECONDS: "30" })).toMatchObject({ rateLimitCommands: 0, rateLimitWindowMs: 30_000 });
    expect(() => loadConfig({ RATE_LIMIT_COMMANDS: "-1" })).toThrow(/^config: RATE_LIMIT_COMMANDS /);
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: "0" })).toThrow(/^config: RATE_LIMIT_WINDOW_SECONDS /);
  });
});

// A knowledge base that cannot be read (its database restarting) while a member asks: a short private note, the
// failure logged with the command, and the next question answered as soon as the engine answers again.
import { describe, expect, it } from "vitest";
import { commandsByName } from "../../commands/index.ts";
import { answersThrough, type SearchEngine } from "../../src/search/engine.ts";
import { miniSearchEngine } from "../../src/search/minisearch.ts";
import { createRouter } from "../../src/discord/router.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { recordingLog } from "../support/log.ts";
import { fakeInteraction } from "./interactions.ts";

const NOTE = "The articles cannot be looked up right now. Please try again in a moment.";

/** The embedded engine behind a switch that makes its lookups fail as a lost database connection does. */
function flaky(): { engine: SearchEngine; down: { now: boolean } } {
  const inner = miniSearchEngine(fixtureKb());
  const down = { now: false };
  const engine: SearchEngine = {
    view: inner.view,
    scope: async (texts) => {
      if (down.now) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      return inner.scope(texts);
    },
  };
  return { engine, down };
}

describe("answers whose engine cannot be reached", () => {
  it("tell the member briefly, log it with the command and the cause (no address), and answer again once it is back", async () => {
    const { engine, down } = flaky();
    const recorded = recordingLog();
    const route = createRouter({ answers: answersThrough(engine), commands: commandsByName, log: recorded.log, secrets: [] });
    const ask = async () => {
      const i = fakeInteraction({ kind: "command", command: "who", options: { name: "Ingrid Solberg-Haugen" }, userId: "500000000000000001" });
      await route(i.interaction as never);
      return i.answer();
    };
    down.now = true;
    const failed = await ask();
    expect(failed?.content).toBe(NOTE);
    expect(JSON.stringify(failed)).not.toMatch(/5432|ECONNREFUSED/);
    const logged = recorded.lines.filter((l) => l.msg === "answers unavailable");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.command).toBe("/who");
    expect(JSON.stringify(logged[0])).toContain("ECONNREFUSED");
    down.now = false;
    expect(JSON.stringify((await ask())?.embeds)).toContain("leads the city council");
  });

  it("autocomplete offers no choices meanwhile, and names again after", async () => {
    const { engine, down } = flaky();
    const route = createRouter({ answers: answersThrough(engine), commands: commandsByName, log: recordingLog().log, secrets: [] });
    const complete = async () => {
      const i = fakeInteraction({ kind: "autocomplete", command: "who", focused: "name", options: { name: "Ing" }, userId: "500000000000000002" });
      await route(i.interaction as never);
      return i.calls.find((c) => c.method === "respond")?.body as { name: string }[] | undefined;
    };
    down.now = true;
    expect(await complete()).toEqual([]);
    down.now = false;
    expect((await complete())?.map((c) => c.name)).toContain("Ingrid Solberg-Haugen");
  });
});

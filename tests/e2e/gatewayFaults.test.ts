// Gateway faults against the real bot (src/main.ts): a connection that stops acknowledging heartbeats, a dropped
// connection, op 7 RECONNECT and op 9 INVALID_SESSION. Each time the bot comes back (resuming when Discord lets it,
// identifying again when not) and answers; a command sent while it was away is delivered on resume and answered.
// A resume Discord refuses costs a second re-identify (5 s apart): tests/stress/gatewaySessionLost.test.ts.
import { describe, expect, it } from "vitest";
import { user, type FakeInteraction } from "./fakeDiscord.ts";
import { botOnFakeGateway } from "./gatewaySetup.ts";
import { answered, FAKE_TOKEN } from "./harness.ts";

const alice = user("555555555555555555", "alice");
const run = botOnFakeGateway();

/** Answered with the /about embed, within Discord's 3 s of being sent. */
async function answersAbout(i: FakeInteraction): Promise<void> {
  const m = await answered(run.fake, i);
  expect((m.embeds[0] as { title?: string } | undefined)?.title).toBe("About this bot");
  expect((i.ack?.at ?? Infinity) - i.dispatchedAt).toBeLessThan(3000);
}

const resumedOnce = async (before: number): Promise<void> => {
  await run.fake.waitFor(() => run.fake.gateway.resumed > before && run.fake.connected, 5000, "the bot to resume");
};

describe("gateway faults", () => {
  it("no heartbeat ACK: the bot drops the zombie connection, resumes, and answers what was sent meanwhile", async () => {
    const { identifies, resumed } = run.fake.gateway;
    run.fake.gateway.zombify();
    const during = run.fake.command("about", [], alice); // kept by the fake, not delivered on the silent connection
    await resumedOnce(resumed);
    await answersAbout(during);
    expect(run.fake.gateway.identifies).toBe(identifies); // resumed, not a new session
    expect(run.fake.gateway.closes.at(-1)).toMatchObject({ by: "client" }); // the bot gave up on the connection itself
    await answersAbout(run.fake.command("about", [], alice));
  });

  it("a connection cut without a close frame (1006): resumes and answers, also what was sent while it was down", async () => {
    const { identifies, resumed } = run.fake.gateway;
    run.fake.gateway.drop();
    const during = run.fake.command("about", [], alice);
    await resumedOnce(resumed);
    await answersAbout(during);
    await answersAbout(run.fake.command("about", [], alice));
    expect(run.fake.gateway.identifies).toBe(identifies);
  });

  it("closed with 4000 (unknown error), or told op 7 RECONNECT: resumes and answers", async () => {
    for (const fault of [() => run.fake.gateway.drop(4000), () => run.fake.gateway.requestReconnect()]) {
      const { identifies, resumed } = run.fake.gateway;
      fault();
      await resumedOnce(resumed);
      await answersAbout(run.fake.command("about", [], alice));
      expect(run.fake.gateway.identifies).toBe(identifies);
    }
  });

  it("op 9 INVALID_SESSION, not resumable: identifies again (a new session) and answers", async () => {
    const { identifies } = run.fake.gateway;
    run.fake.gateway.invalidateSession(false);
    // discord.js spaces identifies 5 s apart.
    await run.fake.waitFor(() => run.fake.gateway.identifies > identifies && run.fake.connected, 8000, "a new IDENTIFY");
    await answersAbout(run.fake.command("about", [], alice));
  });

  it("made no call Discord would reject, answered each interaction once, and never printed the token", () => {
    expect(run.fake.errors).toEqual([]);
    // Identified again after op 9 no sooner than Discord allows (one IDENTIFY per 5 s).
    expect(run.fake.identifyLimit.refused).toEqual([]);
    for (const i of run.fake.interactions.values()) expect(i.responses.filter((r) => r.kind === "callback")).toHaveLength(1);
    expect(run.bot.stderr() + run.bot.stdout()).not.toContain(FAKE_TOKEN);
  });
});

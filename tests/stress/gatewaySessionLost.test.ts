// A session Discord no longer has (after a long outage): the bot's RESUME is answered with op 9 INVALID_SESSION
// (false), so it identifies again, a new session, and answers. Slow because discord.js spaces identifies 5 s apart.
import { describe, expect, it } from "vitest";
import { user } from "../e2e/fakeDiscord.ts";
import { botOnFakeGateway } from "../e2e/gatewaySetup.ts";
import { answered } from "../e2e/harness.ts";

const run = botOnFakeGateway();

describe("gateway: session lost", () => {
  it("a resume Discord refuses: identifies again and answers", async () => {
    const { identifies, resumes } = run.fake.gateway;
    run.fake.gateway.refuseResume = true;
    run.fake.gateway.drop(4000);
    await run.fake.waitFor(() => run.fake.gateway.identifies > identifies && run.fake.connected, 10_000, "a new IDENTIFY");
    run.fake.gateway.refuseResume = false;
    expect(run.fake.gateway.resumes).toBe(resumes + 1); // it tried to resume first
    const i = run.fake.command("about", [], user("555555555555555555", "alice"));
    const m = await answered(run.fake, i);
    expect((m.embeds[0] as { title?: string } | undefined)?.title).toBe("About this bot");
    expect(run.fake.errors).toEqual([]);
  }, 20_000);
});

// The real bot against a fake Discord whose heartbeats come every 250 ms (Discord: ~41 s), so that a missed
// acknowledgement shows within half a second: shared by the gateway fault tests here and in tests/stress/.
import { afterAll, beforeAll } from "vitest";
import { FakeDiscord } from "./fakeDiscord.ts";
import { FAKE_TOKEN, startBot, stop, type Spawned } from "./harness.ts";

/** Starts both before the calling file's tests and stops them after; the fields are set once they run. */
export function botOnFakeGateway(): { fake: FakeDiscord; bot: Spawned } {
  const env = {} as { fake: FakeDiscord; bot: Spawned };
  beforeAll(async () => {
    env.fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 250 }).start();
    env.bot = await startBot(env.fake);
  });
  afterAll(async () => {
    if (env.bot) await stop(env.bot);
    if (env.fake) await env.fake.stop();
  });
  return env;
}

// `npm start` refusing to run, each time with one clear line naming the problem (exit 2), never the token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, FakeDiscord } from "./fakeDiscord.ts";
import { botEnv, FAKE_TOKEN, run, START_TIMEOUT_MS } from "./harness.ts";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
});
afterAll(async () => fake?.stop());

const start = async (env: Record<string, string>, args: string[] = []) => {
  const p = run("src/main.ts", botEnv({ LOG_LEVEL: "warn", ...env }), args, "");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), START_TIMEOUT_MS);
  const code = await p.exit;
  clearTimeout(timer);
  return { code, err: p.stderr() };
};

describe.concurrent("npm start stops on", () => {
  it("a missing corpus folder, naming it", async () => {
    const r = await start({}, ["--corpus", "no/such/dir"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no\/such\/dir.*does not exist/);
  });

  it("a missing or bad key, naming it", async () => {
    const [missing, bad] = await Promise.all([
      start({ DISCORD_TOKEN: "x" }),
      start({ DISCORD_TOKEN: "x", DISCORD_CLIENT_ID: "not-an-id" }),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("DISCORD_CLIENT_ID");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/DISCORD_CLIENT_ID must be a Discord id/);
  });

  it("a token Discord rejects, without printing it", async () => {
    const secret = "wrong-token-that-must-not-leak";
    const r = await start({ DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: APP_ID, DISCORD_API_BASE: fake.apiBase });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DISCORD_TOKEN was rejected/);
    expect(r.err).not.toContain(secret);
  });
});

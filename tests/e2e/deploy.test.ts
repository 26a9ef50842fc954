// `npm run deploy-commands` against the fake Discord: one bulk PUT, idempotent, guild or global, fails fast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, FakeDiscord, GUILD_ID } from "./fakeDiscord.ts";
import { botEnv, FAKE_TOKEN, run } from "./harness.ts";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
});
afterAll(async () => fake?.stop());

const deploy = (env: Record<string, string>) => {
  const p = run("src/cli/deployCommands.ts", botEnv(env));
  return p.exit.then((code) => ({ code, out: p.stdout(), err: p.stderr() }));
};

describe.concurrent("deploy-commands", () => {
  const env = { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APP_ID };

  it("registers every command globally; running it twice changes nothing", async () => {
    const first = await deploy({ ...env, DISCORD_API_BASE: fake.apiBase });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Registered 12 commands globally .*: .*\/who.*"Check this quote", "Who is mentioned here\?"/);
    const after1 = structuredClone(fake.commands.get("global"));
    const second = await deploy({ ...env, DISCORD_API_BASE: fake.apiBase });
    expect(second.code).toBe(0);
    const after2 = fake.commands.get("global");
    expect(fake.commandPuts.get("global")).toBe(2);
    const shape = (list: typeof after1) => list?.map(({ version: _v, ...c }) => c);
    expect(shape(after2)).toEqual(shape(after1));
    expect(after2?.map((c) => c.name).sort()).toEqual(
      ["Check this quote", "Who is mentioned here?", "about", "announce", "follow", "quote", "reload", "search", "timeline", "unfollow", "when", "who"],
    );
    // The admin commands are hidden from members without Manage Server (1 << 5), for servers that installed the bot.
    for (const name of ["announce", "reload"]) {
      const c = after2?.find((x) => x.name === name);
      expect(c?.default_member_permissions, name).toBe("32");
      expect(c?.integration_types, name).toEqual([0]);
      expect(c?.contexts, name).toEqual([0]);
    }
    // Everything else may be added to a member's own account and used in servers, the bot's DMs and private channels.
    for (const c of after2?.filter((x) => !["announce", "reload"].includes(x.name as string)) ?? []) {
      expect(c.integration_types, c.name as string).toEqual([0, 1]);
      expect(c.contexts, c.name as string).toEqual([0, 1, 2]);
    }
    // The context menus are message commands (type 3).
    expect(after2?.filter((c) => c.type === 3).map((c) => c.name)).toEqual(["Check this quote", "Who is mentioned here?"]);
    expect(after2?.find((c) => c.name === "who")?.default_member_permissions).toBeNull();
    const who = after2?.find((c) => c.name === "who") as { options: { name: string; autocomplete?: boolean }[] };
    expect(who.options.find((o) => o.name === "name")?.autocomplete).toBe(true);
    expect(who.options.some((o) => o.name === "private")).toBe(true);
    expect(first.err + second.err).not.toContain(FAKE_TOKEN);
  });

  it("registers to one server when DISCORD_GUILD_ID is set", async () => {
    const r = await deploy({ ...env, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_BASE: fake.apiBase });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`to server ${GUILD_ID}`);
    expect(fake.commands.get(GUILD_ID)?.length).toBe(12);
    for (const name of ["announce", "reload"]) {
      expect(fake.commands.get(GUILD_ID)?.find((c) => c.name === name)?.default_member_permissions, name).toBe("32");
    }
    expect(fake.commandPuts.get(GUILD_ID)).toBe(1);
  });

  it("fails fast naming a missing key", async () => {
    const [noId, noToken] = await Promise.all([
      deploy({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_BASE: fake.apiBase }),
      deploy({ DISCORD_CLIENT_ID: APP_ID, DISCORD_API_BASE: fake.apiBase }),
    ]);
    expect(noId.code).toBe(2);
    expect(noId.err).toContain("DISCORD_CLIENT_ID");
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain("DISCORD_TOKEN");
  });
});

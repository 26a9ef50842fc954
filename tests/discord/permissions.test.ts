// Admin commands (/announce, /reload) are hidden by default_member_permissions (tests/e2e/deploy.test.ts), but a
// server can show them to anyone: the router checks Manage Server again on every run, before doing anything.
import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { commandsByName } from "../../commands/index.ts";
import type { Answers } from "../../src/answer/types.ts";
import type { AdminServices } from "../../src/discord/adminCommand.ts";
import { createRouter } from "../../src/discord/router.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { asLogger, fakeInteraction, fakeLog, type Spec } from "./interactions.ts";

const ALICE = "555555555555555555";
const report = { added: [], changed: [], removed: [], articles: 5, skipped: [], extracted: 0, ms: 3 };

function setup() {
  const services = {
    knowledge: () => ({ articles: [{ id: "a1", title: "An article" }] }) as unknown as KnowledgeBase,
    announceChannels: () => ["123456789012345678"],
    resend: vi.fn(async () => true),
    reload: vi.fn(async () => report),
  } satisfies AdminServices;
  const route = createRouter({ answers: {} as Answers, admin: services, commands: commandsByName, log: asLogger(fakeLog()), secrets: [] });
  const run = async (spec: Omit<Spec, "kind" | "userId">) => {
    const i = fakeInteraction({ kind: "command", userId: ALICE, ...spec });
    await route(i.interaction as never);
    return i;
  };
  return { services, run };
}

const MEMBER = PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageMessages;

describe("admin commands re-check Manage Server when run", () => {
  it.each([
    ["a member without Manage Server", { permissions: MEMBER }],
    ["anyone in a DM", { inGuild: false }],
  ])("refuse %s privately, before any work", async (_who, who) => {
    const { services, run } = setup();
    for (const spec of [{ command: "reload" }, { command: "announce", subcommand: "resend", options: { article: "a1" } }]) {
      const i = await run({ ...spec, ...who });
      expect(i.calls.map((c) => c.method)).toEqual(["reply"]);
      const note = i.answer() as { content: string; flags: number };
      expect(note.flags & 64).toBe(64);
      expect(note.content).toBe(`\`/${spec.command}\` is for server admins: it needs the **Manage Server** permission.`);
    }
    expect(services.reload).not.toHaveBeenCalled();
    expect(services.resend).not.toHaveBeenCalled();
  });

  it.each([
    ["Manage Server", MEMBER | PermissionFlagsBits.ManageGuild],
    ["Administrator (which includes it)", PermissionFlagsBits.Administrator],
  ])("run for a member with %s, answered privately", async (_what, permissions) => {
    const { services, run } = setup();
    const i = await run({ command: "reload", permissions });
    expect(i.calls.map((c) => c.method)).toEqual(["deferReply", "editReply"]);
    expect((i.calls[0]?.body as { flags: number }).flags & 64).toBe(64);
    expect(i.answer()?.content).toBe("No change: 5 articles, as before.");
    expect(services.reload).toHaveBeenCalledTimes(1);
  });
});

// Admin commands (/announce, /reload) are hidden by default_member_permissions (tests/e2e/deploy.test.ts), but a
// server can show them to anyone: the router checks Manage Server again on every run, before doing anything.
import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { answerCommand } from "../../commands/define.ts";
import { commandsByName } from "../../commands/index.ts";
import type { BotServices } from "../../commands/services.ts";
import { announcementsOf } from "../../src/announce/service.ts";
import type { AsyncAnswers } from "../../src/answer/types.ts";
import { createRouter } from "../../src/discord/router.ts";
import { recordingLog } from "../support/log.ts";
import { fakeInteraction, noFollows, type Spec } from "./interactions.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

const ALICE = "555555555555555555";
const report = { added: [], changed: [], removed: [], articles: 5, skipped: [], extracted: 0, ms: 3 };

function setup() {
  const reload = vi.fn(async () => report);
  const resend = vi.fn(async () => true);
  const services = {
    corpus: { articles: () => [{ id: "a1", title: "An article" }], reload },
    announcements: { ...announcementsOf({ channels: ["123456789012345678"], resend }, () => ({ articles: [], people: [], quotes: [], fragments: [], events: EventTable.of([]) })), preview: async () => undefined },
    follows: noFollows,
  } satisfies BotServices;
  const route = createRouter({ answers: {} as AsyncAnswers, services, commands: commandsByName, log: recordingLog().log, secrets: [] });
  const run = async (spec: Omit<Spec, "kind" | "userId">) => {
    const i = fakeInteraction({ kind: "command", userId: ALICE, ...spec });
    await route(i.interaction as never);
    return i;
  };
  return { reload, resend, run };
}

const MEMBER = PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageMessages;

describe("admin commands re-check Manage Server when run", () => {
  it.each([
    ["a member without Manage Server", { permissions: MEMBER }],
    ["anyone in a DM", { inGuild: false }],
  ])("refuse %s privately, before any work", async (_who, who) => {
    const { reload, resend, run } = setup();
    for (const spec of [{ command: "reload" }, { command: "announce", subcommand: "resend", options: { article: "a1" } }]) {
      const i = await run({ ...spec, ...who });
      expect(i.calls.map((c) => c.method)).toEqual(["reply"]);
      const note = i.answer() as { content: string; flags: number };
      expect(note.flags & 64).toBe(64);
      expect(note.content).toBe(`\`/${spec.command}\` is for server admins: it needs the **Manage Server** permission.`);
    }
    expect(reload).not.toHaveBeenCalled();
    expect(resend).not.toHaveBeenCalled();
  });

  it.each([
    ["Manage Server", MEMBER | PermissionFlagsBits.ManageGuild],
    ["Administrator (which includes it)", PermissionFlagsBits.Administrator],
  ])("run for a member with %s, answered privately", async (_what, permissions) => {
    const { reload, run } = setup();
    const i = await run({ command: "reload", permissions });
    expect(i.calls.map((c) => c.method)).toEqual(["deferReply", "editReply"]);
    expect((i.calls[0]?.body as { flags: number }).flags & 64).toBe(64);
    expect(i.answer()?.content).toBe("No change: 5 articles, as before.");
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe("preconditions are the command's data, checked by the router for any command", () => {
  it("an answer command that requires admin is refused without Manage Server and answered with it", async () => {
    const run = vi.fn(async () => ({ pages: [{ title: "secret", fields: [], color: 0 }] }));
    const guarded = answerCommand({ name: "guarded", description: "guarded", options: {}, requires: ["admin"], run });
    const route = createRouter({ answers: {} as AsyncAnswers, commands: new Map([["guarded", guarded]]), log: recordingLog().log, secrets: [] });
    const refused = fakeInteraction({ kind: "command", command: "guarded", userId: ALICE, permissions: MEMBER });
    await route(refused.interaction as never);
    expect(refused.answer()?.content).toBe("`/guarded` is for server admins: it needs the **Manage Server** permission.");
    expect(run).not.toHaveBeenCalled();
    const allowed = fakeInteraction({ kind: "command", command: "guarded", userId: ALICE, permissions: PermissionFlagsBits.ManageGuild });
    await route(allowed.interaction as never);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

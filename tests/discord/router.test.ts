import { MessageFlags } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { commandsByName } from "../../commands/index.ts";
import type { AsyncAnswers } from "../../src/answer/types.ts";
import { withErrorBoundary } from "../../src/discord/errorBoundary.ts";
import { fitValue } from "../../src/discord/handling/autocomplete.ts";
import { createRouter } from "../../src/discord/router.ts";
import { safeError, scrub } from "../../src/util/safeError.ts";
import { GENERIC_ERROR, UserError } from "../../src/render/errors.ts";
import { recordingLog } from "../support/log.ts";

const TOKEN = "MTExMTExMTExMTExMTExMTEx.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789";

function interaction(state: { deferred?: boolean; replied?: boolean; ephemeral?: boolean; kind?: "command" | "button" | "autocomplete" }) {
  const kind = state.kind ?? "command";
  return {
    id: "123",
    type: 2,
    user: { id: "555555555555555555" },
    commandName: "who",
    customId: "pg:1:p:abc:who:x",
    deferred: state.deferred ?? false,
    replied: state.replied ?? false,
    ephemeral: state.ephemeral ?? false,
    responded: false,
    isChatInputCommand: () => kind === "command",
    isAutocomplete: () => kind === "autocomplete",
    isButton: () => kind === "button",
    isMessageComponent: () => kind === "button",
    isRepliable: () => kind !== "autocomplete",
    reply: vi.fn(async () => undefined),
    followUp: vi.fn(async () => undefined),
    editReply: vi.fn(async () => undefined),
    deleteReply: vi.fn(async () => undefined),
    respond: vi.fn(async () => undefined),
  };
}

type Fake = ReturnType<typeof interaction>;
const run = async (i: Fake, err: Error) => {
  const { log } = recordingLog();
  await withErrorBoundary(i as never, log, [TOKEN], async () => {
    throw err;
  });
  return log;
};

describe("error boundary", () => {
  it("shows a UserError's message privately and logs nothing", async () => {
    const i = interaction({});
    const log = await run(i, new UserError("who-needs-name", "Give a name."));
    expect(i.reply).toHaveBeenCalledWith(expect.objectContaining({ content: "Give a name.", flags: MessageFlags.Ephemeral }));
    expect(log.error).not.toHaveBeenCalled();
  });

  it("logs anything else with command, interaction id and a token-free error, and answers generically", async () => {
    const i = interaction({});
    const log = await run(i, new Error(`boom with ${TOKEN} at /webhooks/1/secret-interaction-token/messages`));
    expect(i.reply).toHaveBeenCalledWith(expect.objectContaining({ content: GENERIC_ERROR, flags: MessageFlags.Ephemeral }));
    const [fields] = log.error.mock.calls[0] as [Record<string, unknown>];
    expect(fields.command).toBe("/who");
    expect(fields.interaction).toBe("123");
    expect(JSON.stringify(fields)).not.toContain(TOKEN);
    expect(JSON.stringify(fields)).not.toContain("secret-interaction-token");
  });

  it("after an ephemeral deferral, edits the reply", async () => {
    const i = interaction({ deferred: true, ephemeral: true });
    await run(i, new Error("x"));
    expect(i.editReply).toHaveBeenCalledWith(expect.objectContaining({ content: GENERIC_ERROR, embeds: [] }));
  });

  it("after a public deferral, removes the placeholder and follows up privately", async () => {
    const i = interaction({ deferred: true });
    await run(i, new Error("x"));
    expect(i.deleteReply).toHaveBeenCalled();
    expect(i.followUp).toHaveBeenCalledWith(expect.objectContaining({ content: GENERIC_ERROR, flags: MessageFlags.Ephemeral }));
  });

  it("after a reply, follows up privately; for autocomplete, answers no choices", async () => {
    const replied = interaction({ replied: true });
    await run(replied, new Error("x"));
    expect(replied.followUp).toHaveBeenCalledWith(expect.objectContaining({ flags: MessageFlags.Ephemeral }));
    const auto = interaction({ kind: "autocomplete" });
    await run(auto, new Error("x"));
    expect(auto.respond).toHaveBeenCalledWith([]);
  });

  it("survives a failing error reply", async () => {
    const i = interaction({});
    i.reply.mockRejectedValueOnce(new Error("Unknown interaction"));
    const log = await run(i, new Error("x"));
    expect(log.warn).toHaveBeenCalled();
  });

  it("scrubs tokens from any text", () => {
    expect(scrub(`a ${TOKEN} b`)).toBe("a [redacted] b");
    expect(scrub("/interactions/1/tok-en_1/callback")).toBe("/interactions/1/[token]/callback");
    expect(safeError("plain", ["plain"]).message).toBe("[redacted]");
  });
});

describe("autocomplete", () => {
  it("caps choices at 25, names at 100 characters, values at the option's max length, without duplicates", async () => {
    const suggestions = [
      ...Array.from({ length: 40 }, (_, n) => ({ name: `${"N".repeat(150)}${n}`, value: `v${n}` })),
      { name: "dup", value: "v1" },
      { name: "too long", value: "x".repeat(65) },
    ];
    expect(fitValue("TOKYO — At the invitation-only Linux Kernel Maintainers Summit here, the top", 64)).toBe(
      "TOKYO — At the invitation-only Linux Kernel Maintainers Summit",
    );
    const answers = { suggest: async () => suggestions } as unknown as AsyncAnswers;
    const route = createRouter({ answers, commands: commandsByName, log: recordingLog().log, secrets: [] });
    const i = {
      ...interaction({ kind: "autocomplete" }),
      options: { getFocused: () => ({ name: "name", value: "N", type: 3 }) },
    };
    const started = performance.now();
    await route(i as never);
    expect(performance.now() - started).toBeLessThan(100);
    const choices = (i.respond.mock.calls as unknown as [{ name: string; value: string }[]][])[0]?.[0] ?? [];
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 64)).toBe(true);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
  });
});

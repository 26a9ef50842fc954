// Drives the real router as discord.js would: a fake interaction that records every call and, like discord.js,
// refuses a second acknowledgement.
import { MessageFlags } from "discord.js";
import { vi } from "vitest";
import { commandsByName } from "../../commands/index.ts";
import type { Answers } from "../../src/answer/types.ts";
import type { AdminServices } from "../../src/discord/adminCommand.ts";
import { createRouter } from "../../src/discord/router.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import type { Logger } from "../../src/log.ts";

export type Json = Record<string, unknown>;
export interface Call {
  method: "reply" | "deferReply" | "deferUpdate" | "editReply" | "followUp" | "deleteReply" | "update" | "respond";
  body: Json | Json[] | undefined;
}
export const MESSAGE_METHODS = new Set<Call["method"]>(["reply", "editReply", "followUp", "update"]);

export const ASKER = "555555555555555555";

export interface Spec {
  kind: "command" | "autocomplete" | "button";
  command?: string;
  subcommand?: string | null;
  options?: Record<string, string | boolean>;
  focused?: string;
  customId?: string;
  userId?: string;
}

/** An interaction as discord.js hands it to the router, recording every call; acknowledging twice throws, as there. */
export function fakeInteraction(spec: Spec): { interaction: unknown; calls: Call[] } {
  const calls: Call[] = [];
  const s = { deferred: false, replied: false, ephemeral: false, responded: false };
  const opts = spec.options ?? {};
  const ack = (method: Call["method"], body?: Json): void => {
    if (s.deferred || s.replied) throw new Error(`${method} after the interaction was acknowledged`);
    s.ephemeral = ((Number(body?.flags) || 0) & MessageFlags.Ephemeral) !== 0;
    calls.push({ method, body });
  };
  const after = (method: Call["method"], body?: Json): void => {
    if (!s.deferred && !s.replied) throw new Error(`${method} before the interaction was acknowledged`);
    calls.push({ method, body });
  };
  const interaction = {
    id: "1",
    type: spec.kind === "autocomplete" ? 4 : spec.kind === "button" ? 3 : 2,
    commandName: spec.command ?? "",
    customId: spec.customId ?? "",
    user: { id: spec.userId ?? ASKER },
    createdTimestamp: Date.now(),
    get deferred() { return s.deferred; },
    get replied() { return s.replied; },
    get ephemeral() { return s.ephemeral; },
    get responded() { return s.responded; },
    isChatInputCommand: () => spec.kind === "command",
    isAutocomplete: () => spec.kind === "autocomplete",
    isButton: () => spec.kind === "button",
    isMessageComponent: () => spec.kind === "button",
    isRepliable: () => spec.kind !== "autocomplete",
    inGuild: () => true,
    memberPermissions: { has: () => true },
    options: {
      getString: (n: string) => (typeof opts[n] === "string" ? opts[n] : null),
      getBoolean: (n: string) => (typeof opts[n] === "boolean" ? opts[n] : null),
      getFocused: () => ({ name: spec.focused ?? "", value: opts[spec.focused ?? ""] ?? "", type: 3 }),
      getSubcommand: () => spec.subcommand ?? null,
    },
    reply: async (body: Json) => { ack("reply", body); s.replied = true; },
    deferReply: async (body: Json = {}) => { ack("deferReply", body); s.deferred = true; },
    deferUpdate: async () => { ack("deferUpdate"); s.deferred = true; },
    update: async (body: Json) => { ack("update", body); s.replied = true; },
    editReply: async (body: Json) => after("editReply", body),
    followUp: async (body: Json) => after("followUp", body),
    deleteReply: async () => after("deleteReply"),
    respond: async (choices: Json[]) => {
      if (s.responded) throw new Error("respond twice");
      s.responded = true;
      calls.push({ method: "respond", body: choices });
    },
  };
  return { interaction, calls };
}

export function fakeLog() {
  return { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn(), trace: vi.fn(), fatal: vi.fn() };
}

/** Admin services over a knowledge base: the channel list is fixed, resend and reload succeed. */
export function adminOver(kb: KnowledgeBase): AdminServices {
  const ref = (a: { id: string; title: string }) => ({ id: a.id, title: a.title });
  return {
    knowledge: () => kb,
    announceChannels: () => ["123456789012345678"],
    resend: async () => true,
    reload: async () => ({
      added: kb.articles.map(ref),
      changed: kb.articles.slice(0, 1).map(ref),
      removed: [],
      articles: kb.articles.length,
      // A file name is at most 255 bytes; anything else may be in it.
      skipped: kb.articles.map((a) => ({ file: `corpus/${[...a.title.replace(/\//g, "")].slice(0, 60).join("")}.md`, problem: a.title })),
      extracted: kb.articles.length,
      ms: 12,
    }),
  };
}

/**
 * Runs one interaction through a fresh real router (so per-user rate limits never carry over between runs); the log
 * shows whether anything failed unexpectedly.
 */
export async function route(answers: Answers, kb: KnowledgeBase, spec: Spec) {
  const log = fakeLog();
  const router = createRouter({ answers, admin: adminOver(kb), commands: commandsByName, log: log as unknown as Logger, secrets: [] });
  const { interaction, calls } = fakeInteraction(spec);
  await router(interaction as never);
  return { calls, log, messages: calls.filter((c) => MESSAGE_METHODS.has(c.method)).map((c) => c.body as Json) };
}

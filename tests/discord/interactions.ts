// Interactions as discord.js hands them to the router, for unit tests (and tests/hardening/drive.ts): every call is
// recorded with its time, and, as in discord.js, acknowledging twice or editing before acknowledging throws.
import { MessageFlags, PermissionsBitField } from "discord.js";
import { answerCommand } from "../../commands/define.ts";
import type { Command } from "../../commands/index.ts";
import type { Follows } from "../../commands/services.ts";
import { text } from "../../commands/options.ts";
import type { AnswerView } from "../../src/render/model.ts";

type Json = Record<string, unknown>;
export type Method = "reply" | "deferReply" | "deferUpdate" | "update" | "editReply" | "followUp" | "deleteReply" | "respond";

export interface Call {
  method: Method;
  body: unknown;
  at: number;
}

export interface Spec {
  kind: "command" | "autocomplete" | "button" | "message";
  userId: string;
  command?: string;
  options?: Record<string, string | boolean>;
  customId?: string;
  subcommand?: string | null;
  /** The option being typed in, for autocomplete (default the first option). */
  focused?: string;
  /** The member's permission bits (default none); `inGuild: false` for a DM, where there are none. */
  permissions?: bigint;
  inGuild?: boolean;
  /** The message right-clicked, for a message context-menu command. */
  targetMessage?: { content: string; embeds?: { title?: string; description?: string; fields: { value: string }[] }[] };
  /** The message a button sits on, as the bot sent it. */
  message?: Json;
}

let ids = 0;

export function fakeInteraction(spec: Spec) {
  const calls: Call[] = [];
  const s = { deferred: false, replied: false, ephemeral: false, responded: false };
  const opts = spec.options ?? {};
  const record = (method: Method, body?: unknown): void => void calls.push({ method, body, at: performance.now() });
  const ack = (method: Method, body?: Json): void => {
    if (s.deferred || s.replied) throw new Error(`${method} after the interaction was acknowledged`);
    s.ephemeral = ((Number(body?.flags) || 0) & MessageFlags.Ephemeral) !== 0;
    record(method, body);
  };
  const after = (method: Method, body?: unknown): void => {
    if (!s.deferred && !s.replied) throw new Error(`${method} before the interaction was acknowledged`);
    record(method, body);
  };
  const focused = spec.focused ?? Object.keys(opts)[0] ?? "";
  const interaction = {
    id: String(++ids),
    type: spec.kind === "autocomplete" ? 4 : spec.kind === "button" ? 3 : 2,
    commandName: spec.command ?? "",
    customId: spec.customId ?? "",
    user: { id: spec.userId },
    createdTimestamp: Date.now(),
    get deferred() { return s.deferred; },
    get replied() { return s.replied; },
    get ephemeral() { return s.ephemeral; },
    get responded() { return s.responded; },
    isChatInputCommand: () => spec.kind === "command",
    isAutocomplete: () => spec.kind === "autocomplete",
    isButton: () => spec.kind === "button",
    isContextMenuCommand: () => spec.kind === "message",
    isMessageContextMenuCommand: () => spec.kind === "message",
    targetMessage: { content: spec.targetMessage?.content ?? "", embeds: spec.targetMessage?.embeds ?? [] },
    message: { embeds: ((spec.message?.embeds as Json[] | undefined) ?? []).map((e) => ({ toJSON: () => e })) },
    isMessageComponent: () => spec.kind === "button",
    isRepliable: () => spec.kind !== "autocomplete",
    inGuild: () => spec.inGuild !== false,
    memberPermissions: spec.inGuild === false ? null : new PermissionsBitField(spec.permissions ?? 0n),
    options: {
      getString: (n: string) => (typeof opts[n] === "string" ? opts[n] : null),
      getBoolean: (n: string) => (typeof opts[n] === "boolean" ? opts[n] : null),
      getFocused: () => ({ name: focused, value: opts[focused] ?? "", type: 3 }),
      getSubcommand: () => spec.subcommand ?? null,
      getSubcommandGroup: () => null,
      get: (n: string) => (opts[n] === undefined ? null : { name: n, value: opts[n] }),
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
      record("respond", choices);
    },
  };
  /** The message the user ends up with: a reply, an update, or the deferred reply's edit. */
  const answer = (): Json | undefined =>
    calls.findLast((c) => c.method === "reply" || c.method === "update" || c.method === "editReply" || c.method === "followUp")?.body as Json | undefined;
  return { interaction, calls, answer, arrivedAt: performance.now() };
}

/** Synchronous CPU work, as a heavy query is: nothing else runs on the event loop meanwhile. */
export function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

const view: AnswerView = { pages: [{ title: "done", fields: [], color: 0 }] };

/** A command whose answer takes `workMs` of CPU, with instant autocomplete. */
export function slowCommand(workMs: number, name = "slow"): Command {
  return answerCommand({
    name,
    description: "slow",
    options: { q: text("q", { autocomplete: true }) },
    run: async () => {
      busy(workMs);
      return view;
    },
    autocomplete: async (_answers, _option, value) => [{ name: `choice for ${value || "nothing"}`, value: "choice" }],
  });
}

export const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Follows of no one, for tests of other commands: nothing to list, DMs never closed. */
export const noFollows: Follows = {
  list: () => [],
  followPerson: async () => ({ kind: "limit" }),
  followWords: async () => ({ kind: "limit" }),
  unfollow: async () => undefined,
  dmsClosed: () => false,
  toldDmsClosed: async () => undefined,
};

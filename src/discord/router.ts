// Routes interactions: slash commands, autocomplete, and the Previous/Next/Share buttons. Handlers stay thin:
// options in, `command.run` (pure) out, reply model → payload.
import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import type { Command, OptionValues } from "../../commands/index.ts";
import type { Answers } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import { unavailableHere, UserError } from "../render/errors.ts";
import { LIMITS, truncate } from "../render/limits.ts";
import { buildReply } from "../render/reply.ts";
import { isAdminCommand, type AdminCommand, type AdminServices } from "./adminCommand.ts";
import { argsOf, decodeState, optionsOf } from "./customId.ts";
import { commandLabel, withErrorBoundary } from "./errorBoundary.ts";
import { toApiEmbed, toPayload } from "./payload.ts";
import { InteractionLimits, type LimitOptions, type WorkSlots } from "./rateLimit.ts";

export interface RouterDeps {
  /** The answers, or a getter for the current ones (the live corpus swaps them on reload): read once per interaction. */
  answers: Answers | (() => Answers);
  /** What admin commands may do; without it they answer that they are not available. */
  admin?: AdminServices;
  commands: ReadonlyMap<string, Command>;
  log: Logger;
  /** Strings that must never reach a log line (the bot token). */
  secrets: readonly string[];
  /** Defer when the answer is not ready this long after the interaction was created (default 1000 ms). */
  deferAfterMs?: number;
  /** Per-user budgets and the cap on concurrent work (defaults: LIMIT_DEFAULTS in rateLimit.ts). */
  limits?: Partial<LimitOptions>;
}

export const EXPIRED_NOTE = "These buttons have expired. Run the command again for a fresh answer.";
export const foreignNote = (command: string): string =>
  `Only the person who asked can use these buttons. Run \`/${command}\` yourself for your own copy.`;

/** The router's view for one interaction: the answers of that moment, so one reply never mixes two corpora. */
type Resolved = Omit<RouterDeps, "answers"> & { answers: Answers; slots: WorkSlots };

export function createRouter(routerDeps: RouterDeps): (interaction: Interaction) => Promise<void> {
  const limits = new InteractionLimits(routerDeps.limits);
  return (interaction) =>
    withErrorBoundary(interaction, routerDeps.log, routerDeps.secrets, async () => {
      const answers = typeof routerDeps.answers === "function" ? routerDeps.answers() : routerDeps.answers;
      const deps: Resolved = { ...routerDeps, answers, slots: limits.slots };
      const started = Date.now();
      if (interaction.isAutocomplete()) {
        // Over budget: no suggestions, and nothing looked up.
        if (limits.allowAutocomplete(interaction.user.id)) await autocomplete(deps, interaction);
        else await interaction.respond([]);
      } else if (interaction.isChatInputCommand()) {
        limits.check("command", interaction.user.id);
        await chatInput(deps, interaction);
      } else if (interaction.isButton()) {
        limits.check("button", interaction.user.id);
        await button(deps, interaction);
      } else return;
      deps.log.debug({ command: commandLabel(interaction), interaction: interaction.id, ms: Date.now() - started }, "answered");
    });
}

function readOptions(command: Command, interaction: ChatInputCommandInteraction): OptionValues {
  const out: OptionValues = {};
  for (const o of command.data.options ?? []) {
    if (o.type === ApplicationCommandOptionType.String) {
      const v = interaction.options.getString(o.name);
      if (v !== null) out[o.name] = v;
    } else if (o.type === ApplicationCommandOptionType.Boolean) {
      const v = interaction.options.getBoolean(o.name);
      if (v !== null) out[o.name] = v;
    }
  }
  return out;
}

function find(deps: Resolved, name: string): Command {
  const command = deps.commands.get(name);
  if (!command) throw new UserError("unknown-command", `\`/${name}\` is not a command of this bot any more.`);
  return command;
}

async function chatInput(deps: Resolved, interaction: ChatInputCommandInteraction): Promise<void> {
  const command = find(deps, interaction.commandName);
  if (isAdminCommand(command)) return admin(deps, command, interaction);
  const options = readOptions(command, interaction);
  const ephemeral = options.private === true;
  const ctx = { userId: interaction.user.id, command: command.data.name, args: argsOf(command, options) };
  const defer = () => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await withSlot(deps, defer, async () => {
    const late = Date.now() - interaction.createdTimestamp > (deps.deferAfterMs ?? 1000);
    if (!interaction.deferred && (command.defer || late)) await defer();
    const view = command.run(deps.answers, options);
    const payload = toPayload(buildReply(view, { ephemeral }), ctx);
    if (interaction.deferred) {
      const { flags: _flags, ...edit } = payload;
      await interaction.editReply(edit);
    } else await interaction.reply(payload);
  });
}

/**
 * Runs `work` in a work slot. When none is free the interaction is acknowledged first (`defer`), so waiting never
 * runs into Discord's 3 s, and `work` then finds it deferred. A full queue is refused before anything is sent.
 */
async function withSlot(deps: Resolved, defer: () => Promise<unknown>, work: () => Promise<void>): Promise<void> {
  const mustWait = !deps.slots.free;
  const waiting = deps.slots.acquire();
  if (mustWait) {
    try {
      await defer();
    } catch (err) {
      void waiting.then((r) => r());
      throw err;
    }
  }
  const release = await waiting;
  try {
    await work();
  } finally {
    release();
  }
}

async function autocomplete(deps: Resolved, interaction: AutocompleteInteraction): Promise<void> {
  const command = deps.commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const def = command?.data.options?.find((o) => o.name === focused.name);
  const maxLength = def && "max_length" in def && def.max_length ? def.max_length : LIMITS.choiceValue;
  const suggestions = command?.autocomplete?.(deps.answers, focused.name, String(focused.value)) ?? [];
  const seen = new Set<string>();
  const choices = [];
  const max = Math.min(maxLength, LIMITS.choiceValue);
  for (const s of suggestions) {
    const value = fitValue(s.value.replace(/\s+/g, " ").trim(), max);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: truncate(s.name.replace(/\s+/g, " ").trim() || value, LIMITS.choiceName), value });
    if (choices.length === LIMITS.choices) break;
  }
  await interaction.respond(choices);
}

/** A choice value is a query: when it is longer than the option allows, its first words still find the answer. */
export function fitValue(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.lastIndexOf(" ", max);
  const end = /[\ud800-\udbff]/.test(value.charAt(max - 1)) ? max - 1 : max; // never half a surrogate pair
  return (cut > max / 2 ? value.slice(0, cut) : value.slice(0, end)).replace(/[\s,;:—–-]+$/, "").trim();
}

async function button(deps: Resolved, interaction: ButtonInteraction): Promise<void> {
  const state = decodeState(interaction.customId);
  const command = state && deps.commands.get(state.command);
  if (!state || !command) throw new UserError("buttons-expired", EXPIRED_NOTE);
  if (state.userId !== interaction.user.id) throw new UserError("buttons-not-yours", foreignNote(state.command));
  const ctx = { userId: state.userId, command: state.command, args: state.args };
  const share = state.action === "share";
  // Waiting for a slot: "thinking…" for a share (a new public message), nothing visible for a page turn.
  const defer = () => (share ? interaction.deferReply() : interaction.deferUpdate());
  await withSlot(deps, defer, async () => {
    try {
      const view = command.run(deps.answers, optionsOf(command, state.args));
      if (state.page >= view.pages.length) throw new UserError("buttons-expired", EXPIRED_NOTE);
      const ephemeral = share ? false : state.ephemeral;
      const { flags: _flags, ...payload } = toPayload(buildReply(view, { page: state.page, ephemeral }), ctx);
      if (interaction.deferred) await interaction.editReply(payload);
      else if (share) await interaction.reply(payload);
      else await interaction.update(payload);
    } catch (err) {
      // A public "thinking…" must not stay behind; the error boundary then tells the asker privately.
      if (share && interaction.deferred) await interaction.deleteReply().catch(() => undefined);
      throw err;
    }
  });
}

export const adminOnlyNote = (command: string): string =>
  `\`/${command}\` is for server admins: it needs the **Manage Server** permission.`;

/**
 * An admin command: the member's permissions are checked again here (a server can change who sees the command),
 * then the answer is private. Acknowledged first, since a reload can take a while.
 */
async function admin(deps: Resolved, command: AdminCommand, interaction: ChatInputCommandInteraction): Promise<void> {
  const name = command.data.name;
  if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError("admin-only", adminOnlyNote(name));
  }
  if (!deps.admin) throw unavailableHere(name);
  const subcommand = interaction.options.getSubcommand(false);
  const defs = subcommand ? command.data.options?.find((o) => o.name === subcommand) : command.data;
  const options: OptionValues = {};
  for (const o of (defs && "options" in defs ? defs.options : undefined) ?? []) {
    if (o.type !== ApplicationCommandOptionType.String) continue;
    const v = interaction.options.getString(o.name);
    if (v !== null) options[o.name] = v;
  }
  const services = deps.admin;
  const defer = () => interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await withSlot(deps, defer, async () => {
    if (!interaction.deferred) await defer();
    const reply = await command.admin.handle(services, subcommand, options);
    await interaction.editReply({
      content: reply.content ?? "",
      embeds: (reply.embeds ?? []).map(toApiEmbed),
      components: [],
      allowedMentions: { parse: [] },
    });
  });
}

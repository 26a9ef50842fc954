// Declaring a command: name, description, options (commands/options.ts), preconditions and a thin handler typed
// from the options. Discord's definition (`data`, what deploy-commands registers) is derived here, through
// discord.js's builders so that their checks (names, lengths) still apply. Where a command may be used follows from
// its preconditions: an admin command is for servers that installed the bot; every other command may also be added
// by a member to their own account (user install) and used in DMs with the bot and in private channels.
import type { SharedSlashCommandOptions } from "discord.js";
import { ApplicationCommandType, ApplicationIntegrationType, ChannelType, ContextMenuCommandBuilder, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, SlashCommandSubcommandBuilder } from "../src/util/discordjs.ts";
import type { AsyncAnswers, Suggestion } from "../src/answer/types.ts";
import type { AnswerView } from "../src/render/model.ts";
import { text, type OptionSpecs, type OptionValues, type SubcommandSpecs } from "./options.ts";
import type { BotReply, BotServices } from "./services.ts";
import type { AnswerCommand, Asker, BotCommand, BotInput, Completion, MessageCommand, Precondition } from "./types.ts";

interface Declaration {
  name: string;
  description: string;
  requires?: readonly Precondition[];
}

export interface AnswerDeclaration<S extends OptionSpecs> extends Declaration {
  options: S;
  defer?: boolean;
  run(answers: AsyncAnswers, options: OptionValues<S>): Promise<AnswerView>;
  autocomplete?(answers: AsyncAnswers, option: keyof S & string, value: string): Promise<Suggestion[]>;
}

/** The subcommand chosen, with that subcommand's options typed. */
export type SubcommandInput<U extends SubcommandSpecs> = {
  [K in keyof U & string]: { subcommand: K; options: OptionValues<U[K]["options"]> };
}[keyof U & string];

/** A bot command's input: the subcommand chosen with its options, or, for a command without any, its own options. */
export type BotCommandInput<U extends SubcommandSpecs, S extends OptionSpecs> = [keyof U] extends [never]
  ? { subcommand: undefined; options: OptionValues<S> }
  : SubcommandInput<U>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "no subcommands" / "no options" by default
export interface BotDeclaration<U extends SubcommandSpecs = {}, S extends OptionSpecs = {}> extends Declaration {
  requires: readonly Precondition[];
  /** Subcommands (`/follow person`), or else `options` of its own (`/unfollow follow:`). */
  subcommands?: U;
  options?: S;
  /** What each group of subcommands is for (`channel` in `/announce channel set`). */
  groups?: Readonly<Record<string, string>>;
  consoleNote?: string;
  run(services: BotServices, input: BotCommandInput<U, S>, asker: Asker): Promise<BotReply>;
  autocomplete?(answers: AsyncAnswers, option: string, value: string, completion: Completion): Promise<Suggestion[]> | Suggestion[];
}

export interface MessageDeclaration {
  /** As the Apps menu shows it ("Check this quote"): up to 32 characters, spaces and capitals allowed. */
  name: string;
  /** The console's command for it (`/check text:…`), also the key its Share button carries. */
  consoleName: string;
  /** For the console's /help. */
  description: string;
  /** Answers about the message's text (the console's `text` option). */
  run(answers: AsyncAnswers, options: { text?: string }): Promise<AnswerView>;
}

/** Guild and user install, in servers, the bot's DMs and private channels: everywhere a member may be. */
const EVERYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
} as const;

export function answerCommand<S extends OptionSpecs>(d: AnswerDeclaration<S>): AnswerCommand {
  return {
    kind: "answer",
    data: toData(d, d.options, {}),
    options: d.options,
    subcommands: {},
    requires: d.requires ?? [],
    defer: d.defer ?? false,
    // The options a handler gets are read with its own declaration, so they have the declared names and kinds.
    run: d.run as AnswerCommand["run"],
    ...(d.autocomplete && { autocomplete: d.autocomplete as AnswerCommand["autocomplete"] }),
  };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see BotDeclaration
export function botCommand<U extends SubcommandSpecs = {}, S extends OptionSpecs = {}>(d: BotDeclaration<U, S>): BotCommand {
  const subcommands: SubcommandSpecs = d.subcommands ?? {};
  const options: OptionSpecs = d.options ?? {};
  return {
    kind: "bot",
    data: toData(d, options, subcommands, d.groups),
    options,
    subcommands,
    requires: d.requires,
    run: d.run as (services: BotServices, input: BotInput, asker: Asker) => Promise<BotReply>,
    ...(d.autocomplete && { autocomplete: d.autocomplete }),
    ...(d.consoleNote && { consoleNote: d.consoleNote }),
  };
}

/** A message context-menu command (right-click a message, Apps), answered privately; the console runs it as `/<consoleName> text:…`. */
export function messageCommand(d: MessageDeclaration): MessageCommand {
  const builder = new ContextMenuCommandBuilder()
    .setName(d.name)
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts);
  return {
    kind: "message",
    data: builder.toJSON(),
    consoleName: d.consoleName,
    description: d.description,
    options: { text: text("The message's words", { required: true }) },
    subcommands: {},
    requires: [],
    run: d.run as MessageCommand["run"],
  };
}

function toData(d: Declaration, options: OptionSpecs, subcommands: SubcommandSpecs, groupDescriptions: Readonly<Record<string, string>> = {}) {
  const builder = new SlashCommandBuilder().setName(d.name).setDescription(d.description);
  if (d.requires?.includes("admin")) {
    // Hidden from members without Manage Server, and only in servers that installed the bot; the router checks again.
    builder
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .setContexts(InteractionContextType.Guild);
  } else {
    builder.setIntegrationTypes(...EVERYWHERE.integrationTypes).setContexts(...EVERYWHERE.contexts);
  }
  const subcommand = (name: string, spec: SubcommandSpecs[string]) => {
    const s = new SlashCommandSubcommandBuilder().setName(name).setDescription(spec.description);
    addOptions(s, spec.options);
    return s;
  };
  const groups = new Map<string, [string, SubcommandSpecs[string]][]>();
  for (const [name, sub] of Object.entries(subcommands)) {
    const [group, inner] = name.split(" ");
    if (inner === undefined) builder.addSubcommand(subcommand(name, sub));
    else if (groups.has(group as string)) groups.get(group as string)?.push([inner, sub]);
    else groups.set(group as string, [[inner, sub]]);
  }
  for (const [group, subs] of groups) {
    builder.addSubcommandGroup((g) => {
      g.setName(group).setDescription(groupDescriptions[group] ?? group);
      for (const [name, sub] of subs) g.addSubcommand(subcommand(name, sub));
      return g;
    });
  }
  addOptions(builder, options);
  return builder.toJSON();
}

function addOptions<T extends SharedSlashCommandOptions<T>>(builder: SharedSlashCommandOptions<T>, options: OptionSpecs): void {
  for (const [name, o] of Object.entries(options)) {
    if (o.kind === "flag") {
      builder.addBooleanOption((b) => b.setName(name).setDescription(o.description));
      continue;
    }
    if (o.kind === "channel") {
      builder.addChannelOption((c) =>
        c.setName(name).setDescription(o.description).setRequired(o.required ?? false).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      );
      continue;
    }
    if (o.kind === "role") {
      builder.addRoleOption((r) => r.setName(name).setDescription(o.description).setRequired(o.required ?? false));
      continue;
    }
    builder.addStringOption((s) => {
      s.setName(name).setDescription(o.description).setRequired(o.required ?? false);
      if (o.autocomplete) s.setAutocomplete(true);
      if (o.maxLength) s.setMaxLength(o.maxLength);
      if (o.choices) s.addChoices(...o.choices);
      return s;
    });
  }
}

import type { RESTPostAPIChatInputApplicationCommandsJSONBody, RESTPostAPIContextMenuApplicationCommandsJSONBody } from "discord.js";
import type { AsyncAnswers, Suggestion } from "../src/answer/types.ts";
import type { AnswerView } from "../src/render/model.ts";
import type { OptionSpecs, OptionValues, SubcommandSpecs } from "./options.ts";
import type { BotReply, BotServices } from "./services.ts";

export type { OptionValues } from "./options.ts";

/**
 * What must hold before a command runs, declared as data (as Sapphire's preconditions) and checked by the router
 * and the console before anything else. "admin": the member has Manage Server, in a server; the console has no admin.
 */
export type Precondition = "admin";

interface CommandBase<Data = RESTPostAPIChatInputApplicationCommandsJSONBody> {
  /** The definition registered with Discord, derived from the declaration (commands/define.ts). */
  data: Data;
  /** The options, declared once: the option reader, the console parser and `data` all follow them. */
  options: OptionSpecs;
  /** Subcommands (`/announce preview`), each with its own options; empty for most commands. */
  subcommands: SubcommandSpecs;
  requires: readonly Precondition[];
  /** Choices for the focused option (the caller caps them to Discord's limits). */
  autocomplete?(answers: AsyncAnswers, option: string, value: string, completion: Completion): Promise<Suggestion[]> | Suggestion[];
}

/** Who is typing, in which subcommand, and what the running bot offers (absent in the console): for choices of their own. */
export interface Completion {
  userId: string;
  subcommand?: string;
  services?: BotServices;
}

/** Who runs a bot command, where, and the answers of this moment (to look up a name typed in an option). */
export interface Asker {
  userId: string;
  /** The server it runs in; absent in DMs. */
  guildId?: string;
  answers: AsyncAnswers;
}

/** A question answered from the corpus: pure, the same on Discord and in the console. */
export interface AnswerCommand extends CommandBase {
  kind: "answer";
  /** Thin: reads options, asks the answers (of either engine), renders. Throws UserError for bad input. */
  run(answers: AsyncAnswers, options: OptionValues): Promise<AnswerView>;
  /** Acknowledge first (Discord: defer) because answering may take more than about a second. */
  defer: boolean;
}

/** What a bot command is asked to do: the subcommand, if it has any, and its options. */
export interface BotInput {
  subcommand: string | undefined;
  options: OptionValues;
}

/** An action on the running bot (follows, announcements, reload): Discord only, answered privately. */
export interface BotCommand extends CommandBase {
  kind: "bot";
  /** Runs the command (already acknowledged privately). Throws UserError for bad input. */
  run(services: BotServices, input: BotInput, asker: Asker): Promise<BotReply>;
  /** Why the console cannot run it, added to the console's refusal. */
  consoleNote?: string;
}

/**
 * A message context-menu command ("Check this quote"): pure, like an answer command, over the message's text,
 * answered privately with a Share button. The console runs it as `/<consoleName> text:…`.
 */
export interface MessageCommand extends CommandBase<RESTPostAPIContextMenuApplicationCommandsJSONBody> {
  kind: "message";
  consoleName: string;
  description: string;
  run(answers: AsyncAnswers, options: OptionValues): Promise<AnswerView>;
}

export type Command = AnswerCommand | BotCommand | MessageCommand;
/** What can be typed as a slash command: everything but the context menus. */
export type SlashCommand = AnswerCommand | BotCommand;

/** Longest single text option: keeps the page state in a button's custom id within Discord's 100 characters. */
export const MAX_QUERY = 64;

/** The name the console knows a command by: its slash command's, or a context menu's console name. */
export const consoleName = (command: Command): string => (command.kind === "message" ? command.consoleName : command.data.name);

/** The options declared for a subcommand of `command`, or its own when there is none. */
export function optionSpecs(command: Command, subcommand?: string | null): OptionSpecs {
  return (subcommand ? command.subcommands[subcommand]?.options : undefined) ?? command.options;
}

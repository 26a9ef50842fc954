import { about } from "./about.ts";
import { announce } from "./announce.ts";
import { checkQuote } from "./checkQuote.ts";
import { follow } from "./follow.ts";
import { mentioned } from "./mentioned.ts";
import { quote } from "./quote.ts";
import { reload } from "./reload.ts";
import { search } from "./search.ts";
import { timeline } from "./timeline.ts";
import type { Command, MessageCommand, SlashCommand } from "./types.ts";
import { unfollow } from "./unfollow.ts";
import { when } from "./when.ts";
import { who } from "./who.ts";

export type { AnswerCommand, BotCommand, Command, MessageCommand, OptionValues, SlashCommand } from "./types.ts";

/** Every slash command, in the order /help lists them; the admin commands (Manage Server) come last. */
export const commands: readonly SlashCommand[] = [who, when, quote, search, timeline, about, follow, unfollow, announce, reload];

/** The message context-menu commands (right-click a message, Apps). */
export const contextMenus: readonly MessageCommand[] = [checkQuote, mentioned];

export const commandsByName: ReadonlyMap<string, SlashCommand> = new Map(commands.map((c) => [c.data.name, c]));

/**
 * Every command the bot answers on Discord: slash commands by name, context menus by their menu name and by their
 * console name (the key their Share button carries).
 */
export const everyCommandByName: ReadonlyMap<string, Command> = new Map<string, Command>([
  ...commandsByName,
  ...contextMenus.flatMap((c): [string, Command][] => [
    [c.data.name, c],
    [c.consoleName, c],
  ]),
]);

/** What deploy-commands registers: the slash commands and the context menus. */
export const definitions = () => [...commands, ...contextMenus].map((c) => c.data);

/**
 * The commands the local console knows: the answer commands, the context menus under their console names, and the
 * bot commands that are not for admins (refused there with a note: they need the running bot on Discord).
 */
export const consoleCommands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ...commands.filter((c) => c.kind === "answer" || !c.requires.includes("admin")).map((c): [string, Command] => [c.data.name, c]),
  ...contextMenus.map((c): [string, Command] => [c.consoleName, c]),
]);

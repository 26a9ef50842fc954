import { about } from "./about.ts";
import { announce } from "./announce.ts";
import { quote } from "./quote.ts";
import { reload } from "./reload.ts";
import { search } from "./search.ts";
import { timeline } from "./timeline.ts";
import type { Command } from "./types.ts";
import { when } from "./when.ts";
import { who } from "./who.ts";

export type { AnswerCommand, BotCommand, Command, OptionValues } from "./types.ts";

/** Every slash command, in the order /help lists them; the admin commands (Manage Server) come last. */
export const commands: readonly Command[] = [who, when, quote, search, timeline, about, announce, reload];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));

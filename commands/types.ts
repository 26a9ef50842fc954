import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { Answers, Suggestion } from "../src/answer/types.ts";
import type { AnswerView } from "../src/render/model.ts";

/** Option values as both Discord and the console give them. */
export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  /** The definition registered with Discord (SlashCommandBuilder output); the console parses with it too. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Thin: reads options, calls the pure answer functions, renders. Throws UserError for bad input. */
  run(answers: Answers, options: OptionValues): AnswerView;
  /** Choices for the focused option (the caller caps them to Discord's limits). */
  autocomplete?(answers: Answers, option: string, value: string): Suggestion[];
  /** Acknowledge first (Discord: defer) because answering may take more than about a second. */
  defer?: boolean;
}

/** Longest single text option: keeps the page state in a button's custom id within Discord's 100 characters. */
export const MAX_QUERY = 64;

export function str(options: OptionValues, name: string): string | undefined {
  const v = options[name];
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

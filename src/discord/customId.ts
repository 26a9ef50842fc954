// Button custom ids carry the whole page state (who asked, which command with which options, which page), so
// Previous/Next/Share keep working after a restart without any stored session. Max 100 characters.
import type { Command, OptionValues } from "../../commands/index.ts";
import { readOptions, textOptionNames } from "../../commands/options.ts";
import { LIMITS } from "../render/limits.ts";

export interface ButtonState {
  action: "page" | "share";
  page: number;
  /** Whether the message the button sits on is ephemeral (the page keeps its Share button). */
  ephemeral: boolean;
  userId: string;
  command: string;
  args: string[];
}

const SEP = "\u00a6"; // ¦, removed from values before encoding

/** The command's text options, in declaration order: the part of the options that decides the answer. */
export function argsOf(command: Command, options: OptionValues): string[] {
  return textOptionNames(command.options).map((name) => {
    const v = options[name];
    return typeof v === "string" ? v.replaceAll(SEP, " ").trim() : "";
  });
}

/** The options a button's args stand for, read as any other options are. */
export function optionsOf(command: Command, args: string[]): OptionValues {
  const names = textOptionNames(command.options);
  return readOptions(command.options, (name) => args[names.indexOf(name)]);
}

/**
 * The custom id, or undefined when it would not fit in Discord's 100 characters. Discord counts code points (its
 * API is Python), as it does for an option's max_length: a query of emoji that Discord let through must still fit.
 */
export function encodeState(s: ButtonState): string | undefined {
  const id = [
    s.action === "page" ? "pg" : "sh",
    s.page.toString(36),
    s.ephemeral ? "e" : "p",
    BigInt(s.userId).toString(36),
    s.command,
    s.args.join(SEP),
  ].join(":");
  return [...id].length <= LIMITS.customId ? id : undefined;
}

/** Parses a custom id; undefined for anything this version did not make (an expired button). */
export function decodeState(customId: string): ButtonState | undefined {
  const m = /^(pg|sh):([0-9a-z]{1,4}):([ep]):([0-9a-z]{1,14}):([a-z_-]{1,32}):(.*)$/s.exec(customId);
  if (!m) return undefined;
  const [, action, page, eph, user, command, args] = m as unknown as [string, string, string, string, string, string, string];
  let userId: string;
  try {
    userId = [...user].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n).toString();
  } catch {
    return undefined;
  }
  return {
    action: action === "pg" ? "page" : "share",
    page: parseInt(page, 36),
    ephemeral: eph === "e",
    userId,
    command,
    args: args === "" ? [] : args.split(SEP),
  };
}

// Parses a line typed as in Discord ("/who Linus Torvalds", "/quote speaker:Josef Bacik text:religious war")
// with the same command declarations Discord gets, read by the same option reader (commands/options.ts).
import type { AnswerCommand, Command, MessageCommand, OptionValues } from "../../commands/index.ts";
import { readOptions, textOptionNames } from "../../commands/options.ts";
import { consoleName, type Precondition } from "../../commands/types.ts";
import { unavailableHere, UserError } from "../render/errors.ts";

export type ParsedLine =
  | { kind: "empty" }
  | { kind: "help" }
  | { kind: "page"; delta: 1 | -1 }
  | { kind: "hint"; message: string }
  | { kind: "refused"; error: UserError }
  | { kind: "command"; command: Runnable; options: OptionValues };

/** What the console can run: answers from the corpus (a context menu's over the text typed). */
export type Runnable = AnswerCommand | MessageCommand;

const TRUE = new Set(["true", "yes", "on", "1"]);
const FALSE = new Set(["false", "no", "off", "0"]);
const DUPLICATE = "\u0000duplicate";

export function usage(command: Command): string {
  const subcommands = Object.keys(command.subcommands).map((name) => `[${name}]`);
  const options = Object.entries(command.options).map(([name, o]) => (o.kind === "text" && o.required ? name : `[${name}]`));
  return [`/${consoleName(command)}`, ...subcommands, ...options].join(" ");
}

/** The console meets no precondition: it has no server, so no admin. */
const REFUSALS: Record<Precondition, (command: Command) => UserError> = {
  admin: (command) => {
    const note = command.kind === "bot" && command.consoleNote ? ` (${command.consoleNote})` : "";
    return new UserError("admin-in-console", `\`/${consoleName(command)}\` is a server admin command: use it in Discord${note}.`);
  },
};

export function parseLine(line: string, commands: ReadonlyMap<string, Command>): ParsedLine {
  const text = line.trim();
  if (!text) return { kind: "empty" };
  if (!text.startsWith("/")) return { kind: "hint", message: "Type a slash command, e.g. /who Linus Torvalds (/help lists them)." };
  const m = /^\/(\S*)\s*(.*)$/s.exec(text) as RegExpExecArray;
  const name = (m[1] as string).toLowerCase();
  const rest = (m[2] as string).trim();
  if (name === "help") return { kind: "help" };
  if (name === "next") return { kind: "page", delta: 1 };
  if (name === "prev" || name === "previous") return { kind: "page", delta: -1 };
  const command = commands.get(name);
  if (!command) {
    const names = [...commands.keys()].map((n) => `/${n}`).join(", ");
    return { kind: "hint", message: `Unknown command /${name}. Try ${names}, or /help.` };
  }
  // As the router does: preconditions first, before the options are read. A bot command has no bot to act on here.
  const [unmet] = command.requires;
  if (unmet) return { kind: "refused", error: REFUSALS[unmet](command) };
  if (command.kind === "bot") return { kind: "refused", error: unavailableHere(command.data.name, command.consoleNote) };
  const result = parseOptions(command, rest);
  return typeof result === "string" ? { kind: "hint", message: result } : { kind: "command", command, options: result };
}

function parseOptions(command: Runnable, rest: string): OptionValues | string {
  const specs = command.options;
  const names = Object.keys(specs);
  const cmd = `/${consoleName(command)}`;
  const typed: Record<string, string> = {};
  // Split at every "name:" that names one of this command's options.
  const marker = new RegExp(`(^|\\s)(${names.join("|") || "(?!)"}):`, "g");
  const cuts = [...rest.matchAll(marker)].map((x) => ({ at: x.index + (x[1] as string).length, name: x[2] as string }));
  const head = rest.slice(0, cuts[0]?.at ?? rest.length).trim();
  const unknown = /(?:^|\s)([a-z_]{2,32}):(?=\S)/.exec(rest);
  if (unknown && !Object.hasOwn(specs, unknown[1] as string) && !/^https?$/.test(unknown[1] as string)) {
    return `Unknown option ${unknown[1]} for ${cmd}. Options: ${names.join(", ") || "none"}.`;
  }
  if (head) {
    const [first] = textOptionNames(specs);
    if (!first) return `${cmd} takes no text. Usage: ${usage(command)}`;
    typed[first] = head;
  }
  cuts.forEach((c, i) => {
    const value = rest.slice(c.at + c.name.length + 1, cuts[i + 1]?.at ?? rest.length).trim();
    typed[c.name] = typed[c.name] === undefined ? value : DUPLICATE;
  });
  const values: Record<string, string | boolean> = {};
  for (const [key, raw] of Object.entries(typed)) {
    const spec = specs[key];
    if (raw === DUPLICATE) return `Option ${key} is given twice. Usage: ${usage(command)}`;
    if (spec?.kind === "flag") {
      const v = raw.toLowerCase();
      if (!TRUE.has(v) && !FALSE.has(v)) return `Option ${key} takes true or false, e.g. ${key}:true`;
      values[key] = TRUE.has(v);
    } else if (spec?.kind === "text" && spec.maxLength && [...raw].length > spec.maxLength) {
      // Counted as Discord counts: code points, so that 40 emoji pass here as they do there.
      return `Option ${key} is at most ${spec.maxLength} characters in Discord.`;
    } else values[key] = raw;
  }
  const options = readOptions(specs, (name) => values[name]);
  const missing = names.find((name) => {
    const spec = specs[name];
    return spec?.kind === "text" && spec.required && options[name] === undefined;
  });
  if (missing) return `${cmd} needs ${missing}. Usage: ${usage(command)}`;
  return options;
}

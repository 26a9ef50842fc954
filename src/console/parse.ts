// Parses a line typed as in Discord ("/who Linus Torvalds", "/quote speaker:Josef Bacik text:religious war")
// using the same command definitions Discord gets.
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from "discord.js";
import type { Command, OptionValues } from "../../commands/index.ts";

export type ParsedLine =
  | { kind: "empty" }
  | { kind: "help" }
  | { kind: "page"; delta: 1 | -1 }
  | { kind: "hint"; message: string }
  | { kind: "command"; command: Command; options: OptionValues };

const TRUE = new Set(["true", "yes", "on", "1"]);
const FALSE = new Set(["false", "no", "off", "0"]);

export function usage(command: Command): string {
  const opts = (command.data.options ?? []).map((o) => (o.required ? o.name : `[${o.name}]`));
  return [`/${command.data.name}`, ...opts].join(" ");
}

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
  const result = parseOptions(command, rest);
  return typeof result === "string" ? { kind: "hint", message: result } : { kind: "command", command, options: result };
}

function parseOptions(command: Command, rest: string): OptionValues | string {
  const defs = command.data.options ?? [];
  const known = new Map(defs.map((o) => [o.name, o]));
  const cmd = `/${command.data.name}`;
  const options: OptionValues = {};
  // Split at every "name:" that names one of this command's options.
  const marker = new RegExp(`(^|\\s)(${defs.map((o) => o.name).join("|") || "(?!)"}):`, "g");
  const cuts = [...rest.matchAll(marker)].map((x) => ({ at: x.index + (x[1] as string).length, name: x[2] as string }));
  const head = rest.slice(0, cuts[0]?.at ?? rest.length).trim();
  const unknown = /(?:^|\s)([a-z_]{2,32}):(?=\S)/.exec(rest);
  if (unknown && !known.has(unknown[1] as string) && !/^https?$/.test(unknown[1] as string)) {
    return `Unknown option ${unknown[1]} for ${cmd}. Options: ${defs.map((o) => o.name).join(", ") || "none"}.`;
  }
  if (head) {
    const first = defs.find((o) => o.type === ApplicationCommandOptionType.String);
    if (!first) return `${cmd} takes no text. Usage: ${usage(command)}`;
    options[first.name] = head;
  }
  cuts.forEach((c, i) => {
    const value = rest.slice(c.at + c.name.length + 1, cuts[i + 1]?.at ?? rest.length).trim();
    options[c.name] = options[c.name] === undefined ? value : "\u0000duplicate";
  });
  for (const [key, raw] of Object.entries(options)) {
    const def = known.get(key) as APIApplicationCommandOption;
    if (raw === "\u0000duplicate") return `Option ${key} is given twice. Usage: ${usage(command)}`;
    if (typeof raw !== "string") continue;
    if (def.type === ApplicationCommandOptionType.Boolean) {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) options[key] = true;
      else if (FALSE.has(v)) options[key] = false;
      else return `Option ${key} takes true or false, e.g. ${key}:true`;
    } else if (!raw) {
      delete options[key];
    } else if ("max_length" in def && def.max_length && [...raw].length > def.max_length) {
      // Counted as Discord counts: code points, so that 40 emoji pass here as they do there.
      return `Option ${key} is at most ${def.max_length} characters in Discord.`;
    }
  }
  const missing = defs.find((o) => o.required && options[o.name] === undefined);
  if (missing) return `${cmd} needs ${missing.name}. Usage: ${usage(command)}`;
  return options;
}

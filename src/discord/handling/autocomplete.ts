// Autocomplete: the command's suggestions for the focused option, as Discord takes them (at most 25 choices, names
// and values within their lengths, no repeated value). Never queued behind the work slots: it must stay instant.
import type { AutocompleteInteraction } from "discord.js";
import { optionSpecs } from "../../../commands/types.ts";
import { LIMITS, truncate } from "../../render/limits.ts";
import { subcommandOf } from "./chatInput.ts";
import type { HandlerContext } from "./context.ts";

export async function autocomplete(ctx: HandlerContext, interaction: AutocompleteInteraction): Promise<void> {
  const command = ctx.commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const subcommand = command && Object.keys(command.subcommands).length > 0 ? subcommandOf(interaction) : undefined;
  const spec = command && optionSpecs(command, subcommand)[focused.name];
  const maxLength = spec?.kind === "text" && spec.maxLength ? spec.maxLength : LIMITS.choiceValue;
  const completion = { userId: interaction.user.id, ...(subcommand && { subcommand }), ...(ctx.services && { services: ctx.services }) };
  const suggestions = (await inTime(command?.autocomplete?.(ctx.answers, focused.name, String(focused.value), completion))) ?? [];
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

/**
 * Discord drops an autocomplete answered after 3 s. Suggestions that take longer (a slow database) are given up: no
 * choices now, and the member's next keystroke asks again.
 */
export const AUTOCOMPLETE_BUDGET_MS = 2000;

async function inTime<T>(work: Promise<T> | T | undefined): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), AUTOCOMPLETE_BUDGET_MS)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A choice value is a query: when it is longer than the option allows, its first words still find the answer. */
export function fitValue(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.lastIndexOf(" ", max);
  const end = /[\ud800-\udbff]/.test(value.charAt(max - 1)) ? max - 1 : max; // never half a surrogate pair
  return (cut > max / 2 ? value.slice(0, cut) : value.slice(0, end)).replace(/[\s,;:—–-]+$/, "").trim();
}

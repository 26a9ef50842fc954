// Routes interactions to their handlers (src/discord/handling/: one file per kind), inside the error boundary and
// the per-user rate limits. Handlers stay thin: options in, the command's `run` (over the answers of either engine) out, reply model → payload.
import type { Interaction } from "discord.js";
import type { Command } from "../../commands/index.ts";
import type { BotServices } from "../../commands/services.ts";
import type { AsyncAnswers } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import { commandLabel, withErrorBoundary } from "./errorBoundary.ts";
import { autocomplete } from "./handling/autocomplete.ts";
import { button } from "./handling/button.ts";
import { chatInput } from "./handling/chatInput.ts";
import type { HandlerContext } from "./handling/context.ts";
import { messageCommand } from "./handling/messageCommand.ts";
import { giveNotices } from "./handling/notices.ts";
import { InteractionLimits, type LimitOptions } from "./rateLimit.ts";

export interface RouterDeps {
  /**
   * The answers (of either engine), or a getter for the current ones (the live corpus swaps them on reload): read
   * once per interaction.
   */
  answers: AsyncAnswers | (() => AsyncAnswers);
  /** What bot commands (/announce, /reload) act on; without it they answer that they are not available. */
  services?: BotServices;
  commands: ReadonlyMap<string, Command>;
  log: Logger;
  /** Strings that must never reach a log line (the bot token). */
  secrets: readonly string[];
  /** Defer when the answer is not ready this long after the interaction was created (default 1000 ms). */
  deferAfterMs?: number;
  /** Per-user budgets and the cap on concurrent work (defaults: LIMIT_DEFAULTS in rateLimit.ts). */
  limits?: Partial<LimitOptions>;
}

export function createRouter(deps: RouterDeps): (interaction: Interaction) => Promise<void> {
  const limits = new InteractionLimits(deps.limits);
  return (interaction) =>
    withErrorBoundary(interaction, deps.log, deps.secrets, async () => {
      const ctx: HandlerContext = {
        answers: typeof deps.answers === "function" ? deps.answers() : deps.answers,
        ...(deps.services && { services: deps.services }),
        commands: deps.commands,
        slots: limits.slots,
        deferAfterMs: deps.deferAfterMs ?? 1000,
      };
      const started = Date.now();
      if (interaction.isAutocomplete()) {
        // Over budget: no suggestions, and nothing looked up.
        if (limits.allowAutocomplete(interaction.user.id)) await autocomplete(ctx, interaction);
        else await interaction.respond([]);
      } else if (interaction.isChatInputCommand()) {
        limits.check("command", interaction.user.id);
        await chatInput(ctx, interaction);
        await giveNotices(ctx, interaction);
      } else if (interaction.isMessageContextMenuCommand()) {
        limits.check("command", interaction.user.id);
        await messageCommand(ctx, interaction);
        await giveNotices(ctx, interaction);
      } else if (interaction.isButton()) {
        limits.check("button", interaction.user.id);
        await button(ctx, interaction);
      } else return;
      deps.log.debug({ command: commandLabel(interaction), interaction: interaction.id, ms: Date.now() - started }, "answered");
    });
}

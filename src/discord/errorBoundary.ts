// The one error boundary for interactions: what the user is told comes from userFacing (src/render/errors.ts), as
// in the console; here it is sent as an ephemeral note, whether the interaction was already deferred, replied to,
// or not acknowledged at all.
import type { Interaction } from "discord.js";
import { MessageFlags } from "../util/discordjs.ts";
import type { Logger } from "../log.ts";
import { userFacing } from "../render/errors.ts";
import { safeError } from "../util/safeError.ts";

export function commandLabel(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isContextMenuCommand()) return `"${interaction.commandName}"`;
  if (interaction.isButton()) return `button for /${interaction.customId.split(":")[4] ?? "?"}`;
  return `interaction type ${interaction.type}`;
}

export async function withErrorBoundary(
  interaction: Interaction,
  log: Logger,
  secrets: readonly string[],
  handler: () => Promise<void>,
): Promise<void> {
  try {
    await handler();
  } catch (err) {
    const command = commandLabel(interaction);
    const message = userFacing(err, log, { fields: { command, interaction: interaction.id }, secrets, event: "interaction failed" });
    try {
      await sendEphemeralNote(interaction, message);
    } catch (second) {
      log.warn({ command, interaction: interaction.id, err: safeError(second, secrets) }, "could not tell the user about the error");
    }
  }
}

async function sendEphemeralNote(interaction: Interaction, content: string): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const note = { content, allowedMentions: { parse: [] as [] } };
  if (interaction.replied) {
    await interaction.followUp({ ...note, flags: MessageFlags.Ephemeral });
  } else if (interaction.deferred) {
    if (interaction.ephemeral) {
      await interaction.editReply({ ...note, embeds: [], components: [] });
    } else {
      // A public "thinking…" must not turn into a public error: remove it, then tell the asker alone.
      if (!interaction.isMessageComponent()) await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ ...note, flags: MessageFlags.Ephemeral });
    }
  } else {
    await interaction.reply({ ...note, flags: MessageFlags.Ephemeral });
  }
}

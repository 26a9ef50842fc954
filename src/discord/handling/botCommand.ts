// A bot command (/announce, /reload) acts on the running bot: always private, and acknowledged first, since a
// reload can take a while. Its preconditions were checked before its options were read (chatInput.ts).
import type { ChatInputCommandInteraction } from "discord.js";
import { MessageFlags } from "../../util/discordjs.ts";
import type { BotCommand, BotInput } from "../../../commands/types.ts";
import { unavailableHere } from "../../render/errors.ts";
import { toApiEmbed } from "../payload.ts";
import { withSlot, type HandlerContext } from "./context.ts";

export async function runBotCommand(ctx: HandlerContext, command: BotCommand, input: BotInput, interaction: ChatInputCommandInteraction): Promise<void> {
  const services = ctx.services;
  if (!services) throw unavailableHere(command.data.name);
  const defer = () => interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await withSlot(ctx, defer, async () => {
    if (!interaction.deferred) await defer();
    const asker = { userId: interaction.user.id, answers: ctx.answers, ...(interaction.guildId && { guildId: interaction.guildId }) };
    const reply = await command.run(services, input, asker);
    await interaction.editReply({
      content: reply.content ?? "",
      embeds: (reply.embeds ?? []).map(toApiEmbed),
      components: [],
      allowedMentions: { parse: [] },
    });
  });
}

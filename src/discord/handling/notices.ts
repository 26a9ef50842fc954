// Notes a member is owed, given privately after the answer to their next command: once Discord refused a follow
// DM because their DMs are closed (50007), that command tells them, once; the DM itself is never retried.
import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from "discord.js";
import { MessageFlags } from "../../util/discordjs.ts";
import { DMS_CLOSED_NOTE } from "../../render/follows.ts";
import type { HandlerContext } from "./context.ts";

export async function giveNotices(ctx: HandlerContext, interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction): Promise<void> {
  const follows = ctx.services?.follows;
  const user = interaction.user.id;
  if (!follows?.dmsClosed(user)) return;
  await interaction.followUp({ content: DMS_CLOSED_NOTE, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  await follows.toldDmsClosed(user);
}

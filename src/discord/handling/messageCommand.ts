// A message context-menu command ("Check this quote", "Who is mentioned here?"): the message's words through the
// command's pure answer, always private, with a Share button that posts the same answer in the channel. Discord
// sends the message in the interaction (content included, without the Message Content intent).
import type { Message, MessageContextMenuCommandInteraction } from "discord.js";
import { MessageFlags } from "../../util/discordjs.ts";
import { buildReply } from "../../render/reply.ts";
import { toPayload } from "../payload.ts";
import { findCommand, unknownCommand, withSlot, type HandlerContext } from "./context.ts";

export async function messageCommand(ctx: HandlerContext, interaction: MessageContextMenuCommandInteraction): Promise<void> {
  const command = findCommand(ctx, interaction.commandName);
  if (command.kind !== "message") throw unknownCommand(interaction.commandName);
  const text = messageText(interaction.targetMessage);
  // The Share button carries no words: it copies the answer it sits on (button.ts).
  const pageState = { userId: interaction.user.id, command: command.consoleName, args: [] };
  const defer = () => interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await withSlot(ctx, defer, async () => {
    const payload = toPayload(buildReply(await command.run(ctx.answers, { text }), { ephemeral: true }), pageState);
    if (interaction.deferred) {
      const { flags: _flags, ...edit } = payload;
      await interaction.editReply(edit);
    } else await interaction.reply(payload);
  });
}

/** The words of a message: its text, else (a bot's answer, a link preview) the text of its embeds. */
export function messageText(message: Pick<Message, "content" | "embeds">): string {
  if (message.content.trim()) return message.content;
  return message.embeds
    .flatMap((e) => [e.title, e.description, ...e.fields.map((f) => f.value)])
    .filter((s): s is string => typeof s === "string" && s.trim() !== "")
    .join("\n");
}

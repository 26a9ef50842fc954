// A slash command: its preconditions, its options (read once, with its declaration), then the answer, public or
// private as asked, with Previous/Next/Share buttons when it has pages.
import type { AutocompleteInteraction, ChatInputCommandInteraction } from "discord.js";
import { MessageFlags } from "../../util/discordjs.ts";
import { readOptions, type OptionValues } from "../../../commands/options.ts";
import { optionSpecs, type AnswerCommand } from "../../../commands/types.ts";
import { buildReply } from "../../render/reply.ts";
import { argsOf } from "../customId.ts";
import { toPayload } from "../payload.ts";
import { runBotCommand } from "./botCommand.ts";
import { findCommand, unknownCommand, withSlot, type HandlerContext } from "./context.ts";
import { checkPreconditions } from "./preconditions.ts";

export async function chatInput(ctx: HandlerContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const command = findCommand(ctx, interaction.commandName);
  if (command.kind === "message") throw unknownCommand(interaction.commandName);
  checkPreconditions(command, interaction);
  const subcommand = subcommandOf(interaction);
  const options = readOptions(optionSpecs(command, subcommand), (name, kind) =>
    kind === "text" ? interaction.options.getString(name) : kind === "flag" ? interaction.options.getBoolean(name) : (interaction.options.get(name)?.value as string | undefined),
  );
  if (command.kind === "bot") return runBotCommand(ctx, command, { subcommand, options }, interaction);
  return answer(ctx, command, options, interaction);
}

/** The subcommand as declared: "set", or "channel set" for one in a group. */
export function subcommandOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string | undefined {
  const group = interaction.options.getSubcommandGroup(false);
  const subcommand = interaction.options.getSubcommand(false);
  if (!subcommand) return undefined;
  return group ? `${group} ${subcommand}` : subcommand;
}

async function answer(ctx: HandlerContext, command: AnswerCommand, options: OptionValues, interaction: ChatInputCommandInteraction): Promise<void> {
  const ephemeral = options.private === true;
  const pageState = { userId: interaction.user.id, command: command.data.name, args: argsOf(command, options) };
  const defer = () => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await withSlot(ctx, defer, async () => {
    const late = Date.now() - interaction.createdTimestamp > ctx.deferAfterMs;
    if (!interaction.deferred && (command.defer || late)) await defer();
    const view = await command.run(ctx.answers, options);
    const payload = toPayload(buildReply(view, { ephemeral }), pageState);
    if (interaction.deferred) {
      const { flags: _flags, ...edit } = payload;
      await interaction.editReply(edit);
    } else await interaction.reply(payload);
  });
}

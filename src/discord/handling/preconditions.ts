// A command's preconditions (commands/types.ts), checked before it reads its options or does any work. Admin
// commands are hidden from members without Manage Server when registered, but a server can show them to anyone:
// this check is what counts.
import type { ChatInputCommandInteraction } from "discord.js";
import { PermissionFlagsBits } from "../../util/discordjs.ts";
import type { Command, Precondition } from "../../../commands/types.ts";
import { UserError } from "../../render/errors.ts";

export const adminOnlyNote = (command: string): string =>
  `\`/${command}\` is for server admins: it needs the **Manage Server** permission.`;

const CHECKS: Record<Precondition, (command: string, interaction: ChatInputCommandInteraction) => void> = {
  admin(command, interaction) {
    if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserError("admin-only", adminOnlyNote(command));
    }
  },
};

/** Throws the UserError of the first precondition of `command` that this interaction does not meet. */
export function checkPreconditions(command: Command, interaction: ChatInputCommandInteraction): void {
  for (const precondition of command.requires) CHECKS[precondition](command.data.name, interaction);
}

// Previous/Next/Share: the button's custom id holds the whole page state (customId.ts), so the answer is worked out
// again from it, for the asker only. A share is a new public message; a page turn edits the one it sits on.
import type { ButtonInteraction } from "discord.js";
import { UserError } from "../../render/errors.ts";
import { buildReply } from "../../render/reply.ts";
import { decodeState, optionsOf } from "../customId.ts";
import { toPayload } from "../payload.ts";
import { withSlot, type HandlerContext } from "./context.ts";

export const EXPIRED_NOTE = "These buttons have expired. Run the command again for a fresh answer.";
export const foreignNote = (command: string): string =>
  `Only the person who asked can use these buttons. Run \`/${command}\` yourself for your own copy.`;

export async function button(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  const state = decodeState(interaction.customId);
  const command = state && ctx.commands.get(state.command);
  if (!state || (command?.kind !== "answer" && command?.kind !== "message")) throw new UserError("buttons-expired", EXPIRED_NOTE);
  if (state.userId !== interaction.user.id) throw new UserError("buttons-not-yours", foreignNote(state.command));
  if (command.kind === "message") {
    if (state.action !== "share") throw new UserError("buttons-expired", EXPIRED_NOTE);
    return shareCopy(ctx, interaction);
  }
  const pageState = { userId: state.userId, command: state.command, args: state.args };
  const share = state.action === "share";
  // Waiting for a slot: "thinking…" for a share (a new public message), nothing visible for a page turn.
  const defer = () => (share ? interaction.deferReply() : interaction.deferUpdate());
  await withSlot(ctx, defer, async () => {
    try {
      const view = await command.run(ctx.answers, optionsOf(command, state.args));
      if (state.page >= view.pages.length) throw new UserError("buttons-expired", EXPIRED_NOTE);
      const ephemeral = share ? false : state.ephemeral;
      const { flags: _flags, ...payload } = toPayload(buildReply(view, { page: state.page, ephemeral }), pageState);
      if (interaction.deferred) await interaction.editReply(payload);
      else if (share) await interaction.reply(payload);
      else await interaction.update(payload);
    } catch (err) {
      // A public "thinking…" must not stay behind; the error boundary then tells the asker privately.
      if (share && interaction.deferred) await interaction.deleteReply().catch(() => undefined);
      throw err;
    }
  });
}

/** Share for a context menu's answer: the answer the button sits on, posted as it is (its words are not in the button). */
async function shareCopy(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  const embeds = interaction.message.embeds.map((e) => e.toJSON());
  if (embeds.length === 0) throw new UserError("buttons-expired", EXPIRED_NOTE);
  const payload = { embeds, components: [], allowedMentions: { parse: [] as [] } };
  await withSlot(ctx, () => interaction.deferReply(), async () => {
    if (interaction.deferred) await interaction.editReply(payload);
    else await interaction.reply(payload);
  });
}

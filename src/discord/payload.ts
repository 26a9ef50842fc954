// Reply model → discord.js message payload. Mentions never ping: every payload says so, on top of the client default.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import { ButtonStyle, ComponentType, MessageFlags } from "../util/discordjs.ts";
import type { EmbedView, ReplyModel } from "../render/model.ts";
import { encodeState, type ButtonState } from "./customId.ts";

export interface PayloadContext {
  userId: string;
  command: string;
  args: string[];
}

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  flags?: typeof MessageFlags.Ephemeral;
  allowedMentions: { parse: [] };
}

export function toApiEmbed(e: EmbedView): APIEmbed {
  const out: APIEmbed = { title: e.title, color: e.color };
  if (e.url) out.url = e.url;
  if (e.description) out.description = e.description;
  if (e.fields.length) out.fields = e.fields.map((f) => ({ name: f.name, value: f.value, inline: f.inline ?? false }));
  if (e.footer) out.footer = { text: e.footer };
  if (e.author) out.author = { name: e.author };
  return out;
}

export function toPayload(reply: ReplyModel, ctx?: PayloadContext): MessagePayload {
  const buttons: APIButtonComponent[] = [];
  if (ctx) {
    for (const b of reply.buttons) {
      const state: ButtonState = {
        action: b.action === "share" ? "share" : "page",
        page: b.page,
        ephemeral: reply.ephemeral,
        ...ctx,
      };
      const customId = encodeState(state);
      if (!customId) continue;
      buttons.push({
        type: ComponentType.Button,
        custom_id: customId,
        label: b.label,
        style: b.action === "share" ? ButtonStyle.Primary : ButtonStyle.Secondary,
        disabled: b.disabled,
      });
    }
  }
  const payload: MessagePayload = {
    embeds: reply.embeds.map(toApiEmbed),
    components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
    allowedMentions: { parse: [] },
  };
  if (reply.content) payload.content = reply.content;
  if (reply.ephemeral) payload.flags = MessageFlags.Ephemeral;
  return payload;
}

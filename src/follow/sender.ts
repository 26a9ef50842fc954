// Sending one DM over Discord's REST API: the member's DM channel (opened once, then remembered), then the message.
// What a failure means: the member's DMs are closed (50007: never retried), try again later (5xx, network,
// timeouts, 429), or Discord refused it for good.
import type { APIEmbed, REST } from "discord.js";
import { Routes } from "../util/discordjs.ts";
import { classifySendError } from "../announce/sender.ts";

export type DmOutcome = { ok: true } | { ok: false; kind: "closed" | "retry" | "rejected"; reason: string };

export type SendDm = (userId: string, message: { content: string; embeds: APIEmbed[] }) => Promise<DmOutcome>;

/** Discord's "Cannot send messages to this user": DMs closed in the member's privacy settings, or the bot blocked. */
export const DMS_CLOSED = 50007;

/** `rest` is read at each send: the client's REST only carries the token once it has logged in. */
export function discordDmSender(rest: () => Pick<REST, "post">): SendDm {
  const channels = new Map<string, string>();
  return async (userId, message) => {
    try {
      let channel = channels.get(userId);
      if (!channel) {
        channel = ((await rest().post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string }).id;
        channels.set(userId, channel);
      }
      await rest().post(Routes.channelMessages(channel), { body: { ...message, allowed_mentions: { parse: [] } } });
      return { ok: true };
    } catch (err) {
      if ((err as { code?: unknown }).code === DMS_CLOSED) return { ok: false, kind: "closed", reason: `Cannot send messages to this user (${DMS_CLOSED})` };
      const outcome = classifySendError(err);
      return { ok: false, kind: outcome.kind === "retry" ? "retry" : "rejected", reason: outcome.reason };
    }
  };
}

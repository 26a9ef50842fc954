// Posting one announcement to one channel over Discord's REST API, and what a failure means for the queue:
// retry later (5xx, network, timeouts), give up on this channel (it is gone or the bot may not post there), or
// give up on this message (Discord refused its content).
import { Routes, type APIEmbed, type REST } from "discord.js";

export type SendOutcome =
  | { ok: true }
  | { ok: false; kind: "retry" | "forbidden" | "rejected"; reason: string };

export type SendMessage = (channel: string, embed: APIEmbed, nonce: string) => Promise<SendOutcome>;

/** Discord's answers for a channel the bot cannot use: Unknown Channel, Missing Access, Missing Permissions. */
export const CHANNEL_UNUSABLE: Readonly<Record<number, string>> = {
  10003: "Unknown Channel",
  50001: "Missing Access",
  50013: "Missing Permissions",
};

/** `rest` is read at each send: the client's REST only carries the token once it has logged in. */
export function discordSender(rest: () => Pick<REST, "post">): SendMessage {
  return async (channel, embed, nonce) => {
    try {
      await rest().post(Routes.channelMessages(channel), {
        // enforce_nonce: Discord returns the first message instead of posting a second one with the same nonce
        // (for a few minutes), which covers a crash between a send and the record's update.
        body: { embeds: [embed], allowed_mentions: { parse: [] }, nonce, enforce_nonce: true },
      });
      return { ok: true };
    } catch (err) {
      return classifySendError(err);
    }
  };
}

export function classifySendError(err: unknown): Exclude<SendOutcome, { ok: true }> {
  const e = err as { code?: unknown; status?: unknown; message?: unknown; name?: unknown };
  const status = typeof e.status === "number" ? e.status : undefined;
  const code = typeof e.code === "number" ? e.code : undefined;
  const message = typeof e.message === "string" ? e.message : String(err);
  if (code !== undefined && CHANNEL_UNUSABLE[code]) return { ok: false, kind: "forbidden", reason: `${CHANNEL_UNUSABLE[code]}, ${code}` };
  // 401 (token revoked), 408 and 429 pass: nothing is lost by waiting and trying again.
  if (status !== undefined && status >= 400 && status < 500 && ![401, 408, 429].includes(status)) {
    return { ok: false, kind: "rejected", reason: `${message} (${status}${code !== undefined ? `, ${code}` : ""})` };
  }
  return { ok: false, kind: "retry", reason: status !== undefined ? `${message} (${status})` : message };
}

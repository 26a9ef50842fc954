// Posting one announcement to one channel over Discord's REST API, and what a failure means for the queue:
// retry later (5xx, network, timeouts), give up on this channel (it is gone or the bot may not post there), or
// give up on this message (Discord refused its content).
import type { APIEmbed, REST } from "discord.js";
import { Routes } from "../util/discordjs.ts";

export type SendOutcome =
  /** `id`: the message posted (or edited); `threadProblem`: why the thread asked for could not be started. */
  | { ok: true; id?: string; threadProblem?: string }
  | { ok: false; kind: "retry" | "forbidden" | "rejected"; reason: string };

/** What goes with an announcement's embed in one channel. */
export interface SendOptions {
  /** The role to mention (`<@&id>`, and allowed_mentions names it alone): the only mention the bot makes. */
  role?: string;
  /** Start a thread from the message, with this name (at most 100 characters). */
  thread?: string;
  /** Edit this message of the channel instead of posting a new one. */
  edit?: string;
}

export type SendMessage = (channel: string, embed: APIEmbed, nonce: string, options?: SendOptions) => Promise<SendOutcome>;

/** A thread is archived after a day without messages (Discord's 1440 minutes). */
export const THREAD_ARCHIVE_MINUTES = 1440;

/**
 * Mentions: none, or the channel's opt-in role alone. Nothing else in an announcement can ping, whatever the articles
 * or a member wrote: Discord pings only what `allowed_mentions` names.
 */
export const allowedMentions = (role?: string) => (role ? { parse: [], roles: [role] } : { parse: [] });

/** Discord's answers for a channel the bot cannot use: Unknown Channel, Missing Access, Missing Permissions. */
export const CHANNEL_UNUSABLE: Readonly<Record<number, string>> = {
  10003: "Unknown Channel",
  50001: "Missing Access",
  50013: "Missing Permissions",
};

/** `rest` is read at each send: the client's REST only carries the token once it has logged in. */
export function discordSender(rest: () => Pick<REST, "post" | "patch">): SendMessage {
  return async (channel, embed, nonce, options = {}) => {
    let posted: { id: string };
    try {
      if (options.edit) {
        posted = (await rest().patch(Routes.channelMessage(channel, options.edit), { body: { embeds: [embed], allowed_mentions: { parse: [] } } })) as { id: string };
        return { ok: true, id: posted.id };
      }
      posted = (await rest().post(Routes.channelMessages(channel), {
        // enforce_nonce: Discord returns the first message instead of posting a second one with the same nonce
        // (for a few minutes), which covers a crash between a send and the record's update.
        body: {
          ...(options.role && { content: `<@&${options.role}>` }),
          embeds: [embed],
          allowed_mentions: allowedMentions(options.role),
          nonce,
          enforce_nonce: true,
        },
      })) as { id: string };
    } catch (err) {
      return classifySendError(err);
    }
    if (!options.thread) return { ok: true, id: posted.id };
    // The message is out: a thread that cannot be started (no Create Public Threads permission) costs a log line only.
    try {
      await rest().post(Routes.threads(channel, posted.id), { body: { name: options.thread, auto_archive_duration: THREAD_ARCHIVE_MINUTES } });
      return { ok: true, id: posted.id };
    } catch (err) {
      return { ok: true, id: posted.id, threadProblem: classifySendError(err).reason };
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

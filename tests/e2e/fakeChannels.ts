// The fake Discord's channels beyond one server channel: DM channels (opened with POST /users/@me/channels, and
// closed on demand: Discord's 50007 "Cannot send messages to this user"), threads started from a message (POST
// /channels/:id/messages/:id/threads; one per message, 160004 for a second), edits of the bot's own messages (PATCH
// /channels/:id/messages/:id), and which mentions a message really makes: Discord pings a user, a role or
// @everyone only when the message's text names it and `allowed_mentions` lets it, and says so in `mentions`,
// `mention_roles` and `mention_everyone`.

type Json = Record<string, unknown>;

export interface FakeThread {
  id: string;
  parentId: string;
  messageId: string;
  name: string;
  autoArchiveDuration: number;
}

export interface ApiFailure {
  status: number;
  code: number;
  message: string;
}

const fail = (status: number, code: number, message: string): ApiFailure => ({ status, code, message });

export class FakeChannels {
  /** User id → their DM channel id. */
  readonly dmChannels = new Map<string, string>();
  /** Users whose DMs are closed to the bot (privacy settings, a block): messages to them fail with 50007. */
  readonly closedDms = new Set<string>();
  readonly threads: FakeThread[] = [];
  /** Edits of channel messages, in order. */
  readonly edits: { channelId: string; messageId: string; body: Json }[] = [];

  constructor(private readonly makeId: () => string) {}

  /** The user's DM channel with the bot, the same one every time. */
  dmChannelOf(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) this.dmChannels.set(userId, (id = this.makeId()));
    return id;
  }

  /** POST /users/@me/channels: the user's DM channel. */
  openDm(body: Json, users: (id: string) => Json): Json | ApiFailure {
    const recipient = body.recipient_id;
    if (typeof recipient !== "string" || !/^\d{17,20}$/.test(recipient)) return fail(400, 50035, "Invalid Form Body");
    return { id: this.dmChannelOf(recipient), type: 1, last_message_id: null, flags: 0, recipients: [users(recipient)] };
  }

  /** Whose DM channel `channelId` is, if it is one. */
  dmRecipient(channelId: string): string | undefined {
    for (const [userId, id] of this.dmChannels) if (id === channelId) return userId;
    return undefined;
  }

  /** A post in a DM channel: refused when that user's DMs are closed. */
  refuseDm(channelId: string): ApiFailure | undefined {
    const recipient = this.dmRecipient(channelId);
    return recipient && this.closedDms.has(recipient) ? fail(403, 50007, "Cannot send messages to this user") : undefined;
  }

  /** POST /channels/:channel/messages/:message/threads. */
  startThread(channelId: string, message: Json | undefined, body: Json): Json | ApiFailure {
    if (!message || message.channel_id !== channelId) return fail(404, 10008, "Unknown Message");
    const name = body.name;
    if (typeof name !== "string" || name.length < 1 || name.length > 100) return fail(400, 50035, "Invalid Form Body");
    if (this.threads.some((t) => t.messageId === message.id)) return fail(400, 160004, "A thread has already been created for this message");
    const duration = (body.auto_archive_duration as number | undefined) ?? 4320;
    if (![60, 1440, 4320, 10080].includes(duration)) return fail(400, 50035, "Invalid Form Body");
    const thread: FakeThread = { id: this.makeId(), parentId: channelId, messageId: message.id as string, name, autoArchiveDuration: duration };
    this.threads.push(thread);
    return { id: thread.id, type: 11, parent_id: channelId, name, guild_id: message.guild_id, owner_id: (message.author as Json | undefined)?.id, thread_metadata: { archived: false, auto_archive_duration: duration, locked: false } };
  }
}

/**
 * The mentions a message makes, as Discord works them out: the ids its content names (`<@id>`, `<@&id>`,
 * @everyone/@here) that `allowed_mentions` allows. Without `allowed_mentions`, Discord's default allows them all.
 */
export function mentionsOf(body: Json): { mentions: string[]; mention_roles: string[]; mention_everyone: boolean } {
  const content = typeof body.content === "string" ? body.content : "";
  const allowed = body.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[] } | undefined;
  const named = (re: RegExp) => [...new Set([...content.matchAll(re)].map((m) => m[1] as string))];
  const may = (kind: "users" | "roles", id: string) => !allowed || allowed.parse?.includes(kind) === true || allowed[kind]?.includes(id) === true;
  return {
    mentions: named(/<@!?(\d{17,20})>/g).filter((id) => may("users", id)),
    mention_roles: named(/<@&(\d{17,20})>/g).filter((id) => may("roles", id)),
    mention_everyone: /@(everyone|here)\b/.test(content) && (!allowed || allowed.parse?.includes("everyone") === true),
  };
}

// A fake Discord for end-to-end tests: REST (node http) and the gateway (ws, see fakeGateway.ts) on 127.0.0.1,
// random port. It speaks just enough of API v10 for discord.js and enforces the rules a real bot trips over, with
// Discord's error codes: 3 s to the first response (10062), one acknowledgement (40060), autocomplete choices and
// message/embed limits (50035), empty messages (50006); and it answers 429 on demand (fakeRateLimits.ts). DM
// channels, threads, message edits and the mentions a message makes are in fakeChannels.ts. Interactions come from
// a server, the bot's DMs or a private channel (`where`), as registered commands allow (their `contexts`).
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { FakeChannels, mentionsOf, type ApiFailure } from "./fakeChannels.ts";
import { FakeGateway } from "./fakeGateway.ts";
import { IdentifyLimit } from "./fakeIdentifyLimit.ts";
import { FakeRateLimits } from "./fakeRateLimits.ts";

const EPOCH = 1420070400000n;
let counter = 0n;
export function snowflake(at = Date.now()): string {
  counter = (counter + 1n) % 4096n;
  return ((BigInt(at) - EPOCH) << 22n | counter).toString();
}

export const APP_ID = "111111111111111111";
export const GUILD_ID = "222222222222222222";
export const CHANNEL_ID = "333333333333333333";
/** A DM between two members, where a member who added the bot to their account uses it. */
export const PRIVATE_CHANNEL_ID = "333333333333333399";
/** A member's permissions as the fake sends them by default (no Manage Server). */
export const MEMBER_PERMISSIONS = "2248473465835073";
/** The same plus Manage Server (1 << 5): what an admin of the server has. */
export const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 32n).toString();
export const BOT_USER = { id: APP_ID, username: "Newsdesk", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 };

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
}

export function user(id: string, username: string): FakeUser {
  return { id, username, discriminator: "0", global_name: username, avatar: null };
}

/** Where an interaction comes from: a server channel, the bot's DMs, or a private channel (a DM or group DM of others). */
export type Where = "guild" | "dm" | "private";
/** Discord's interaction context types. */
export const CONTEXTS: Record<Where, number> = { guild: 0, dm: 1, private: 2 };

type Json = Record<string, unknown>;

/** Listens on a free port of 127.0.0.1 (the fake and holdingProxy.ts both do); the REST API is under /api there. */
export async function listenLocally(server: Server): Promise<{ port: number; apiBase: string }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, apiBase: `http://127.0.0.1:${port}/api` };
}

export interface FakeMessage extends Json {
  id: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
}

export interface RecordedResponse {
  kind: "callback" | "edit" | "followup" | "delete" | "channel";
  at: number;
  body: Json;
  status: number;
  code?: number;
}

export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  dispatchedAt: number;
  user: FakeUser;
  /** First acknowledgement: callback type (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete). */
  ack?: { type: number; at: number; data: Json };
  /** The message the interaction created or, for an update, the component's message as updated. */
  original?: FakeMessage;
  followups: FakeMessage[];
  responses: RecordedResponse[];
  /** The message a component sat on. */
  message?: FakeMessage;
}

export interface RestError {
  method: string;
  path: string;
  status: number;
  code: number;
  message: string;
}

/** A failure the fake answers a channel's message POSTs with, `times` times (Infinity: until cleared). */
export interface ChannelFailure {
  status: number;
  code: number;
  message: string;
  times: number;
}

export interface FakeOptions {
  token: string;
  /** Time to the first response before 10062 (Discord: 3 s). */
  responseDeadlineMs?: number;
  /** HELLO's heartbeat interval (Discord: about 41 s; short here so that heartbeats happen during a test). */
  heartbeatMs?: number;
  /** The servers the bot is in (default: GUILD_ID alone); each has one text channel, `channelOf(guild)`. */
  guilds?: string[];
  /** GET /gateway/bot's `shards`, the shard count Discord recommends (default 1). */
  recommendedShards?: number;
  /** GET /gateway/bot's `session_start_limit.max_concurrency`: shards that may identify at once (default 1). */
  maxConcurrency?: number;
  /** How long one IDENTIFY holds its bucket (Discord: 5 s; fakeIdentifyLimit.ts). */
  identifyIntervalMs?: number;
  /** `session_start_limit.total`: session starts allowed per day (Discord: 1,000). */
  sessionStarts?: number;
  /** Servers one shard may hold before IDENTIFY is refused with 4011 Sharding required (Discord: 2,500). */
  maxGuildsPerShard?: number;
}

/** A server's text channel in the fake: CHANNEL_ID in GUILD_ID, a made-up id in the others. */
export function channelOf(guild: string): string {
  return guild === GUILD_ID ? CHANNEL_ID : `${guild.slice(0, -2)}33`;
}

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly deadline: number;
  readonly heartbeatMs: number;
  readonly guildIds: string[];
  private readonly recommendedShards: number;
  /** Discord's limits on session starts: refused identifies (`identifyLimit.refused`), what remains today. */
  readonly identifyLimit: IdentifyLimit;
  /** The gateway: sessions, heartbeats, resume, and gateway faults (zombify, drop, requestReconnect, …). */
  readonly gateway: FakeGateway;
  /** 429 answers on demand (rateLimit) and the ones given (rateLimits.hits). */
  readonly rateLimits = new FakeRateLimits();
  private server: Server;
  private wss: WebSocketServer;
  port = 0;
  /** Where the bot finds the REST API (DISCORD_API_BASE), once started. */
  apiBase = "";
  readonly interactions = new Map<string, FakeInteraction>();
  readonly byToken = new Map<string, FakeInteraction>();
  readonly messages = new Map<string, FakeMessage>();
  readonly channelMessages: FakeMessage[] = [];
  /** Registered commands by scope ("global" or the guild id). */
  readonly commands = new Map<string, Json[]>();
  /** PUTs of the command list, by scope. */
  readonly commandPuts = new Map<string, number>();
  readonly errors: RestError[] = [];
  /** Injected failures by channel id (see failChannel). */
  readonly channelFailures = new Map<string, ChannelFailure>();
  /** DM channels, threads and edits (fakeChannels.ts). */
  readonly channels = new FakeChannels(() => snowflake());
  /** Users the fake knows by id (those who sent an interaction), for DM channels' recipients. */
  private readonly users = new Map<string, FakeUser>();

  readonly requests: { method: string; path: string; at: number }[] = [];

  constructor(options: FakeOptions) {
    super();
    this.token = options.token;
    this.deadline = options.responseDeadlineMs ?? 3000;
    this.heartbeatMs = options.heartbeatMs ?? 250;
    this.guildIds = options.guilds ?? [GUILD_ID];
    this.recommendedShards = options.recommendedShards ?? 1;
    this.identifyLimit = new IdentifyLimit({ maxConcurrency: options.maxConcurrency, intervalMs: options.identifyIntervalMs, total: options.sessionStarts });
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.gateway = new FakeGateway({
      token: this.token,
      heartbeatMs: this.heartbeatMs,
      url: () => `ws://127.0.0.1:${this.port}/gateway`,
      ready: () => ({ v: 10, user: BOT_USER, application: { id: APP_ID, flags: 0 } }),
      guilds: () => this.guildIds.map((id) => this.guild(id)),
      limit: this.identifyLimit,
      ...(options.maxGuildsPerShard !== undefined && { maxGuildsPerShard: options.maxGuildsPerShard }),
      onReady: (how) => this.emit(how === "identified" ? "ready" : "resumed"),
    });
    this.server.on("upgrade", (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway.connection(ws, req));
    });
  }

  async start(): Promise<this> {
    ({ port: this.port, apiBase: this.apiBase } = await listenLocally(this.server));
    return this;
  }

  async stop(): Promise<void> {
    this.gateway.stop();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get connected(): boolean {
    return this.gateway.connected;
  }

  // ---- gateway (fakeGateway.ts) -------------------------------------------------------------------------------------

  get identify(): Json | undefined {
    return this.gateway.identify;
  }

  get identifies(): number {
    return this.gateway.identifies;
  }

  /** RESUME payloads received (resumed or not: see gateway.resumed). */
  get resumes(): number {
    return this.gateway.resumes;
  }

  get heartbeats(): number {
    return this.gateway.heartbeats;
  }

  dispatch(t: string, d: unknown): void {
    this.gateway.dispatch(t, d);
  }

  private guild(id: string): Json {
    return {
      id,
      name: "Fake newsroom",
      icon: null,
      owner_id: "444444444444444444",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id, name: "@everyone", permissions: "104324673", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: "en-US",
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      members: [],
      channels: [{ id: channelOf(id), type: 0, name: "general", guild_id: id, position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  // ---- interactions ------------------------------------------------------------------------------------------------

  /** Makes a channel's message POSTs fail (e.g. 500/0 for an outage, 403/50013 for Missing Permissions). */
  failChannel(channelId: string, failure: Partial<ChannelFailure> & { status: number }): void {
    const code = failure.code ?? 0;
    const message = failure.message ?? (failure.status >= 500 ? "500: Internal Server Error" : code === 50013 ? "Missing Permissions" : "Failure");
    this.channelFailures.set(channelId, { status: failure.status, code, message, times: failure.times ?? Infinity });
  }

  /** Messages the bot posted in one channel (not interaction replies). */
  postedIn(channelId: string): FakeMessage[] {
    return this.channelMessages.filter((m) => m.channel_id === channelId);
  }

  /** Messages the bot sent a user by DM. */
  dmsTo(userId: string): FakeMessage[] {
    const channel = this.channels.dmChannels.get(userId);
    return channel ? this.postedIn(channel) : [];
  }

  /** A message someone wrote in the server's channel (the target of a message context-menu command). */
  userMessage(content: string, author: FakeUser, extra: Json = {}): FakeMessage {
    return this.makeMessage({ content }, CHANNEL_ID, { author, ...extra });
  }

  private base(type: number, from: FakeUser, data: Json, extra: Json = {}, permissions = MEMBER_PERMISSIONS, where: Where = "guild", guild = GUILD_ID): FakeInteraction & { payload: Json } {
    const id = snowflake();
    const token = `itoken-${id}-${Math.random().toString(36).slice(2)}`;
    this.users.set(from.id, from);
    // In a server a member (with permissions); elsewhere a user, and the channel is a DM (with the bot or between others).
    const place: Json =
      where === "guild"
        ? {
            guild_id: guild,
            channel_id: channelOf(guild),
            channel: { id: channelOf(guild), type: 0, guild_id: guild, name: "general", permissions: "2248473465835073" },
            member: { user: from, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, permissions },
            guild_locale: "en-US",
            authorizing_integration_owners: { "0": guild },
          }
        : {
            channel_id: where === "dm" ? this.channels.dmChannelOf(from.id) : PRIVATE_CHANNEL_ID,
            channel: { id: where === "dm" ? this.channels.dmChannelOf(from.id) : PRIVATE_CHANNEL_ID, type: 1, flags: 0, recipients: [from] },
            user: from,
            authorizing_integration_owners: { "1": from.id },
          };
    const payload = {
      id,
      application_id: APP_ID,
      type,
      token,
      version: 1,
      ...place,
      app_permissions: "2248473465835073",
      locale: "en-US",
      entitlements: [],
      context: CONTEXTS[where],
      data,
      ...extra,
    };
    const rec: FakeInteraction = { id, token, type, dispatchedAt: 0, user: from, followups: [], responses: [] };
    return { ...rec, payload };
  }

  private fire(made: FakeInteraction & { payload: Json }): FakeInteraction {
    const { payload, ...rec } = made;
    this.interactions.set(rec.id, rec);
    this.byToken.set(rec.token, rec);
    rec.dispatchedAt = Date.now();
    this.dispatch("INTERACTION_CREATE", payload);
    return rec;
  }

  /**
   * A slash command. Options: [{ name, type, value }]; `permissions`: the member's (default MEMBER_PERMISSIONS);
   * `resolved`: the channels and roles the options name, as Discord sends them.
   */
  command(name: string, options: Json[], from: FakeUser, permissions?: string, where: Where = "guild", resolved?: Json, guild = GUILD_ID): FakeInteraction {
    const data = { id: this.commandId(name, 1, where), name, type: 1, options, ...(where === "guild" && { guild_id: guild }), ...(resolved && { resolved }) };
    return this.fire(this.base(2, from, data, {}, permissions, where, guild));
  }

  /** Autocomplete for the option marked `focused: true`. */
  autocomplete(name: string, options: Json[], from: FakeUser, permissions?: string, where: Where = "guild"): FakeInteraction {
    const data = { id: this.commandId(name, 1, where), name, type: 1, options, ...(where === "guild" && { guild_id: GUILD_ID }) };
    return this.fire(this.base(4, from, data, {}, permissions, where));
  }

  /** A message context-menu command (type 3) on `target`, which Discord sends resolved, content included. */
  messageCommand(name: string, target: FakeMessage, from: FakeUser, where: Where = "guild"): FakeInteraction {
    const data = { id: this.commandId(name, 3, where), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } };
    return this.fire(this.base(2, from, data, {}, undefined, where));
  }

  /** A button press on `message`. */
  press(message: FakeMessage, customId: string, from: FakeUser, where: Where = "guild"): FakeInteraction {
    const made = this.base(3, from, { custom_id: customId, component_type: 2 }, { message }, undefined, where);
    made.message = message;
    return this.fire(made);
  }

  /**
   * The registered command's id. Discord offers a command only where its `contexts` say: asking for one elsewhere
   * is a test's mistake (no member could send it), so it throws.
   */
  private commandId(name: string, type: number, where: Where): string {
    for (const list of this.commands.values()) {
      const found = list.find((c) => c.name === name && (c.type ?? 1) === type);
      if (!found) continue;
      const contexts = found.contexts as number[] | null | undefined;
      if (contexts && !contexts.includes(CONTEXTS[where])) throw new Error(`Discord does not offer "${name}" in this context (${where}): its contexts are ${contexts.join(",")}`);
      return found.id as string;
    }
    return "999999999999999999";
  }

  /** Resolves when `check` returns a value (polled), or rejects after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ---- REST ---------------------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const method = req.method ?? "GET";
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = undefined;
    if (raw) {
      const type = req.headers["content-type"] ?? "";
      if (type.startsWith("multipart/form-data")) {
        const m = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
        body = m ? JSON.parse(m[1] as string) : {};
      } else body = JSON.parse(raw);
    }
    const parts = url.pathname.split("/").map(decodeURIComponent);
    // ["", "api", "v10", ...]
    const path = "/" + parts.slice(3).join("/");
    const shown = path.replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/, "/$1/$2/:token");
    this.requests.push({ method, path: shown, at: Date.now() });
    const limited = this.rateLimits.check(method, shown);
    if (limited) {
      res.writeHead(429, { "content-type": "application/json", ...limited.headers });
      res.end(JSON.stringify(limited.body));
      this.emit("change");
      return;
    }
    const reply = (status: number, json?: unknown): void => {
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const fail = (status: number, code: number, message: string, errors?: unknown): void => {
      this.errors.push({ method, path, status, code, message });
      reply(status, { code, message, ...(errors ? { errors } : {}) });
    };
    if (parts[1] !== "api" || parts[2] !== "v10") return fail(404, 0, "404: Not Found");
    const seg = parts.slice(3);
    const authed = req.headers.authorization === `Bot ${this.token}` && !this.identifyLimit.tokenReset;
    const needAuth = (): boolean => {
      if (authed) return true;
      fail(401, 0, "401: Unauthorized");
      return false;
    };
    try {
      if (method === "GET" && path === "/gateway/bot") {
        if (!needAuth()) return;
        return reply(200, {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.recommendedShards,
          session_start_limit: this.identifyLimit.sessionStartLimit(),
        });
      }
      if (seg[0] === "interactions" && seg[3] === "callback" && method === "POST") {
        return this.callback(seg[1] as string, seg[2] as string, body as Json, reply, fail);
      }
      if (seg[0] === "webhooks" && seg.length >= 3) {
        return this.webhook(method, seg, body as Json, reply, fail);
      }
      const refused = (r: Json | ApiFailure): r is ApiFailure => typeof (r as ApiFailure).status === "number" && typeof (r as ApiFailure).code === "number";
      if (method === "POST" && path === "/users/@me/channels") {
        if (!needAuth()) return;
        const dm = this.channels.openDm(body as Json, (id): Json => ({ ...(this.users.get(id) ?? user(id, `user${id.slice(-4)}`)) }));
        if (refused(dm)) return fail(dm.status, dm.code, dm.message);
        this.emit("change");
        return reply(200, dm);
      }
      if (seg[0] === "channels" && seg[2] === "messages" && seg.length === 5 && seg[4] === "threads" && method === "POST") {
        if (!needAuth()) return;
        const thread = this.channels.startThread(seg[1] as string, this.channelMessages.find((m) => m.id === seg[3]), body as Json);
        if (refused(thread)) return fail(thread.status, thread.code, thread.message);
        this.emit("change");
        return reply(201, thread);
      }
      if (seg[0] === "channels" && seg[2] === "messages" && seg.length === 4 && method === "PATCH") {
        if (!needAuth()) return;
        const at = this.channelMessages.findIndex((m) => m.id === seg[3] && m.channel_id === seg[1]);
        const target = this.channelMessages[at];
        if (!target) return fail(404, 10008, "Unknown Message");
        const edit = body as Json;
        const merged = { ...pick(target, ["content", "embeds", "components"]), ...pick(edit, ["content", "embeds", "components"]) };
        const errors = validateMessage(merged);
        if (errors) return fail(400, errors.code, errors.message, errors.errors);
        const updated: FakeMessage = { ...target, ...(merged as Partial<FakeMessage>), ...mentionsOf({ ...merged, allowed_mentions: edit.allowed_mentions ?? target.allowed_mentions }), edited_timestamp: new Date().toISOString() };
        this.channelMessages[at] = updated;
        this.channels.edits.push({ channelId: seg[1] as string, messageId: target.id, body: edit });
        this.emit("change");
        return reply(200, updated);
      }
      if (seg[0] === "channels" && seg[2] === "messages" && seg.length === 3 && method === "POST") {
        if (!needAuth()) return;
        const channel = seg[1] as string;
        const failure = this.channelFailures.get(channel);
        if (failure && failure.times > 0) {
          failure.times -= 1;
          this.emit("change");
          return fail(failure.status, failure.code, failure.message);
        }
        const closed = this.channels.refuseDm(channel);
        if (closed) {
          this.emit("change");
          return fail(closed.status, closed.code, closed.message);
        }
        const errors = validateMessage(body as Json);
        if (errors) return fail(400, errors.code, errors.message, errors.errors);
        // enforce_nonce: Discord answers a repeat of a recent nonce in the channel with the first message.
        const nonce = (body as Json).nonce;
        if (nonce !== undefined && (body as Json).enforce_nonce === true) {
          const first = this.channelMessages.find((m) => m.channel_id === channel && m.nonce === nonce);
          if (first) return reply(200, first);
        }
        const dm = this.channels.dmRecipient(channel) !== undefined;
        const msg = this.makeMessage(body as Json, channel, { ...(nonce !== undefined && { nonce }), ...(dm && { guild_id: undefined }) });
        this.channelMessages.push(msg);
        this.emit("change");
        return reply(200, msg);
      }
      if (seg[0] === "applications" && seg[seg.length - 1] === "commands" && (method === "PUT" || method === "GET")) {
        if (!needAuth()) return;
        if (seg[1] !== APP_ID) return fail(403, 50001, "Missing Access");
        const scope = seg[2] === "guilds" ? (seg[3] as string) : "global";
        if (method === "GET") return reply(200, this.commands.get(scope) ?? []);
        const problem = validateCommands(body);
        if (problem) return fail(400, 50035, "Invalid Form Body", problem);
        const before = this.commands.get(scope) ?? [];
        const stored = (body as Json[]).map((c) => ({
          ...c,
          id: (before.find((b) => b.name === c.name)?.id as string | undefined) ?? snowflake(),
          application_id: APP_ID,
          ...(scope === "global" ? {} : { guild_id: scope }),
          type: c.type ?? 1,
          version: snowflake(),
          default_member_permissions: c.default_member_permissions ?? null,
        }));
        this.commands.set(scope, stored);
        this.commandPuts.set(scope, (this.commandPuts.get(scope) ?? 0) + 1);
        this.emit("change");
        return reply(200, stored);
      }
      return fail(404, 0, "404: Not Found");
    } catch (err) {
      return fail(500, 0, `fake discord: ${(err as Error).message}`);
    }
  }

  private makeMessage(body: Json, channelId = CHANNEL_ID, extra: Json = {}): FakeMessage {
    return {
      id: snowflake(),
      channel_id: channelId,
      guild_id: GUILD_ID,
      author: BOT_USER,
      content: (body.content as string | undefined) ?? "",
      embeds: (body.embeds as Json[] | undefined) ?? [],
      components: (body.components as Json[] | undefined) ?? [],
      flags: (body.flags as number | undefined) ?? 0,
      allowed_mentions: body.allowed_mentions,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      ...mentionsOf(body),
      attachments: [],
      pinned: false,
      type: 0,
      ...extra,
    };
  }

  private callback(
    id: string,
    token: string,
    body: Json,
    reply: (status: number, json?: unknown) => void,
    fail: (status: number, code: number, message: string, errors?: unknown) => void,
  ): void {
    const rec = this.interactions.get(id);
    const record = (status: number, code?: number): void => {
      rec?.responses.push({ kind: "callback", at: Date.now(), body, status, ...(code ? { code } : {}) });
      this.emit("change");
    };
    if (!rec || rec.token !== token || Date.now() - rec.dispatchedAt > this.deadline) {
      record(404, 10062);
      return fail(404, 10062, "Unknown interaction");
    }
    if (rec.ack) {
      record(400, 40060);
      return fail(400, 40060, "Interaction has already been acknowledged.");
    }
    const type = body.type as number;
    const data = (body.data as Json | undefined) ?? {};
    const allowed = rec.type === 4 ? [8] : rec.type === 3 ? [4, 5, 6, 7] : [4, 5];
    if (!allowed.includes(type)) {
      record(400, 50035);
      return fail(400, 50035, "Invalid Form Body", { type: { _errors: [{ code: "INTERACTION_RESPONSE_TYPE_INVALID", message: "Invalid interaction response type" }] } });
    }
    if (type === 8) {
      const problem = validateChoices(data.choices);
      if (problem) {
        record(400, 50035);
        return fail(400, 50035, "Invalid Form Body", problem);
      }
    }
    if (type === 4 || type === 7) {
      const errors = validateMessage(data);
      if (errors) {
        record(400, errors.code);
        return fail(400, errors.code, errors.message, errors.errors);
      }
    }
    rec.ack = { type, at: Date.now(), data };
    if (type === 4) rec.original = this.makeMessage(data, CHANNEL_ID, { interaction_metadata: { id, type: rec.type, user: rec.user, authorizing_integration_owners: { "0": GUILD_ID } } });
    if (type === 5) rec.original = this.makeMessage({ flags: ((data.flags as number | undefined) ?? 0) | 128 }, CHANNEL_ID);
    if (type === 7 && rec.message) {
      const updated = { ...rec.message, ...pick(data, ["content", "embeds", "components"]), edited_timestamp: new Date().toISOString() };
      this.messages.set(updated.id, updated);
      rec.original = updated;
    }
    if (type === 6 && rec.message) rec.original = rec.message;
    if (rec.original) this.messages.set(rec.original.id, rec.original);
    record(204);
    reply(204);
  }

  private webhook(
    method: string,
    seg: string[],
    body: Json,
    reply: (status: number, json?: unknown) => void,
    fail: (status: number, code: number, message: string, errors?: unknown) => void,
  ): void {
    const [, appId, token, what, messageId] = seg;
    const rec = this.byToken.get(token as string);
    if (appId !== APP_ID || !rec) return fail(404, 10015, "Unknown Webhook");
    const push = (kind: RecordedResponse["kind"], status: number, code?: number): void => {
      rec.responses.push({ kind, at: Date.now(), body: body ?? {}, status, ...(code ? { code } : {}) });
      this.emit("change");
    };
    if (!rec.ack) {
      push(method === "POST" ? "followup" : "edit", 404, 10015);
      return fail(404, 10015, "Unknown Webhook");
    }
    if (what === undefined && method === "POST") {
      const errors = validateMessage(body);
      if (errors) {
        push("followup", 400, errors.code);
        return fail(400, errors.code, errors.message, errors.errors);
      }
      const msg = this.makeMessage(body);
      rec.followups.push(msg);
      this.messages.set(msg.id, msg);
      push("followup", 200);
      return reply(200, msg);
    }
    if (what === "messages" && messageId) {
      const target = messageId === "@original" ? rec.original : this.messages.get(messageId);
      if (!target) {
        push(method === "DELETE" ? "delete" : "edit", 404, 10008);
        return fail(404, 10008, "Unknown Message");
      }
      if (method === "GET") return reply(200, target);
      if (method === "DELETE") {
        if (messageId === "@original") rec.original = undefined;
        this.messages.delete(target.id);
        push("delete", 204);
        return reply(204);
      }
      if (method === "PATCH") {
        const merged = { ...pick(target, ["content", "embeds", "components"]), ...pick(body, ["content", "embeds", "components"]) };
        const errors = validateMessage(merged);
        if (errors) {
          push("edit", 400, errors.code);
          return fail(400, errors.code, errors.message, errors.errors);
        }
        const updated: FakeMessage = {
          ...target,
          ...(merged as Partial<FakeMessage>),
          flags: target.flags & ~128,
          allowed_mentions: body.allowed_mentions,
          edited_timestamp: new Date().toISOString(),
        };
        if (messageId === "@original") rec.original = updated;
        this.messages.set(updated.id, updated);
        push("edit", 200);
        return reply(200, updated);
      }
    }
    return fail(404, 0, "404: Not Found");
  }
}

function pick(o: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

interface ApiError {
  code: number;
  message: string;
  errors?: unknown;
}

const invalid = (where: string, message: string): ApiError => ({
  code: 50035,
  message: "Invalid Form Body",
  errors: { [where]: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message }] } },
});

/** Discord's message and embed limits. */
export function validateMessage(body: Json): ApiError | undefined {
  const content = (body.content as string | undefined) ?? "";
  const embeds = (body.embeds as Json[] | undefined) ?? [];
  const components = (body.components as Json[] | undefined) ?? [];
  if (content.length > 2000) return invalid("content", "Must be 2000 or fewer in length.");
  if (embeds.length > 10) return invalid("embeds", "Must be 10 or fewer in length.");
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const len = (k: string, max: number, v: unknown): ApiError | undefined => {
      const s = typeof v === "string" ? v : "";
      total += s.length;
      return s.length > max ? invalid(`embeds.${i}.${k}`, `Must be ${max} or fewer in length.`) : undefined;
    };
    const fields = (e.fields as Json[] | undefined) ?? [];
    const problem =
      len("title", 256, e.title) ??
      len("description", 4096, e.description) ??
      len("footer.text", 2048, (e.footer as Json | undefined)?.text) ??
      len("author.name", 256, (e.author as Json | undefined)?.name) ??
      (fields.length > 25 ? invalid(`embeds.${i}.fields`, "Must be 25 or fewer in length.") : undefined) ??
      fields
        .map((f, j) => {
          if (!f.name || !f.value) return invalid(`embeds.${i}.fields.${j}`, "This field is required");
          return len(`fields.${j}.name`, 256, f.name) ?? len(`fields.${j}.value`, 1024, f.value);
        })
        .find(Boolean);
    if (problem) return problem;
  }
  if (total > 6000) return invalid("embeds", "Embed size exceeds maximum size of 6000");
  if (components.length > 5) return invalid("components", "Must be 5 or fewer in length.");
  const ids = new Set<string>();
  for (const [r, row] of components.entries()) {
    const inner = (row.components as Json[] | undefined) ?? [];
    if (row.type !== 1 || inner.length < 1 || inner.length > 5) return invalid(`components.${r}`, "Invalid action row");
    for (const [c, comp] of inner.entries()) {
      const id = comp.custom_id as string | undefined;
      if (comp.type === 2 && comp.style !== 5 && (!id || id.length > 100)) return invalid(`components.${r}.components.${c}.custom_id`, "Must be between 1 and 100 in length.");
      if (id && ids.has(id)) return invalid(`components.${r}.components.${c}.custom_id`, "Component custom id cannot be duplicated");
      if (id) ids.add(id);
      if (typeof comp.label === "string" && comp.label.length > 80) return invalid(`components.${r}.components.${c}.label`, "Must be 80 or fewer in length.");
    }
  }
  if (!content && embeds.length === 0 && components.length === 0) return { code: 50006, message: "Cannot send an empty message" };
  return undefined;
}

export function validateChoices(choices: unknown): unknown {
  if (!Array.isArray(choices)) return { choices: { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] } };
  if (choices.length > 25) return { choices: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } };
  for (const [i, c] of (choices as Json[]).entries()) {
    const name = c.name as string;
    const value = c.value;
    if (typeof name !== "string" || name.length < 1 || name.length > 100) return { [`choices.${i}.name`]: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }] } };
    if (typeof value === "string" && (value.length < 1 || value.length > 100)) return { [`choices.${i}.value`]: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }] } };
  }
  return undefined;
}

/**
 * Discord's rules for a command list: chat input names in lower case, a description, at most 25 options, required
 * options first; message and user context menus (types 3 and 2) with a name of up to 32 characters of any case and
 * no description or options; names unique per type; at most 100 chat input commands and 5 of each context menu;
 * integration types among guild (0) and user (1) install, contexts among guild (0), bot DM (1), private channel (2).
 */
export function validateCommands(body: unknown): unknown {
  if (!Array.isArray(body)) return { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] };
  const names = new Set<string>();
  const perType = new Map<number, number>();
  for (const [i, c] of (body as Json[]).entries()) {
    const name = c.name as string;
    const type = (c.type as number | undefined) ?? 1;
    const count = (perType.get(type) ?? 0) + 1;
    perType.set(type, count);
    if (count > (type === 1 ? 100 : 5)) return { _errors: [{ code: "APPLICATION_COMMANDS_TOO_MANY", message: `Too many commands of type ${type}` }] };
    const lists = { integration_types: [0, 1], contexts: [0, 1, 2] } as const;
    for (const [key, known] of Object.entries(lists)) {
      const v = c[key];
      if (v !== undefined && v !== null && (!Array.isArray(v) || v.length === 0 || v.some((x) => !(known as readonly number[]).includes(x as number)))) {
        return { [`${i}.${key}`]: { _errors: [{ code: "BASE_TYPE_CHOICES", message: `Value must be one of ${known.join(", ")}.` }] } };
      }
    }
    if (names.has(`${type}:${name}`)) return { [`${i}.name`]: { _errors: [{ code: "APPLICATION_COMMANDS_DUPLICATE_NAME", message: "Application command names must be unique" }] } };
    names.add(`${type}:${name}`);
    if (type === 2 || type === 3) {
      if (typeof name !== "string" || name.length < 1 || name.length > 32 || !/\S/.test(name)) return { [`${i}.name`]: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" }] } };
      if (c.description || (c.options as unknown[] | undefined)?.length) return { [`${i}.description`]: { _errors: [{ code: "APPLICATION_COMMAND_CONTEXT_MENU_FIELDS", message: "Context menu commands cannot have a description or options" }] } };
      continue;
    }
    if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(name ?? "")) return { [`${i}.name`]: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" }] } };
    const description = c.description as string;
    if (typeof description !== "string" || description.length < 1 || description.length > 100) return { [`${i}.description`]: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }] } };
    const problem = validateOptions((c.options as Json[] | undefined) ?? [], `${i}.options`);
    if (problem) return problem;
  }
  return undefined;
}

/** Options at any depth (subcommand groups hold subcommands, which hold options), as Discord checks them. */
function validateOptions(options: Json[], where: string): unknown {
  const error = (at: string, code: string, message: string) => ({ [at]: { _errors: [{ code, message }] } });
  if (options.length > 25) return error(where, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  let seenOptional = false;
  for (const [j, o] of options.entries()) {
    const at = `${where}.${j}`;
    if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test((o.name as string) ?? "")) return error(`${at}.name`, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    const d = o.description as string;
    if (typeof d !== "string" || d.length < 1 || d.length > 100) return error(`${at}.description`, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    if (o.required && seenOptional) return error(where, "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
    if (!o.required) seenOptional = true;
    const choices = (o.choices as Json[] | undefined) ?? [];
    if (choices.length > 25) return error(`${at}.choices`, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    // Subcommands (1) and groups (2) hold options of their own; a group only subcommands.
    if (o.type === 1 || o.type === 2) {
      const inner = (o.options as Json[] | undefined) ?? [];
      if (o.type === 2 && inner.some((x) => x.type !== 1)) return error(`${at}.options`, "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommand groups hold subcommands only");
      const problem = validateOptions(inner, `${at}.options`);
      if (problem) return problem;
    }
  }
  return undefined;
}

// The gateway half of the fake Discord, as Discord's gateway behaves (API v10, JSON): HELLO with heartbeat_interval,
// heartbeats (op 1) answered with op 11, IDENTIFY (op 2) answered with READY (session_id, resume_gateway_url) and
// GUILD_CREATE, RESUME (op 6) answered with the dispatches the session missed and then RESUMED, or with op 9
// INVALID_SESSION when the session cannot be resumed. Dispatches are numbered per session (`s`) and kept, so that
// what happens while the bot is away is delivered when it resumes, as Discord does.
//
// Sharding as Discord does it: IDENTIFY may carry `shard: [shard_id, num_shards]` (none: [0, 1]); a bad pair is closed
// with 4010 Invalid shard, a shard that would hold more than `maxGuildsPerShard` servers (Discord: 2,500) with 4011
// Sharding required. Each session gets the servers of its shard, `(guild_id >> 22) % num_shards`, in READY and
// GUILD_CREATE, and only their events; events without a server (DMs) go to shard 0.
//
// Session starts are limited as Discord limits them (fakeIdentifyLimit.ts): one IDENTIFY per bucket
// (shard_id % max_concurrency) per 5 s, answered otherwise with op 9 INVALID_SESSION (false); past the daily allowance
// every session ends and the token stops working (4004).
//
// Faults on demand: a zombie connection (heartbeats no longer acknowledged, nothing delivered), a dropped connection
// (closed with a code, or cut without a close frame: 1006 on the bot's side), op 7 RECONNECT, op 9 INVALID_SESSION.
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { IdentifyLimit } from "./fakeIdentifyLimit.ts";

type Json = Record<string, unknown>;

interface Session {
  id: string;
  seq: number;
  /** What was dispatched in this session, for replay on RESUME (the last 1,000). */
  sent: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
  /** Invalidated: a RESUME gets op 9 (false), the bot must identify again. */
  dead: boolean;
  /** [shard_id, num_shards] from IDENTIFY. */
  shard: [number, number];
}

/** The shard a server's events go to: Discord's `(guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export interface GatewayOptions {
  token: string;
  /** HELLO's heartbeat_interval. */
  heartbeatMs: number;
  /** The gateway URL (also READY's resume_gateway_url). */
  url(): string;
  /** READY's payload but for session_id, resume_gateway_url, shard and guilds. */
  ready(): Json;
  /** Every server's GUILD_CREATE (each session gets those of its shard after READY). */
  guilds(): Json[];
  /** Discord's limit of servers per shard, past which IDENTIFY is closed with 4011 (default 2,500). */
  maxGuildsPerShard?: number;
  /** Discord's limits on session starts (fakeIdentifyLimit.ts). */
  limit: IdentifyLimit;
  /** Called once a session is READY or RESUMED. */
  onReady?(how: "identified" | "resumed"): void;
}

export class FakeGateway {
  identifies = 0;
  /** RESUME (op 6) payloads received, whether or not the session could be resumed. */
  resumes = 0;
  /** Sessions actually resumed (RESUMED sent). */
  resumed = 0;
  heartbeats = 0;
  /** The last IDENTIFY payload. */
  identify?: Json;
  /** Every IDENTIFY's shard, in order. */
  readonly identifiedShards: [number, number][] = [];
  /** Every close seen, with its code, by who closed: the bot (`client`) or the fake (`server`). */
  readonly closes: { code: number; by: "client" | "server"; at: number }[] = [];
  /** When true, a RESUME is answered with op 9 (false), as for a session Discord no longer has. */
  refuseResume = false;
  /** When true, a valid IDENTIFY is read and never answered: the bot's shard waits for a READY that does not come. */
  holdReady = false;
  /** IDENTIFYs left unanswered by `holdReady`. */
  heldIdentifies = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly zombies = new WeakSet<WebSocket>();
  private readonly sessionOf = new WeakMap<WebSocket, Session>();
  private readonly sessions = new Map<string, Session>();
  private closedByServer = new WeakSet<WebSocket>();

  constructor(private readonly o: GatewayOptions) {}

  /** A connection that is identified or resumed, and alive. */
  get connected(): boolean {
    return [...this.sockets].some((ws) => this.sessionOf.has(ws) && !this.zombies.has(ws));
  }

  private send(ws: WebSocket, op: number, d: unknown, t: string | null = null, s: number | null = null): void {
    ws.send(JSON.stringify({ op, d, s, t }));
  }

  /** Numbers the event in every live session and sends it where the session is connected. */
  dispatch(t: string, d: unknown): void {
    const guild = (d as { guild_id?: unknown } | null)?.guild_id;
    for (const session of this.sessions.values()) {
      if (session.dead) continue;
      const [id, count] = session.shard;
      if (typeof guild === "string" ? shardOf(guild, count) === id : id === 0) this.deliver(session, t, d);
    }
  }

  /** Shards with a live connection (identified or resumed, not a zombie). */
  connectedShards(): number[] {
    return [...this.sockets].flatMap((ws) => {
      const session = this.sessionOf.get(ws);
      return session && session.socket === ws && !this.zombies.has(ws) ? [session.shard[0]] : [];
    });
  }

  private deliver(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    session.sent.push({ s, t, d });
    if (session.sent.length > 1000) session.sent.shift();
    const ws = session.socket;
    if (ws && ws.readyState === ws.OPEN && !this.zombies.has(ws)) this.send(ws, 0, d, t, s);
  }

  connection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/gateway" || url.searchParams.get("v") !== "10" || url.searchParams.get("encoding") !== "json") {
      this.close(ws, 4012, "Invalid API version");
      return;
    }
    this.sockets.add(ws);
    ws.on("close", (code) => {
      this.sockets.delete(ws);
      this.closes.push({ code, by: this.closedByServer.has(ws) ? "server" : "client", at: Date.now() });
      const session = this.sessionOf.get(ws);
      if (session?.socket === ws) session.socket = undefined;
    });
    this.send(ws, 10, { heartbeat_interval: this.o.heartbeatMs });
    ws.on("message", (raw, isBinary) => {
      if (isBinary) return this.close(ws, 4002, "Decode error");
      let msg: { op: number; d: Json };
      try {
        msg = JSON.parse(String(raw)) as { op: number; d: Json };
      } catch {
        return this.close(ws, 4002, "Decode error");
      }
      if (msg.op === 1) {
        this.heartbeats++;
        if (!this.zombies.has(ws)) this.send(ws, 11, null);
      } else if (msg.op === 2) this.onIdentify(ws, msg.d);
      else if (msg.op === 6) this.onResume(ws, msg.d);
      else if (!this.sessionOf.has(ws)) this.close(ws, 4003, "Not authenticated");
    });
  }

  private onIdentify(ws: WebSocket, d: Json): void {
    if (d.token !== this.o.token || this.o.limit.tokenReset) return this.close(ws, 4004, "Authentication failed");
    if (this.sessionOf.has(ws)) return this.close(ws, 4005, "Already authenticated");
    const shard = d.shard ?? [0, 1];
    const valid = Array.isArray(shard) && shard.length === 2 && shard.every(Number.isInteger) && shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1];
    if (!valid) return this.close(ws, 4010, "Invalid shard");
    const [id, count] = shard as [number, number];
    const verdict = this.o.limit.identify(id);
    if (verdict === "too fast") return this.send(ws, 9, false);
    if (verdict === "exhausted") return this.endEverySession();
    const guilds = this.o.guilds().filter((g) => shardOf(String(g.id), count) === id);
    if (guilds.length > (this.o.maxGuildsPerShard ?? 2500)) return this.close(ws, 4011, "Sharding required");
    if (this.holdReady) {
      this.heldIdentifies++;
      return;
    }
    this.identify = d;
    this.identifies++;
    this.identifiedShards.push([id, count]);
    const session: Session = { id: `fake-session-${this.identifies}`, seq: 0, sent: [], socket: ws, dead: false, shard: [id, count] };
    this.sessions.set(session.id, session);
    this.sessionOf.set(ws, session);
    const unavailable = guilds.map((g) => ({ id: g.id, unavailable: true }));
    this.deliver(session, "READY", { ...this.o.ready(), guilds: unavailable, shard: [id, count], session_id: session.id, resume_gateway_url: this.o.url() });
    for (const g of guilds) this.deliver(session, "GUILD_CREATE", g);
    this.o.onReady?.("identified");
  }

  private onResume(ws: WebSocket, d: Json): void {
    this.resumes++;
    if (d.token !== this.o.token || this.o.limit.tokenReset) return this.close(ws, 4004, "Authentication failed");
    const session = this.sessions.get(String(d.session_id));
    if (!session || session.dead || this.refuseResume) {
      if (session) session.dead = true;
      this.send(ws, 9, false);
      return;
    }
    const seq = Number(d.seq ?? 0);
    if (!(seq <= session.seq)) return this.close(ws, 4007, "Invalid seq");
    // The session moves to this connection: first what it missed, in order, then RESUMED.
    const old = session.socket;
    if (old && old !== ws) this.close(old, 4009, "Session moved");
    session.socket = ws;
    this.sessionOf.set(ws, session);
    for (const e of session.sent) if (e.s > seq) this.send(ws, 0, e.d, e.t, e.s);
    this.deliver(session, "RESUMED", {});
    this.resumed++;
    this.o.onReady?.("resumed");
  }

  private close(ws: WebSocket, code: number, reason: string): void {
    this.closedByServer.add(ws);
    ws.close(code, reason);
  }

  /** The daily allowance exceeded: Discord ends every session and resets the token. */
  private endEverySession(): void {
    for (const session of this.sessions.values()) session.dead = true;
    for (const ws of this.sockets) this.close(ws, 4004, "Authentication failed");
  }

  // ---- faults ---------------------------------------------------------------------------------------------------

  /** The connections go quiet: heartbeats are no longer acknowledged and events are no longer delivered (kept). */
  zombify(): void {
    for (const ws of this.sockets) this.zombies.add(ws);
  }

  /** Drops every connection: with a close code (e.g. 4000 Unknown error), or without a close frame (1006). */
  drop(code?: number): void {
    for (const ws of this.sockets) {
      if (code === undefined) {
        this.closedByServer.add(ws);
        ws.terminate();
      } else this.close(ws, code, "Dropped by the fake");
    }
  }

  /** op 7 RECONNECT: the bot should reconnect and resume. */
  requestReconnect(): void {
    for (const ws of this.sockets) this.send(ws, 7, null);
  }

  /** op 9 INVALID_SESSION: `resumable` false also ends the sessions, so the bot must identify again. */
  invalidateSession(resumable: boolean): void {
    for (const ws of this.sockets) {
      const session = this.sessionOf.get(ws);
      if (session && !resumable) session.dead = true;
      this.send(ws, 9, resumable);
    }
  }

  stop(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}

// Discord's limits on starting gateway sessions, as GET /gateway/bot's session_start_limit states them and the
// gateway enforces them (docs: Gateway, Identifying; Session Start Limit Object):
// - max_concurrency: one IDENTIFY per rate-limit bucket (shard_id % max_concurrency) per 5 s; one more is answered
//   with op 9 Invalid Session (false), and the client must identify again later;
// - total: 1,000 session starts per 24 h (`remaining`, `reset_after`); past it Discord ends every session and resets
//   the bot's token, so the old token fails from then on (gateway 4004, REST 401).
// The window is Discord's by default; a test of the limit itself may make it shorter.
// The fake times an IDENTIFY when it reads it, the client when it lets it go: a client that waits the full window
// (discord.js's throttler waits 5 s between its own turns) can land two a few ms closer when the machine is busy,
// which the real gateway, timing across a network, does not refuse. So the fake forgives a twentieth of the window
// (250 ms of 5 s); a client that does not wait at all is still refused.

export interface IdentifyLimitOptions {
  /** session_start_limit.max_concurrency: the number of buckets (default 1). */
  maxConcurrency?: number;
  /** How long one IDENTIFY holds its bucket (Discord: 5 s). */
  intervalMs?: number;
  /** session_start_limit.total: session starts per day (Discord: 1,000). */
  total?: number;
  /** How long the daily allowance lasts from the first session start (Discord: 24 h). */
  resetMs?: number;
}

export interface RefusedIdentify {
  shard: number;
  bucket: number;
  /** Milliseconds since the bucket's last IDENTIFY. */
  sinceLastMs: number;
  at: number;
}

export type IdentifyVerdict = "ok" | "too fast" | "exhausted";

export class IdentifyLimit {
  readonly maxConcurrency: number;
  readonly intervalMs: number;
  readonly total: number;
  readonly resetMs: number;
  /** Identifies refused as too fast (op 9), in order. */
  readonly refused: RefusedIdentify[] = [];
  /** Set once the daily allowance was exceeded: the token no longer works. */
  tokenReset = false;
  private readonly lastInBucket = new Map<number, number>();
  private started = 0;
  private windowStart?: number;

  constructor(o: IdentifyLimitOptions = {}) {
    this.maxConcurrency = o.maxConcurrency ?? 1;
    this.intervalMs = o.intervalMs ?? 5000;
    this.total = o.total ?? 1000;
    this.resetMs = o.resetMs ?? 24 * 3600_000;
  }

  /** Whether shard `shard` may start a session now; counts it when it may. */
  identify(shard: number, now = Date.now()): IdentifyVerdict {
    this.renew(now);
    const bucket = shard % this.maxConcurrency;
    const last = this.lastInBucket.get(bucket);
    if (last !== undefined && now - last < this.intervalMs - this.intervalMs / 20) {
      this.refused.push({ shard, bucket, sinceLastMs: now - last, at: now });
      return "too fast";
    }
    if (this.started >= this.total) {
      this.tokenReset = true;
      return "exhausted";
    }
    this.lastInBucket.set(bucket, now);
    this.windowStart ??= now;
    this.started++;
    return "ok";
  }

  /** GET /gateway/bot's session_start_limit. */
  sessionStartLimit(now = Date.now()): { total: number; remaining: number; reset_after: number; max_concurrency: number } {
    this.renew(now);
    const resetAfter = this.windowStart === undefined ? this.resetMs : this.windowStart + this.resetMs - now;
    return { total: this.total, remaining: this.total - this.started, reset_after: resetAfter, max_concurrency: this.maxConcurrency };
  }

  private renew(now: number): void {
    if (this.windowStart !== undefined && now - this.windowStart >= this.resetMs) {
      this.windowStart = undefined;
      this.started = 0;
    }
  }
}

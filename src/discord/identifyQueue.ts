// Discord allows one IDENTIFY per 5 s per rate-limit bucket (shard id % max_concurrency); one more is answered with
// op 9 Invalid Session. Each shard process has its own discord.js client, whose own throttler knows only its shard, and
// the ShardingManager's spawn delay counts from each shard's start, not from its identify: a first shard slow to start
// lets the next one identify right after it. So the shard processes ask the manager, which keeps one queue per bucket
// for all of them (respawned shards included), before each identify: discord.js's `ws.buildIdentifyThrottler`.
import type { Shard } from "discord.js";

/** One IDENTIFY per bucket per 5 s (Discord), with a little margin. */
export const IDENTIFY_INTERVAL_MS = 5500;

/**
 * A grant a shard process reads later than this after the manager sent it is not used: the process was busy (a
 * shard reads its knowledge base while it connects), and identifying then could come less than 5 s before the next
 * shard's turn, which the manager counted from the grant. It asks for a new turn instead. Below the interval's margin.
 */
export const GRANT_LATE_MS = 400;

/** discord.js's IIdentifyThrottler (@discordjs/ws): resolves once the shard may identify. */
export interface IdentifyThrottler {
  waitForIdentify(shardId: number, signal: AbortSignal): Promise<void>;
}

/** The buckets' turns, in the order asked for: each turn is `intervalMs` after the bucket's previous one. */
export class IdentifyQueue implements IdentifyThrottler {
  /** Bucket → when its next identify may go. */
  private readonly nextAt = new Map<number, number>();

  constructor(
    readonly maxConcurrency: number,
    readonly intervalMs = IDENTIFY_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves at the shard's turn (the turn is taken when asked: an aborted wait leaves a gap, never a collision). */
  waitForIdentify(shardId: number, signal?: AbortSignal): Promise<void> {
    const bucket = shardId % Math.max(1, this.maxConcurrency);
    const at = Math.max(this.now(), this.nextAt.get(bucket) ?? 0);
    this.nextAt.set(bucket, at + this.intervalMs);
    const wait = at - this.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", abort);
        resolve();
      }, wait);
      const abort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason instanceof Error ? signal.reason : new Error("identify wait aborted"));
      };
      signal?.addEventListener("abort", abort, { once: true });
    });
  }
}

interface IdentifyAsk {
  newsdeskIdentify: { shard: number; id: string };
}
interface IdentifyGrant {
  newsdeskIdentifyGranted: string;
  /** When the manager sent it (Date.now(): the shard processes run on the manager's machine). */
  at: number;
}

const isAsk = (m: unknown): m is IdentifyAsk => typeof (m as IdentifyAsk | null)?.newsdeskIdentify?.id === "string";
const isGrant = (m: unknown, id: string): m is IdentifyGrant => (m as IdentifyGrant | null)?.newsdeskIdentifyGranted === id;

/** The manager's side: answers a shard process's asks for its turn from the one queue. */
export function serveIdentifies(shard: Shard, queue: IdentifyQueue): void {
  shard.on("message", (message: unknown) => {
    if (!isAsk(message)) return;
    const { shard: id, id: ask } = message.newsdeskIdentify;
    void queue
      .waitForIdentify(id)
      .then(() => shard.send({ newsdeskIdentifyGranted: ask, at: Date.now() } satisfies IdentifyGrant))
      // The shard process died meanwhile: its next process asks again.
      .catch(() => undefined);
  });
}

/**
 * A shard process's side: asks the manager (over the process's IPC channel) for each identify's turn; a grant read
 * late (GRANT_LATE_MS) is let go and the turn asked for again.
 */
export function identifyThroughManager(channel: Pick<NodeJS.Process, "send" | "on" | "off"> = process, lateMs = GRANT_LATE_MS): IdentifyThrottler {
  let asked = 0;
  return {
    waitForIdentify: (shardId, signal) =>
      new Promise<void>((resolve, reject) => {
        let id = "";
        const ask = (): void => {
          id = `${process.pid}-${++asked}`;
          channel.send?.({ newsdeskIdentify: { shard: shardId, id } } satisfies IdentifyAsk);
        };
        const done = (): void => {
          channel.off("message", onMessage);
          signal.removeEventListener("abort", abort);
        };
        const onMessage = (message: unknown): void => {
          if (!isGrant(message, id)) return;
          if (Date.now() - message.at > lateMs) return ask();
          done();
          resolve();
        };
        const abort = (): void => {
          done();
          reject(signal.reason instanceof Error ? signal.reason : new Error("identify wait aborted"));
        };
        channel.on("message", onMessage);
        signal.addEventListener("abort", abort, { once: true });
        ask();
      }),
  };
}

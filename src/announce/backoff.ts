// The retry wait of a message that could not be sent: shared by the announcement queue (channelQueues.ts) and the
// follow DMs (src/follow/notifier.ts), so both back off alike.

/** The longest wait between two attempts. */
export const MAX_RETRY_MS = 10 * 60_000;

/** The wait before attempt `attempts + 1`: doubling, capped, with ±20% jitter so channels do not retry in step. */
export function backoff(retryMs: number, attempts: number, random = Math.random): number {
  const base = Math.min(retryMs * 2 ** Math.max(0, attempts), MAX_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

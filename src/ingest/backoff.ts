// Timing for the poller. Jitter spreads feeds that were configured together so they do not all hit the network
// (or one host) in the same second; back-off makes a failing feed cost less the longer it fails.

const HOUR = 3600_000;

/** Delay before the next poll of a feed: the interval (±10 %), doubled per consecutive failure, capped at 12 h. */
export function nextPollDelay(intervalMs: number, failures: number, random: () => number = Math.random): number {
  const cap = Math.max(intervalMs, 12 * HOUR);
  const base = failures <= 0 ? intervalMs : Math.min(intervalMs * 2 ** Math.min(failures, 20), cap);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Items that failed for a reason that may pass (5xx, timeout) are tried again this many times, then given up. */
export const MAX_ITEM_ATTEMPTS = 5;

/** Earliest retry of such an item: 5 minutes, doubling per attempt, capped at 6 hours. */
export function itemRetryDelay(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * HOUR);
}

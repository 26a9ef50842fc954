// The background poller the bot runs when FEEDS or FEEDS_FILE is set. Each feed has its own timer, so a slow or
// failing feed never delays another; a failing feed is polled less and less often (see backoff.ts) and logged.
// Nothing thrown inside a pass escapes its timer: the bot keeps answering whatever the network does.
import type { Config } from "../config.ts";
import { log as rootLog, type Logger } from "../log.ts";
import { nextPollDelay } from "./backoff.ts";
import { createContext, type WrittenArticle } from "./context.ts";
import { loadFeedSources, type FeedSource } from "./feedList.ts";
import { runFeedPass } from "./feedPass.ts";
import { FetchFault, type FetchLimits } from "./http.ts";
import type { PageOutcome } from "./ingestPage.ts";
import type { StateStorage } from "../state/document.ts";
import { StateStore } from "./state.ts";

export interface PollingOptions {
  /** Called once per new corpus file, after it is complete on disk. Errors are logged, never rethrown. */
  onWrite?: (article: WrittenArticle) => void | Promise<void>;
  log?: Logger;
  /** For tests: shorter limits, a fixed clock, a fixed interval, no start-up spread. */
  limits?: Partial<FetchLimits>;
  now?: () => Date;
  random?: () => number;
  intervalMs?: number;
  /** The first polls are spread over this long (default: FEED_START_SPREAD_SECONDS, else a tenth of the interval, at most 30 s). */
  startSpreadMs?: number;
  /** false: DATA_DIR cannot be written; the feed state there is read, then kept in memory. */
  saveState?: boolean;
  /** Where the feed state is kept instead of DATA_DIR/feeds-state.json (PostgreSQL). */
  state?: StateStorage;
}

export type PollingConfig = Pick<Config, "feeds" | "feedsFile" | "feedIntervalMinutes" | "corpusDir" | "dataDir"> &
  Partial<Pick<Config, "feedsAllowHosts" | "feedsIngestExisting" | "feedStartSpreadMs">>;

/**
 * Starts polling every configured feed and returns a function that stops it: timers are cleared, requests in
 * flight are aborted, and the returned promise settles once the passes under way have saved their state.
 * Throws a ConfigError (synchronously, at once) when FEEDS or FEEDS_FILE is invalid.
 */
export function startFeedPolling(config: PollingConfig, options: PollingOptions = {}): () => Promise<void> {
  const feeds = loadFeedSources(config);
  const log = (options.log ?? rootLog).child({ module: "ingest" });
  const random = options.random ?? Math.random;
  const intervalMs = options.intervalMs ?? config.feedIntervalMinutes * 60_000;
  const spreadMs = options.startSpreadMs ?? config.feedStartSpreadMs ?? Math.min(intervalMs / 10, 30_000);
  const stopper = new AbortController();
  const ctx = createContext(config.corpusDir, {
    signal: stopper.signal,
    limits: { allowHosts: config.feedsAllowHosts ?? [], ...options.limits },
    ...(options.now && { now: options.now }),
  });
  const store = options.state ? new StateStore(options.state) : StateStore.inDataDir(config.dataDir, { readOnly: options.saveState === false });
  const ready = store.load((problem) => log.warn(problem)).catch((err: unknown) => log.error({ err }, "feed state not loaded"));
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (feed: FeedSource, delayMs: number): void => {
    if (stopper.signal.aborted) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const pass = poll(feed).finally(() => running.delete(pass));
      running.add(pass);
    }, delayMs);
    // Polling alone must not keep the process alive (the console exits on end of input).
    timer.unref();
    timers.add(timer);
  };

  const report = (feed: FeedSource, outcome: PageOutcome): void => {
    if (outcome.kind === "written") {
      log.info({ feed: feed.url, file: outcome.file, url: outcome.link }, `ingested ${outcome.meta.title}`);
      Promise.resolve()
        .then(() => options.onWrite?.({ file: outcome.file, meta: outcome.meta }))
        .catch((err: unknown) => log.error({ err, file: outcome.file }, "onWrite failed"));
    } else if (outcome.kind === "duplicate") log.debug({ feed: feed.url, url: outcome.link, of: outcome.of }, "already in the corpus");
    else if (!stopper.signal.aborted)
      log.warn({ feed: feed.url, url: outcome.link }, `skipped ${outcome.link}: ${outcome.reason}${outcome.retry ? " (will retry)" : ""}`);
  };

  const poll = async (feed: FeedSource): Promise<void> => {
    let delay = nextPollDelay(intervalMs, 0, random);
    try {
      await ready;
      const record = store.feed(feed.url);
      try {
        const skipExisting = config.feedsIngestExisting !== true;
        const result = await runFeedPass(feed, ctx, { store, skipExisting, onOutcome: (o) => report(feed, o) });
        if (result.seen !== undefined)
          log.info({ feed: feed.url, seen: result.seen }, `new feed ${feed.url}: its ${result.seen} listed items count as seen and are not downloaded (FEEDS_INGEST_EXISTING=true ingests them)`);
        if (record.failures > 0) log.info({ feed: feed.url }, `feed ${feed.url} is back after ${record.failures} failed polls`);
        record.failures = 0;
        delete record.lastError;
        log.debug({ feed: feed.url, notModified: result.notModified, items: result.outcomes.length }, "feed polled");
      } catch (err) {
        if (stopper.signal.aborted) return;
        // A refused address is said once: polling it again (its DNS may change) need not repeat the warning.
        const repeated = err instanceof FetchFault && err.kind === "blocked" && record.lastError === err.message;
        record.failures += 1;
        record.lastError = (err as Error).message;
        delay = nextPollDelay(intervalMs, record.failures, random);
        log[repeated ? "debug" : "warn"](
          { feed: feed.url, failures: record.failures, retryInMinutes: Math.round(delay / 6000) / 10 },
          `feed ${feed.url} failed (${record.failures} in a row): ${record.lastError}`,
        );
        await store.save(ctx.now().getTime());
      }
    } catch (err) {
      // Only the state file can get here (a full disk, a read-only DATA_DIR): log it and keep polling.
      log.error({ err, feed: feed.url }, "feed poll failed");
    } finally {
      schedule(feed, delay);
    }
  };

  if (feeds.length === 0) log.warn("feed polling started with no feeds configured");
  else log.info({ feeds: feeds.length, intervalMinutes: intervalMs / 60_000 }, "polling feeds");
  for (const feed of feeds) schedule(feed, Math.round(random() * spreadMs));

  return async () => {
    stopper.abort();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await Promise.allSettled([...running]);
  };
}

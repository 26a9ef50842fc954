// A corpus write that fails while this process leads (a query error, the database restarting) would otherwise wait for
// the next file change, /reload or change of leader: a new article could sit unwritten (unanswered, never announced)
// indefinitely. The writer (corpusWriter.ts) tells this of each write's outcome; after a failure it writes again with
// backoff, as the announcement record is written again (src/announce/recordRewrite.ts): the failure is logged once per
// run of failures, not at every attempt, and the recovery once.
import type { Logger } from "../log.ts";

/** The first wait after a failed write (the writer's default; doubling from it). */
export const WRITE_RETRY_MS = 1_000;
/** A failed write is tried again at least this often: the database may be back at any time. */
export const WRITE_RETRY_MAX_MS = 60_000;

export interface WriteRetryOptions {
  /** The first wait; doubled after each failed attempt up to WRITE_RETRY_MAX_MS. */
  retryMs: number;
  log: Logger;
  /** Whether a write may still be tried (this process leads and the writer is open): asked when one is scheduled and when it is due. */
  may(): boolean;
  /** Starts the write (queued after any under way): its outcome comes back through succeeded() or failed(). */
  write(): void;
}

export class WriteRetry {
  /** Since the failure was logged: the writes that failed, and the next one's timer. */
  private failing: { failures: number; timer?: NodeJS.Timeout } | undefined;

  constructor(private readonly o: WriteRetryOptions) {}

  /** A write failed: logged if it is the first of a run; the next attempt scheduled unless one is. */
  failed(err: unknown): void {
    if (!this.failing) {
      this.failing = { failures: 0 };
      this.o.log.error({ err }, "could not write the corpus to the knowledge base; still answering from the stored one; trying again");
    }
    const failing = this.failing;
    failing.failures += 1;
    if (failing.timer || !this.o.may()) return;
    // Doubling; one writer per database (the leader), so no jitter is needed.
    const wait = Math.min(this.o.retryMs * 2 ** (failing.failures - 1), WRITE_RETRY_MAX_MS);
    failing.timer = setTimeout(() => {
      failing.timer = undefined;
      if (this.o.may()) this.o.write();
    }, wait);
    failing.timer.unref();
  }

  /** A write succeeded: a run of failures ends (logged), and any attempt scheduled is no longer needed. */
  succeeded(): void {
    const failing = this.failing;
    if (!failing) return;
    clearTimeout(failing.timer);
    this.failing = undefined;
    this.o.log.info({ failures: failing.failures }, `corpus written to the knowledge base again after ${failing.failures} failed writes`);
  }

  /**
   * No longer leading, or closed: the attempt scheduled is dropped. The run of failures is not ended (a write under way
   * that fails too is not logged again; the next write that succeeds, once leading again, says so).
   */
  stop(): void {
    if (!this.failing) return;
    clearTimeout(this.failing.timer);
    this.failing.timer = undefined;
  }
}

// A corpus write that fails while this process leads (a query error, the database restarting) would otherwise wait for
// the next file change, /reload or change of leader: a new article could sit unwritten (unanswered, never announced)
// indefinitely. The writer (corpusWriter.ts) tells this of each write's outcome; after a failure it writes again with
// backoff, as the announcement record is written again (src/announce/recordRewrite.ts): the failure is logged once per
// run of failures, not at every attempt, and the recovery once. A corpus folder that cannot be read (removed, a
// mount gone, its permissions changed) is retried too: no file change can announce it back (the watcher of a removed
// folder sees nothing of the one made again), so the retry is what finds it again; its log line names the folder.
import { CorpusError } from "../corpus/load.ts";
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
  /** Since the failure was logged: the writes that failed, the next one's timer, and whether the folder was the cause. */
  private failing: { failures: number; timer?: NodeJS.Timeout; folder: boolean } | undefined;

  constructor(private readonly o: WriteRetryOptions) {}

  /**
   * A write failed: logged if it is the first of a run, or if its cause moved between the folder and the rest (the
   * database, mostly); the next attempt scheduled unless one is.
   */
  failed(err: unknown): void {
    const folder = err instanceof CorpusError;
    if (this.failing?.folder !== folder) {
      // The same run (its count and any attempt due) with another cause.
      if (this.failing) this.failing.folder = folder;
      else this.failing = { failures: 0, folder };
      if (folder) this.o.log.error({ err }, `${err.message}: could not write the corpus to the knowledge base; still answering from the stored one; looking at the folder again, at least once a minute`);
      else this.o.log.error({ err }, "could not write the corpus to the knowledge base; still answering from the stored one; trying again");
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

  /**
   * A write succeeded: a run of failures ends (logged), and any attempt scheduled is no longer needed. True when the
   * run's last failure was the folder's: the writer watches it anew.
   */
  succeeded(): boolean {
    const failing = this.failing;
    if (!failing) return false;
    clearTimeout(failing.timer);
    this.failing = undefined;
    this.o.log.info({ failures: failing.failures }, `corpus written to the knowledge base again after ${failing.failures} failed writes`);
    return failing.folder;
  }

  /**
   * This process leads again: a run of failures from its last lead is forgotten, not carried on (another leader may have
   * written since, and this lead's first failure is logged as a new one).
   */
  restart(): void {
    clearTimeout(this.failing?.timer);
    this.failing = undefined;
  }

  /**
   * No longer leading, or closed: the attempt scheduled is dropped. The run of failures is not ended yet (a write under
   * way that fails too is not logged again), until this process leads again (restart).
   */
  stop(): void {
    if (!this.failing) return;
    clearTimeout(this.failing.timer);
    this.failing.timer = undefined;
  }
}

// A state file that cannot be written (DATA_DIR read-only or full): the announcement record, the follows, the channel
// settings. Its changes stay in memory (StoredState.change) and nothing that depends on them is sent meanwhile
// (record.heads(), the follow notifier), since a message sent from memory alone would be sent again after a restart.
// This says so once, with the path and the OS error, and writes the file again with backoff until it lands, so an
// admin who fixes the folder needs no restart; then it says so, and what waited is sent.
import { existsSync } from "node:fs";
import type { Logger } from "../log.ts";
import type { StoredState } from "../state/storedState.ts";
import type { AnnouncementRecord } from "./record.ts";

/** What the log lines call the file, and what waits while it cannot be written. */
export interface RewriteWording {
  /** "announcement record" */
  name: string;
  /** "no announcement is sent until it can be" */
  held: string;
  /** "the announcements waiting are sent" */
  resumed: string;
}

const RECORD_WORDING: RewriteWording = {
  name: "announcement record",
  held: "no announcement is sent until it can be",
  resumed: "the announcements waiting are sent",
};

/** The record is tried again at least this often: the admin may fix the folder at any time. */
export const RECORD_RETRY_MAX_MS = 60_000;

export class RecordRewrite {
  /** Since the failure was told: the writes tried in vain, and the next one's timer. */
  private failing: { attempts: number; timer?: NodeJS.Timeout } | undefined;
  private stopped = false;

  constructor(
    private readonly record: Pick<StoredState<unknown>, "unstored" | "storeAgain" | "path">,
    private readonly options: { retryMs: number; log: Logger },
    /** Called after each write tried (the announcer pumps: it sends once the record is stored, and checks again). */
    private readonly tried: () => void,
    private readonly wording: RewriteWording = RECORD_WORDING,
  ) {}

  /** Called at every pump: tells a new failure, schedules the next write, tells the recovery. */
  check(): void {
    const err = this.record.unstored;
    const { log } = this.options;
    if (!err) {
      if (!this.failing) return;
      clearTimeout(this.failing.timer);
      this.failing = undefined;
      log.info({ record: this.record.path }, `${this.wording.name} written again: ${this.wording.resumed}`);
      return;
    }
    if (this.stopped || this.failing?.timer) return;
    if (!this.failing) {
      this.failing = { attempts: 0 };
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      log.warn(
        { record: this.record.path, err: err.message },
        `${this.wording.name} ${this.record.path} cannot be written (${code}): ${this.wording.held}; trying again`,
      );
    }
    const failing = this.failing;
    // Doubling from the announcements' first retry delay; one file, so no jitter is needed.
    const wait = Math.min(this.options.retryMs * 2 ** failing.attempts, RECORD_RETRY_MAX_MS);
    failing.timer = setTimeout(() => {
      failing.attempts += 1;
      void this.record
        .storeAgain()
        .catch(() => undefined)
        .finally(() => {
          failing.timer = undefined;
          this.tried();
        });
    }, wait);
    failing.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.failing?.timer);
  }
}

/**
 * At exit when the record was never written (a first start with DATA_DIR unwritable throughout): the restart finds no
 * record, so it is a first start again and every article present counts as announced, those whose announcements wait
 * in memory too. Nothing can store them, so the admin is told which articles to post with /announce resend. (With a
 * record on disk, the restart announces the articles it lacks: nothing is lost.)
 */
export function tellUnsentAtExit(record: Pick<AnnouncementRecord, "unstored" | "path" | "queue">, log: Logger): void {
  const err = record.unstored;
  const articles = [...new Set(record.queue().flatMap((m) => (m.article !== undefined ? [m.article] : (m.folded ?? []).map((f) => f.id))))];
  if (!err || articles.length === 0 || existsSync(record.path)) return;
  const code = (err as NodeJS.ErrnoException).code ?? err.message;
  log.error(
    { record: record.path, articles },
    `announcement record ${record.path} was never written (${code}): after a restart the ${articles.length} articles waiting to be announced count as present at the first start and are not announced; once the folder is fixed, post them with /announce resend: ${articles.join(", ")}`,
  );
}

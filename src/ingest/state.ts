// What the poller remembers between runs, in DATA_DIR/feeds-state.json: each feed's validators (for conditional
// requests) and failure count, and each item's outcome, so an item is downloaded once, a dead link (404, not HTML,
// too large) is not asked for again, and a temporary failure (5xx, timeout) is retried a few times later.
// Written with write-file-atomic (temp file + rename), so a crash mid-write leaves the previous state intact.
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";

export interface FeedRecord {
  etag?: string;
  lastModified?: string;
  /** Consecutive failed polls; 0 after a good one. Drives the back-off. */
  failures: number;
  lastError?: string;
  /** The feed's title, the outlet of items retried after a 304 (which carries no title). */
  title?: string;
}

/** Enough of a feed item to try it again without the feed (which may answer 304 next time). */
export interface PendingItem {
  link: string;
  title?: string;
  date?: string;
  author?: string;
  searchText?: string;
}

export interface ItemRecord {
  status: "done" | "failed" | "retry";
  reason?: string;
  attempts: number;
  /** Epoch ms; for "retry", not before this. */
  nextAttemptAt?: number;
  /** Epoch ms the item was last listed by a feed; old records are forgotten. */
  lastSeenAt: number;
  feed?: string;
  item?: PendingItem;
}

export interface IngestState {
  feeds: Record<string, FeedRecord>;
  items: Record<string, ItemRecord>;
}

const MAX_ITEMS = 20_000;
const FORGET_AFTER_MS = 90 * 24 * 3600 * 1000;

// Loose on purpose: an unreadable record is dropped, not fatal; a file from a newer version still loads.
const stateSchema = z.object({
  feeds: z.record(z.string(), z.looseObject({ failures: z.number().catch(0) })).catch({}),
  items: z.record(z.string(), z.looseObject({ status: z.enum(["done", "failed", "retry"]), lastSeenAt: z.number() })).catch({}),
});

export class StateStore {
  state: IngestState = { feeds: {}, items: {} };
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): StateStore {
    return new StateStore(path.resolve(dataDir, "feeds-state.json"));
  }

  /** Loads the file; a missing file is a first run, a corrupt one is reported through `onProblem` and replaced. */
  async load(onProblem: (message: string) => void = () => undefined): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      onProblem(`feed state ${this.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); starting afresh`);
      return;
    }
    try {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error("unexpected shape");
      this.state = parsed.data as unknown as IngestState;
    } catch (err) {
      onProblem(`feed state ${this.file} is corrupt (${(err as Error).message}); starting afresh`);
    }
  }

  /** Saves after the previous save finished, so two passes ending together cannot interleave their writes. */
  save(now: number): Promise<void> {
    const run = async () => {
      prune(this.state, now);
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(this.state, null, 1) + "\n");
    };
    this.saving = this.saving.then(run, run);
    return this.saving;
  }

  feed(url: string): FeedRecord {
    return (this.state.feeds[url] ??= { failures: 0 });
  }
}

function prune(state: IngestState, now: number): void {
  let entries = Object.entries(state.items).filter(([, r]) => r.status === "retry" || now - r.lastSeenAt < FORGET_AFTER_MS);
  if (entries.length > MAX_ITEMS) entries = entries.sort((a, b) => b[1].lastSeenAt - a[1].lastSeenAt).slice(0, MAX_ITEMS);
  state.items = Object.fromEntries(entries);
}

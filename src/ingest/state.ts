// What the poller remembers between runs, in DATA_DIR/feeds-state.json: each feed's validators (for conditional
// requests) and failure count, and each item's outcome, so an item is downloaded once, a dead link (404, not HTML,
// too large) is not asked for again, and a temporary failure (5xx, timeout) is retried a few times later.
// Written atomically and checked for shape on load (src/state/jsonFile.ts): a file that is not a feed state is moved
// aside and the poller starts afresh, every feed then counting as new (its listed items are seen, not downloaded).
import path from "node:path";
import { z } from "zod";
import type { StateDocument, StateStorage } from "../state/document.ts";
import { type JsonFileOptions, stateDocument } from "../state/jsonFile.ts";

export interface FeedRecord {
  etag?: string;
  lastModified?: string;
  /** Consecutive failed polls; 0 after a good one. Drives the back-off. */
  failures: number;
  lastError?: string;
  /** The feed's title, the outlet of items retried after a 304 (which carries no title). */
  title?: string;
  /** Epoch ms the feed was first read whole; unset: a new feed, whose listed items count as seen (feedPass.ts). */
  since?: number;
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

// Loose objects: keys a later version adds are kept. A record of the wrong shape makes the whole file unusable.
const optionalText = z.string().optional();
const stateSchema = z.looseObject({
  feeds: z.record(
    z.string(),
    z.looseObject({
      failures: z.number().int().min(0),
      etag: optionalText,
      lastModified: optionalText,
      lastError: optionalText,
      title: optionalText,
      since: z.number().optional(),
    }),
  ),
  items: z.record(
    z.string(),
    z.looseObject({
      status: z.enum(["done", "failed", "retry"]),
      reason: optionalText,
      attempts: z.number().int().min(0),
      nextAttemptAt: z.number().optional(),
      lastSeenAt: z.number(),
      feed: optionalText,
      item: z.looseObject({ link: z.string(), title: optionalText, date: optionalText, author: optionalText, searchText: optionalText }).optional(),
    }),
  ),
}) as z.ZodType<IngestState>;

/** Only the leader polls feeds: it is the state's only writer, and stores it whole. */
export class StateStore {
  state: IngestState = { feeds: {}, items: {} };
  private json: StateDocument<IngestState>;

  /** `at`: the state's file, or the storage holding it (PostgreSQL). */
  constructor(at: string | StateStorage, options: JsonFileOptions = {}) {
    this.json = stateDocument(at, "feeds-state", stateSchema, options);
  }

  static inDataDir(dataDir: string, options: JsonFileOptions = {}): StateStore {
    return new StateStore(path.resolve(dataDir, "feeds-state.json"), options);
  }

  get file(): string {
    return this.json.where;
  }

  /** Loads the file; a missing file is a first run, an unusable one is reported through `onProblem` (one line) and replaced. */
  async load(onProblem: (message: string) => void = () => undefined): Promise<void> {
    const { value, problem, movedTo } = await this.json.read();
    if (value) this.state = value;
    if (problem) onProblem(`feed state ${this.file} ${problem}${movedTo ? `; moved it to ${movedTo}` : ""}; starting afresh (every feed counts as new)`);
  }

  /** Saves after the previous save finished, so two passes ending together cannot interleave their writes. */
  save(now: number): Promise<void> {
    prune(this.state, now);
    return this.json.write(this.state);
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

// Where a piece of state is kept (the announcement record, the channel settings, the follows, the quote-of-the-day
// round, the feed state): one document per kind of state, read whole and checked for shape. Two kinds of storage
// implement it: a JSON file in DATA_DIR (src/state/jsonFile.ts, the embedded default: one process, its only writer)
// and a row of PostgreSQL (src/state/pgDocument.ts, with DATABASE_URL: shared by every shard process, each change made
// to the latest stored value under a row lock, so two processes changing it at once lose nothing).
import type pg from "pg";
import type { z } from "zod";

export interface JsonRead<T> {
  /** The stored value; undefined when there is none yet, or when it could not be used (`problem`). */
  value?: T;
  /** Why what is stored could not be used: not JSON, the wrong shape, unreadable. */
  problem?: string;
  /** Where the unusable value was moved (`<name>.corrupt-<ms>`), when it could be. */
  movedTo?: string;
}

export interface StateDocument<T> {
  /** Where it is kept, for log lines: a file's path, or the document's name in PostgreSQL. */
  readonly where: string;
  /** The stored value, checked against the schema; an unusable one is moved aside and reported. */
  read(): Promise<JsonRead<T>>;
  /**
   * Changes the stored value in one step: `change` gets the latest value (for a file, `current` itself: the process
   * is its only writer; in PostgreSQL the stored row, locked until the change is written) and changes it in place.
   * Returns the value as stored and what `change` returned.
   */
  change<R>(current: T, change: (latest: T) => R): Promise<{ value: T; result: R }>;
  /** Stores `value` whole: for state only the leader writes (the feed state). */
  write(value: T): Promise<void>;
  /** The stored value when another process changed it since this one last read or stored it; otherwise undefined. */
  changedElsewhere(): Promise<T | undefined>;
  /** Resolves once every write asked for so far has landed (or failed): what a shutdown waits for. */
  flush(): Promise<void>;
  /**
   * A file's last write failed (its error), until a later one lands: the change is kept in memory, not stored. In
   * PostgreSQL a change that fails is not kept, so there is nothing to store again.
   */
  readonly unstored?: Error | undefined;
}

/** Opens the documents of one storage: `name` is the kind of state ("announcements", "follows", …). */
export interface StateStorage {
  document<T>(name: string, schema: z.ZodType<T>): StateDocument<T>;
  /** The PostgreSQL pool behind it, for state kept as rows of its own (the announcement record); none for files. */
  readonly database?: pg.Pool;
}

// What every store of state shares (the announcement record, channel settings, follows): its value in memory, kept
// in step with its StateDocument, which may be shared with other processes (the shards of one database).
import type { StateDocument } from "./document.ts";

export abstract class StoredState<T> {
  /** Called after each change, stored or not (a failed write is then written again: src/announce/recordRewrite.ts). */
  private changedListeners: (() => void)[] = [];

  protected constructor(
    protected readonly file: StateDocument<T>,
    protected state: T,
  ) {}

  get path(): string {
    return this.file.where;
  }

  /** Takes in what another process stored since (a shard answered a command, queued a resend); true when anything changed. */
  async refresh(): Promise<boolean> {
    const latest = await this.file.changedElsewhere();
    if (latest) this.adopt(latest);
    return latest !== undefined;
  }

  /** Resolves once every write asked for so far has landed: a shutdown waits for this before the process exits. */
  flush(): Promise<void> {
    return this.file.flush();
  }

  /** Why the latest changes are only in memory (a file whose write failed), until a write lands. */
  get unstored(): Error | undefined {
    return this.file.unstored;
  }

  /** Writes the value in memory again, after a failed write: rejects while it still cannot be written. */
  storeAgain(): Promise<void> {
    // Only a file keeps a change its write lost; PostgreSQL's write would replace what other processes stored.
    return this.unstored ? this.file.write(this.state) : Promise.resolve();
  }

  onChanged(listener: () => void): void {
    this.changedListeners.push(listener);
  }

  /** Takes another process's stored value as this one's (a store that completes or tracks more overrides it). */
  protected adopt(latest: T): void {
    this.state = latest;
  }

  /**
   * Applies `change` to the latest stored value (another process may have changed it meanwhile) and stores it. A
   * change the JSON file could not store stays in memory (unstored): it is not lost, and is written with the next
   * write that lands (nothing that depends on it is sent till then: src/announce/recordRewrite.ts). A change
   * PostgreSQL did not commit is not kept: it fails.
   */
  protected async change<R>(change: (state: T) => R): Promise<R> {
    let made: { result: R } | undefined;
    try {
      const { value, result } = await this.file.change(this.state, (latest) => (made = { result: change(latest) }).result);
      this.state = value;
      return result;
    } catch (err) {
      if (made && this.unstored) return made.result;
      throw err;
    } finally {
      for (const listener of this.changedListeners) listener();
    }
  }
}

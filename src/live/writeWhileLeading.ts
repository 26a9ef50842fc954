// The leader's corpus writer, while this process leads (src/db/leader.ts): it watches the folder and writes each
// change (corpusWriter.ts), one write at a time; a failed write is tried again (writeRetry.ts). When the lead is lost
// it stops watching; the next leader first writes whatever changed while nobody watched.
import type { ReloadReport } from "../../commands/services.ts";
import type { Leadership } from "../db/leader.ts";
import { leaderKnowledge, writeCorpus, type CorpusWriterOptions } from "./corpusWriter.ts";
import { FilesSeen } from "./filesSeen.ts";
import { watchCorpus, type CorpusWatcher } from "./watchCorpus.ts";
import { WRITE_RETRY_MS, WriteRetry } from "./writeRetry.ts";

export interface CorpusWriter {
  /**
   * Writes the folder's changes now, after any write under way: those of `files` only (the feed ingester's), or
   * (/reload) of every file.
   */
  write(files?: readonly string[]): Promise<ReloadReport>;
  /** Stops watching; a write under way finishes. */
  close(): Promise<void>;
}

/** Watches and writes while `leadership` says this process leads; writes one at a time. */
export function writeWhileLeading(leadership: Leadership, options: CorpusWriterOptions): CorpusWriter {
  // Each write reads only the files changed since the one before (a new leader reads the folder once, whole), and
  // the people merge is kept between writes while this process leads.
  const o: CorpusWriterOptions = { seen: new FilesSeen(), ...options };
  let chain: Promise<unknown> = Promise.resolve();
  let watcher: CorpusWatcher | undefined;
  let closed = false;
  // The files named since the last write began; every file once a write asks for the whole folder.
  let pending: Set<string> | "all" = "all";
  const write = (files?: readonly string[]): Promise<ReloadReport> => {
    if (!files) pending = "all";
    else if (pending !== "all") for (const file of files) pending.add(file);
    const run = chain.then(async () => {
      const named = pending === "all" ? undefined : [...pending];
      pending = new Set();
      o.leader ??= await leaderKnowledge(o.pool, o.warmWorker, o.workerIdleMs);
      return writeCorpus(o, named);
    });
    chain = run.then(
      () => {
        // Read again after it could not be: a folder removed and made again is watched anew (see writeRetry.ts).
        if (retry.succeeded()) rewatch();
      },
      (err: unknown) => {
        pending = "all"; // the files it named may not be remembered: the next write looks at every one
        retry.failed(err);
      },
    );
    return run;
  };
  // A failed write is tried again (the whole folder) until one succeeds, while this process leads and is not closed.
  const retry = new WriteRetry({ retryMs: o.retryMs ?? WRITE_RETRY_MS, log: o.log, may: () => leadership.leading && !closed, write: () => void write().catch(() => undefined) });
  let changing: Promise<void> = Promise.resolve();
  const watch = async (): Promise<void> => {
    watcher = await watchCorpus(o.dir, { debounceMs: o.debounceMs }, o.log, (files) => void write(files).catch(() => undefined));
    // What changed while nobody watched (the last leader died, or none ran; or the folder was away).
    void write().catch(() => undefined);
  };
  const unwatch = async (): Promise<void> => {
    const stopping = watcher;
    watcher = undefined;
    await stopping?.close();
  };
  const watching = (step: () => Promise<void>): Promise<void> =>
    (changing = changing.then(step).catch((err: unknown) => o.log.error({ err }, "could not start watching the corpus folder")));
  const follow = (): Promise<void> =>
    watching(async () => {
      if (closed) return;
      if (leadership.leading && !watcher) {
        retry.restart();
        await watch();
      } else if (!leadership.leading && watcher) {
        retry.stop();
        o.leader?.forget();
        await unwatch();
      }
    });
  const rewatch = (): void =>
    void watching(async () => {
      if (closed || !watcher) return;
      await unwatch();
      await watch();
    });
  leadership.onChange(() => follow());
  void follow();
  return {
    write,
    close: async () => {
      closed = true;
      retry.stop();
      await changing;
      await watcher?.close();
      watcher = undefined;
      await chain.catch(() => undefined);
      o.leader?.forget(); // its worker thread stopped
    },
  };
}

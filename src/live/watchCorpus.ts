// Watches the corpus folder and reports changed files once they have settled. chokidar's awaitWriteFinish holds back
// a file's event until its size has stopped changing for `debounceMs`, so a file still being written is not read
// half-way; a short gathering window then puts events that settle together (a copy of many files, an editor's save
// dance) into one update, without a second wait. Files the bot's own feed ingester writes are complete when they
// appear and are read at once, without waiting here (see src/main.ts).
import { watch, type FSWatcher } from "chokidar";
import path from "node:path";
import type { Logger } from "../log.ts";

export interface WatchOptions {
  /** How long a file's size must hold still before it is read. */
  debounceMs: number;
}

export interface CorpusWatcher {
  close(): Promise<void>;
}

/** Resolves once the watcher is ready: every change after that is reported to `onChange` (absolute paths). */
export async function watchCorpus(
  dir: string,
  options: WatchOptions,
  log: Logger,
  onChange: (files: string[]) => void,
): Promise<CorpusWatcher> {
  const root = path.resolve(dir);
  // Events that settle within this of each other make one update (a file's own settling is the wait).
  const gatherMs = Math.min(100, options.debounceMs);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const files = [...pending];
    pending.clear();
    log.debug({ files }, "corpus files changed");
    onChange(files);
  };
  const touched = (file: string): void => {
    pending.add(path.resolve(file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, gatherMs);
  };

  const stable = Math.max(50, options.debounceMs);
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    depth: 0,
    // Dot files are editors' swap and lock files; the loader ignores them too.
    ignored: (p: string) => p !== root && path.basename(p).startsWith("."),
    awaitWriteFinish: { stabilityThreshold: stable, pollInterval: Math.max(10, Math.min(100, Math.round(stable / 4))) },
  });
  watcher.on("add", touched).on("change", touched).on("unlink", touched);
  watcher.on("error", (err) => log.error({ err }, "corpus watcher error"));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  log.info({ dir: root, debounceMs: options.debounceMs }, "watching the corpus folder for changes");
  return {
    close: async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}

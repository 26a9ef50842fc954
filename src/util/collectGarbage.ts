// A process that reads a large knowledge base (a shard on PostgreSQL, src/live/sharedKnowledge.ts) allocates at its
// start some 2.5 times what it keeps: the rows' text, the packed integers parsed from it, the indexes' builders. V8
// collects that garbage only when new allocations call for it, and keeps the pages it grew to until then: at 50,000
// articles a shard held 320 MB of RSS after its start (194 MB of heap, of which 74 MB live) for as long as it was idle,
// 25 s measured. Nothing in V8 gives them back by itself meanwhile: its memory reducer did not run in that time.
// So once the start's work is done the process collects its garbage itself, when it may (Node's --expose-gc, which
// src/discord/shards.ts gives the shard processes); without the flag this does nothing.
import { setTimeout as sleep } from "node:timers/promises";
import v8 from "node:v8";

/** How long the pages freed by the first collection are given to be unmapped before the second moves what is kept. */
const UNMAP_MS = 500;

/**
 * Two full collections: the first frees the garbage, and V8 gives its empty pages back meanwhile (on a thread of its
 * own, within a second); the second also compacts the old space, moving what is kept off the pages it was spread over
 * (a plain full collection left 96-102 MB of pages for 60 MB of objects after a shard's start). Compacting at once
 * needed room for the moved objects beside the garbage: the process's peak RSS rose by 40-70 MB. Resolves how long the
 * two held the process, in ms; undefined when the process was not started with --expose-gc.
 */
export async function collectGarbage(): Promise<number | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return undefined;
  const timed = (collect: () => void): number => {
    const started = performance.now();
    collect();
    return performance.now() - started;
  };
  const first = timed(gc);
  await sleep(UNMAP_MS);
  // Compacting: V8's own choice of the pages to compact left the old space fragmented after a forced collection as
  // often as not (unless the process was given the flag for every collection: then it stays).
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const compacting = !given.some((a) => /^--compact[-_]on[-_]every[-_]full[-_]gc$/.test(a));
  const second = timed(() => {
    if (compacting) v8.setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      if (compacting) v8.setFlagsFromString("--no-compact-on-every-full-gc");
    }
  });
  return Math.round(first + second);
}

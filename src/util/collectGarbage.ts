// A process that reads a large knowledge base (a shard on PostgreSQL, src/live/sharedKnowledge.ts) allocates at its
// start some 2.5 times what it keeps: the rows' text, the packed integers parsed from it, the indexes' builders. V8
// collects that garbage only when new allocations call for it, and keeps the pages it grew to until then: at 50,000
// articles a shard held 320 MB of RSS after its start (194 MB of heap, of which 74 MB live) for as long as it was idle,
// 25 s measured. Nothing in V8 gives them back by itself meanwhile: its memory reducer did not run in that time.
// So once the start's work is done the process collects its garbage itself, when it may (Node's --expose-gc, which
// src/discord/shards.ts gives the shard processes); without the flag this does nothing.
import v8 from "node:v8";

/**
 * A full collection that also compacts the old space (a plain full collection frees the objects but keeps most of the
 * pages they were spread over: 96-102 MB of pages for 60 MB of objects after a shard's start), and gives the pages
 * back to the system (V8 unmaps them on a thread of its own within a second). Returns how long it held the process,
 * in ms; undefined when the process was not started with --expose-gc.
 */
export function collectGarbage(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return undefined;
  const started = performance.now();
  // One compacting collection: V8's own choice of the pages to compact left the old space fragmented after a forced
  // collection as often as not, and a second one compacted it only sometimes (measured in docs/scaling.md).
  // (Unless the process was given the flag for every collection: then it stays.)
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const compacting = !given.some((a) => /^--compact[-_]on[-_]every[-_]full[-_]gc$/.test(a));
  if (compacting) v8.setFlagsFromString("--compact-on-every-full-gc");
  try {
    gc();
  } finally {
    if (compacting) v8.setFlagsFromString("--no-compact-on-every-full-gc");
  }
  return Math.round(performance.now() - started);
}

// Where a process's RSS is, for the leader benches (bench:leader-update --memory): the V8 heaps of the main thread
// and of the leader's worker thread (what each holds live, and the pages each keeps), and what the kernel sees
// (/proc/self/smaps): the code and data mapped from files (node's binary, its libraries), glibc's main arena (brk,
// "[heap]") and the anonymous mappings (V8's pages, the worker thread's malloc arena, large blocks malloc mapped).
// What is anonymous beyond both V8 heaps is native memory: array buffers, the compiler's zones, malloc's free space.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import { collectGarbage } from "../util/collectGarbage.ts";

/** One V8 heap: what is live in it, what it keeps of pages, and what it counts outside its heap (MB). */
export interface HeapFigures {
  usedMB: number;
  physicalMB: number;
  externalMB: number;
  mallocedMB: number;
}

export interface MemoryBreakdown {
  rssMB: number;
  /** Resident pages mapped from files (node's code first of all), glibc's brk arena, every other anonymous page. */
  fileMB: number;
  brkMB: number;
  anonymousMB: number;
  main: HeapFigures;
  /** The leader's worker thread, when it runs. */
  worker?: HeapFigures;
  /** Anonymous and brk pages beyond both V8 heaps' pages: native memory (malloc, array buffers, code zones). */
  nativeMB: number;
}

/** How long after a collection its freed pages are taken as given back. */
const SETTLED_MS = 1000;

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** A V8 heap's figures from its statistics (v8.getHeapStatistics(), in this thread or another). */
export function heapFigures(stats: v8.HeapInfo = v8.getHeapStatistics()): HeapFigures {
  return { usedMB: mb(stats.used_heap_size), physicalMB: mb(stats.total_physical_size), externalMB: mb(stats.external_memory), mallocedMB: mb(stats.malloced_memory) };
}

/** The resident pages of this process by kind of mapping (Linux; zeros elsewhere). */
function residentByKind(): { fileMB: number; brkMB: number; anonymousMB: number } {
  let text: string;
  try {
    text = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return { fileMB: 0, brkMB: 0, anonymousMB: 0 };
  }
  const kb = { file: 0, brk: 0, anonymous: 0 };
  let kind: keyof typeof kb = "anonymous";
  for (const line of text.split("\n")) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[2] ?? "";
      kind = name === "[heap]" ? "brk" : name.startsWith("/") ? "file" : "anonymous";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kb[kind] += Number(rss[1]);
  }
  return { fileMB: Math.round(kb.file / 1024), brkMB: Math.round(kb.brk / 1024), anonymousMB: Math.round(kb.anonymous / 1024) };
}

/** This process's memory now; `worker`: the leader's worker thread's heap statistics, when it runs. */
export function memoryBreakdown(worker?: v8.HeapInfo): MemoryBreakdown {
  const main = heapFigures();
  const workerFigures = worker && heapFigures(worker);
  const resident = residentByKind();
  const heaps = main.physicalMB + (workerFigures?.physicalMB ?? 0);
  return {
    rssMB: mb(process.memoryUsage().rss),
    ...resident,
    main,
    ...(workerFigures && { worker: workerFigures }),
    nativeMB: resident.anonymousMB + resident.brkMB - heaps,
  };
}

/**
 * The breakdown as it is, then after a full collection of the main thread (as a shard collects after a read:
 * src/util/collectGarbage.ts) and of the worker thread: what is held, not garbage waiting for a collection.
 */
export async function heldMemory(workerHeap: (collect: boolean) => Promise<v8.HeapInfo | undefined>): Promise<{ asIs: MemoryBreakdown; collected: MemoryBreakdown }> {
  const asIs = memoryBreakdown(await workerHeap(false));
  await collectGarbage();
  const worker = await workerHeap(true);
  // V8 gives the freed pages back on a thread of its own: read once it has (else /proc/self/smaps, read page table by
  // page table, and the RSS read after it disagreed by up to 100 MB).
  await new Promise((resolve) => setTimeout(resolve, SETTLED_MS));
  return { asIs, collected: memoryBreakdown(worker) };
}

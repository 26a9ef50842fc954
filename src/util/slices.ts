// Work cut into slices: a generator that yields wherever it may be interrupted. Run at once where nothing else is
// waiting (a start, a command-line tool), or in slices of a few milliseconds with the event loop released between
// them where a running bot must keep answering.
export type Sliced<T> = Generator<void, T, void>;

/** Runs the work to its end now. */
export function runAtOnce<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs the work, releasing the event loop whenever a slice has taken `sliceMs` (default 8 ms). */
export async function runInSlices<T>(work: Sliced<T>, sliceMs = 8): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - started < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    started = performance.now();
  }
}

/** Yields every `every` items of `items` (a loop that may be cut into slices). */
export function* eachSliced<T>(items: Iterable<T>, step: (item: T, index: number) => void, every = 256): Sliced<void> {
  let i = 0;
  for (const item of items) {
    step(item, i);
    if (++i % every === 0) yield;
  }
}

/**
 * The items sorted as `[...items].sort(compare)` sorts them (a stable merge sort), in slices: runs of `run` items
 * sorted at once, then merged, yielding every `every` items merged.
 */
export function* sortedSliced<T>(items: readonly T[], compare: (a: T, b: T) => number, run = 2048, every = 4096): Sliced<T[]> {
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += run) {
    runs.push(items.slice(i, i + run).sort(compare));
    yield;
  }
  let merged = 0;
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const [a, b] = [runs[r] as T[], runs[r + 1]];
      if (!b) {
        next.push(a);
        continue;
      }
      const out: T[] = [];
      let [i, j] = [0, 0];
      while (i < a.length || j < b.length) {
        // Equal items keep their order: the earlier run's first.
        if (j >= b.length || (i < a.length && compare(a[i] as T, b[j] as T) <= 0)) out.push(a[i++] as T);
        else out.push(b[j++] as T);
        if (++merged % every === 0) yield;
      }
      next.push(out);
    }
    runs = next;
  }
  return runs[0] ?? [];
}

// Work a process does beside its answers (a PostgreSQL shard's second stage, src/search/postgres/engine.ts): an
// answer being made (its rounds of lookups, each a round trip to the database) goes first. Slices of such work run
// only while no answer is being made, or once they have waited MAX_DEFER_MS (so that a stream of questions does not
// hold back for ever what /when waits for).
let answersMade = 0;
const MAX_DEFER_MS = 50;

/** Runs `answer`, counted as an answer being made (work run besideAnswers waits for it). */
export async function answerFirst<T>(answer: () => Promise<T>): Promise<T> {
  answersMade++;
  try {
    return await answer();
  } finally {
    answersMade--;
  }
}

/** Awaits `wait` (what an answer waits for that is not its own work), not counted as an answer being made. */
export async function notAnswering<T>(wait: () => Promise<T>): Promise<T> {
  answersMade--;
  try {
    return await wait();
  } finally {
    answersMade++;
  }
}

/**
 * Resolves once no answer is being made (answerFirst), or after `maxDeferMs` (50): a read beside the answers asks for
 * its next batch then, so that the reply, parsed as it comes, lands between answers rather than inside one.
 */
export async function quietMoment(maxDeferMs = MAX_DEFER_MS): Promise<void> {
  const deferredSince = performance.now();
  while (answersMade > 0 && performance.now() - deferredSince < maxDeferMs) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

/** runInSlices, each slice put off while an answer is being made (answerFirst), for up to `maxDeferMs` (50). */
export async function runBesideAnswers<T>(work: Sliced<T>, { sliceMs = 8, maxDeferMs = MAX_DEFER_MS }: { sliceMs?: number; maxDeferMs?: number } = {}): Promise<T> {
  // Nothing at once: the caller (an engine being opened) goes on first, and the questions asked then with it.
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (;;) {
    await quietMoment(maxDeferMs);
    const started = performance.now();
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (performance.now() - started >= sliceMs) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

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

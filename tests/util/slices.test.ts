import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerFirst, notAnswering, runAtOnce, runBesideAnswers, sortedSliced, type Sliced } from "../../src/util/slices.ts";

describe("sorting in slices", () => {
  it("sorts as Array.prototype.sort does, equal items in their order", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), at: fc.nat() }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 50 }), (items, run, every) => {
        const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(runAtOnce(sortedSliced(items, compare, run, every))).toEqual([...items].sort(compare));
      }),
      { numRuns: 200 },
    );
  });

  it("yields between runs and while merging", () => {
    const work = sortedSliced(Array.from({ length: 100 }, (_, i) => 100 - i), (a, b) => a - b, 10, 10);
    let slices = 0;
    while (!work.next().done) slices++;
    expect(slices).toBeGreaterThan(10);
  });
});

describe("work beside answers", () => {
  /** Work of `slices` steps, noting when each step ran. */
  function* steps(slices: number, ran: number[]): Sliced<number> {
    for (let i = 0; i < slices; i++) {
      ran.push(performance.now());
      yield;
    }
    return slices;
  }

  it("runs while no answer is being made, and waits while one is (not while it waits for a part)", async () => {
    const ran: number[] = [];
    let release = (): void => undefined;
    const answered = answerFirst(() => new Promise<void>((resolve) => (release = resolve)).then(() => performance.now()));
    // (Put off for as long as it takes here: a busy machine's timers are late.)
    const work = runBesideAnswers(steps(3, ran), { sliceMs: 0, maxDeferMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The answer is being made: nothing of the work ran.
    expect(ran).toEqual([]);
    release();
    const end = await answered;
    expect(await work).toBe(3);
    expect(ran.every((t) => t >= end)).toBe(true);
    // An answer waiting for a part (which the work makes) lets the work run.
    const waited: number[] = [];
    const made = answerFirst(() => notAnswering(() => runBesideAnswers(steps(2, waited), { sliceMs: 0, maxDeferMs: 60_000 })));
    expect(await made).toBe(2);
  });

  it("is not held back for ever by answers that keep coming", async () => {
    const ran: number[] = [];
    let answering = true;
    const answers = (async () => {
      while (answering) await answerFirst(() => new Promise((resolve) => setTimeout(resolve, 5)));
    })();
    const started = performance.now();
    expect(await runBesideAnswers(steps(3, ran), { sliceMs: 0 })).toBe(3);
    answering = false;
    await answers;
    // Each slice waited some 50 ms at most (timers are late on a busy machine: a generous bound).
    expect(performance.now() - started).toBeLessThan(3000);
    expect(ran).toHaveLength(3);
  });
});

// fast-check for `npm run test:fuzz` (vitest.fuzz.config.ts aliases "fast-check" here): every fc.assert runs its
// property for FUZZ_SECONDS (default 40) under ever new seeds, FUZZ_RUNS runs a seed (default 20,000), whatever
// numRuns or seed the test gives; its fixed examples still run first. FUZZ_SEED runs that one seed only (a failure's
// seed, to see it again). Each property's seeds and runs are appended to FUZZ_LOG, when set, so that a clean search
// can be reported and a failing seed replayed.
import { appendFileSync } from "node:fs";
import { expect } from "vitest";
// The real module, by its file: the alias catches the bare name only.
import * as real from "../../node_modules/fast-check/lib/fast-check.js";

export * from "../../node_modules/fast-check/lib/fast-check.js";

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 40);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);

type Params<T> = real.Parameters<T>;
type Details<T> = real.RunDetails<T>;

const SEED = process.env.FUZZ_SEED;
const newSeed = (): number => (SEED ? Number(SEED) : (Math.random() * 0x7fffffff) | 0);

/** One property's search: seed after seed until the time is up (the first always runs), failing on a counterexample. */
class Search {
  private readonly end = Date.now() + SECONDS * 1000;
  private readonly seeds: number[] = [];
  private runs = 0;

  /** The parameters of the next seed's check, or undefined once the search is over. */
  next<T>(given: Params<T> | undefined): Params<T> | undefined {
    if (this.seeds.length > 0 && (SEED || Date.now() >= this.end)) {
      this.note();
      return undefined;
    }
    const seed = newSeed();
    this.seeds.push(seed);
    return { ...given, numRuns: RUNS, seed, path: undefined, interruptAfterTimeLimit: Math.max(1, this.end - Date.now()), markInterruptAsFailure: false };
  }

  record(out: Details<unknown>): void {
    this.runs += out.numRuns;
    if (!out.failed) return;
    this.note(out);
    throw new Error(real.defaultReportMessage(out));
  }

  private note(failed?: Details<unknown>): void {
    if (!process.env.FUZZ_LOG) return;
    const { currentTestName, testPath } = expect.getState();
    const file = (testPath ?? "?").replace(/^.*\/tests\//, "tests/");
    const counterexample = failed && { seed: failed.seed, path: failed.counterexamplePath, counterexample: real.stringify(failed.counterexample).slice(0, 500) };
    appendFileSync(process.env.FUZZ_LOG, `${JSON.stringify({ file, name: currentTestName, runs: this.runs, seeds: this.seeds.length, first: this.seeds[0], failed: counterexample })}\n`);
  }
}

function assertSync<T>(property: real.IProperty<T>, given?: Params<T>): void {
  const search = new Search();
  for (let params = search.next(given); params; params = search.next(given)) search.record(real.check(property, params) as Details<unknown>);
}

async function assertAsync<T>(property: real.IAsyncProperty<T>, given?: Params<T>): Promise<void> {
  const search = new Search();
  for (let params = search.next(given); params; params = search.next(given)) search.record((await real.check(property, params)) as Details<unknown>);
}

export function assert<T>(property: real.IRawProperty<T>, given?: Params<T>): unknown {
  return property.isAsync() ? assertAsync(property as real.IAsyncProperty<T>, given) : assertSync(property as real.IProperty<T>, given);
}

export default { ...real.default, assert };

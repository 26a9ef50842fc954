// Saved indexes loaded after the first answers (issue 20). At 10,000 articles, parsing and loading the saved event,
// quote and sentence indexes is two thirds of a warm start, and a name lookup or an autocomplete needs none of
// them. So a start hands out stand-ins for them at once and loads them one by one on later turns of the event loop;
// a query that reaches one before its turn loads it there and then (once), so no answer ever differs, it only waits.
import type MiniSearch from "minisearch";

export interface LoadedOnUse {
  /** Stands in for the index: every property and method is the loaded index's (loaded on first use). */
  index: MiniSearch;
  /** Loads it now, if it is not loaded yet. */
  load(): void;
}

/** An index loaded by `load` the first time anything touches it. */
export function loadOnUse(load: () => MiniSearch): LoadedOnUse {
  let loaded: MiniSearch | undefined;
  let failed: { err: unknown } | undefined;
  const real = (): MiniSearch => {
    if (failed) throw failed.err; // a saved section is read once: the same failure, not a second attempt
    try {
      return (loaded ??= load());
    } catch (err) {
      failed = { err };
      throw err;
    }
  };
  // Methods are bound to the loaded index, so that inside them (the query loops) nothing goes through the proxy.
  const bound = new Map<PropertyKey, unknown>();
  const index = new Proxy({} as MiniSearch, {
    get: (_stand, key) => {
      const target = real();
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      let method = bound.get(key);
      if (!method) bound.set(key, (method = (value as (...args: unknown[]) => unknown).bind(target)));
      return method;
    },
    set: (_stand, key, value) => Reflect.set(real(), key, value),
    has: (_stand, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  return { index, load: () => void real() };
}

/**
 * Loads each in turn, one per turn of the event loop, starting after the current one (the first answers go
 * first). Resolves when all are loaded; a failure is left for the first query that needs that index to report.
 */
export function loadInTurn(pending: readonly LoadedOnUse[]): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    const step = (): void => {
      const item = pending[next++];
      if (!item) return resolve();
      try {
        item.load();
      } catch {
        // reported by the query that needs it (loadOnUse throws the same error again)
      }
      setImmediate(step);
    };
    setImmediate(step);
  });
}

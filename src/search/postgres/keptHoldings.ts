// The documents of the commonest words walked lately, kept by the engine from question to question: fetching a word
// in a tenth of the events costs the server a second under load, and the same few common words come back in question
// after question. Apart from engine.ts as a cache of its own, with its own bounds.
import type { Kind } from "./postings.ts";
import type { Holding } from "./scopeLookups.ts";

/** Words in fewer documents are fetched again when asked for: it costs the server little. */
const KEEP_FROM = 2000;
/** Documents kept for common words, in all (about 40 bytes each: some 40 MB). */
const KEEP_AT_MOST = 1_000_000;

/** The engine's knowledge base is the one read at its start, so what this keeps never goes stale. */
export class KeptHoldings {
  private readonly kept = new Map<string, { holding: Holding; size: number }>();
  private keptSize = 0;

  get(kind: Kind, term: string): Holding | undefined {
    const key = `${kind}\u0000${term}`;
    const entry = this.kept.get(key);
    if (!entry) return undefined;
    // Most recently used last: the first is the one to drop.
    this.kept.delete(key);
    this.kept.set(key, entry);
    return entry.holding;
  }

  keep(kind: Kind, term: string, holding: Holding, size: number): void {
    if (size < KEEP_FROM) return;
    this.kept.set(`${kind}\u0000${term}`, { holding, size });
    this.keptSize += size;
    for (const [key, entry] of this.kept) {
      if (this.keptSize <= KEEP_AT_MOST) break;
      this.kept.delete(key);
      this.keptSize -= entry.size;
    }
  }
}

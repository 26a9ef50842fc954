// The stored terms within a few edits of a word (a search's typo tolerance, vocabulary.ts), kept by the engine from
// question to question: finding them is a scan of every stored term of about the word's length on the server
// (kb_term's 48,951 at 50,000 articles, 18 ms at load 7), and the same misspelt and absent words come back. Only
// the terms are kept: their counts are read with the question's other words (an index lookup), so they stay those
// the database holds. Apart from engine.ts as a cache of its own, with its own bound.

/** Terms kept in all, over every word (some 40 bytes each: 1 MB at most). */
const KEEP_AT_MOST = 25_000;

/** The engine's knowledge base is the one read at its start, so the neighbours this keeps do not go stale. */
export class KeptNeighbours {
  private readonly kept = new Map<string, readonly string[]>();
  private keptSize = 0;

  /** The stored terms within `distance` edits of `term`, if kept. */
  get(term: string, distance: number): readonly string[] | undefined {
    const key = `${distance}\u0000${term}`;
    const found = this.kept.get(key);
    if (!found) return undefined;
    // Most recently used last: the first is the one to drop.
    this.kept.delete(key);
    this.kept.set(key, found);
    return found;
  }

  keep(term: string, distance: number, found: readonly string[]): void {
    const key = `${distance}\u0000${term}`;
    if (this.kept.has(key) || found.length >= KEEP_AT_MOST) return;
    this.kept.set(key, found);
    this.keptSize += found.length + 1;
    for (const [k, terms] of this.kept) {
      if (this.keptSize <= KEEP_AT_MOST) break;
      this.kept.delete(k);
      this.keptSize -= terms.length + 1;
    }
  }
}

// A set of documents, each with a small nonzero number (the bits of the query terms it holds: statements.ts), kept in
// an array indexed by document id rather than a Map: a partial match marks thousands of documents per query, and a
// typed array's read and write cost a fraction of a hash lookup. Ids are positions (small integers).

/** What reading marks needs: one document's, and each marked document's with its id. */
export interface MarkedDocuments {
  get(id: number): number | undefined;
  forEach(f: (marks: number, id: number) => void): void;
  readonly size: number;
}

// One array serves every query in turn (answers run one at a time, synchronously): allocating and zeroing one as
// large as the index for each query would cost more than the marking saves. A query that finds it in use gets its own.
let spare: Int32Array | undefined;

export class Marks implements MarkedDocuments {
  private flags: Int32Array;
  /** The documents marked, in the order they were first marked (an unmarked one is 0 in `flags`). */
  private readonly ids: number[] = [];
  size = 0;

  constructor(capacity: number) {
    const free = spare;
    spare = undefined;
    this.flags = free && free.length >= capacity ? free : new Int32Array(Math.max(1024, capacity));
  }

  get(id: number): number | undefined {
    const h = this.flags[id];
    return h ? h : undefined;
  }

  /** Adds `flag` to a document's marks; a document not marked yet is marked only when `add` is set. */
  mark(id: number, flag: number, add: boolean): void {
    if (id >= this.flags.length) this.grow(id);
    const h = this.flags[id] as number;
    if (h !== 0) this.flags[id] = h | flag;
    else if (add) {
      this.flags[id] = flag;
      this.ids.push(id);
      this.size++;
    }
  }

  /** Unmarks a document (which is not marked again after: its id stays in `ids`). */
  delete(id: number): void {
    if (this.flags[id]) {
      this.flags[id] = 0;
      this.size--;
    }
  }

  forEach(f: (marks: number, id: number) => void): void {
    for (const id of this.ids) {
      const h = this.flags[id] as number;
      if (h !== 0) f(h, id);
    }
  }

  /** The marks as they are now, in a Map that later marking leaves alone. */
  copy(): Map<number, number> {
    const out = new Map<number, number>();
    this.forEach((h, id) => out.set(id, h));
    return out;
  }

  /** Clears the marks and hands the array on to the next query. */
  release(): void {
    for (const id of this.ids) this.flags[id] = 0;
    this.ids.length = 0;
    this.size = 0;
    if (!spare || spare.length < this.flags.length) spare = this.flags;
  }

  private grow(id: number): void {
    const flags = new Int32Array(Math.max(id + 1, this.flags.length * 2));
    flags.set(this.flags);
    this.flags = flags;
  }
}

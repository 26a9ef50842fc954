// Lists of numbers by sentence position (the events dated in a sentence, the people it mentions), packed in two
// tables of integers: as a Map of arrays they were a map entry and an array per sentence, some 6 MB of heap at
// 10,000 articles (30 at 50,000), made again by every start and every live snapshot.

/** The lists by position, read as a Map of arrays is: `get` gives a fresh array, or undefined for an empty list. */
export class PositionLists implements Iterable<[number, number[]]> {
  private constructor(
    /** Where each position's list starts in `values` (and, at position + 1, where it ends). */
    private readonly starts: Int32Array,
    private readonly values: Int32Array,
  ) {}

  /**
   * Lists for positions 0 to size - 1, filled by `add` in any order of positions; each list keeps the order its
   * values were added in, and a value added twice in a row to one position is kept once.
   */
  static collect(size: number): { add(position: number, value: number): void; done(): PositionLists } {
    // Let go by done(): the caller's closures may outlive it (a start's kept 9 MB of them at 50,000 articles).
    let collected: { positions: number[]; values: number[]; last: Int32Array } | undefined = { positions: [], values: [], last: new Int32Array(size).fill(-1) };
    const open = () => collected ?? raise("position lists: the lists are done already");
    return {
      add(position, value) {
        if (!(position >= 0 && position < size)) throw new Error(`position lists: position ${position} is outside 0-${size - 1}`);
        const { positions, values, last } = open();
        if (last[position] === value) return;
        last[position] = value;
        positions.push(position);
        values.push(value);
      },
      done() {
        const { positions, values } = open();
        collected = undefined;
        const starts = new Int32Array(size + 1);
        for (const p of positions) (starts[p + 1] as number)++;
        for (let p = 0; p < size; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
        const next = starts.slice(0, size);
        const packed = new Int32Array(values.length);
        positions.forEach((p, i) => (packed[(next[p] as number)++] = values[i] as number));
        return new PositionLists(starts, packed);
      },
    };
  }

  /**
   * The lists where value v is at position `positionOf[v]` (-1: at none), each list's values ascending: what collect
   * gives for values added in ascending order, made by counting the positions (no array of pairs collected: the
   * 199,000 events' places at 50,000 articles, which a PostgreSQL shard's /when waits for).
   */
  static ofValues(size: number, positionOf: Int32Array): PositionLists {
    const starts = new Int32Array(size + 1);
    let count = 0;
    for (let v = 0; v < positionOf.length; v++) {
      const p = positionOf[v] as number;
      if (p < 0) continue;
      if (p >= size) throw new Error(`position lists: position ${p} is outside 0-${size - 1}`);
      (starts[p + 1] as number)++;
      count++;
    }
    for (let p = 0; p < size; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
    const next = starts.slice(0, size);
    const packed = new Int32Array(count);
    for (let v = 0; v < positionOf.length; v++) {
      const p = positionOf[v] as number;
      if (p >= 0) packed[(next[p] as number)++] = v;
    }
    return new PositionLists(starts, packed);
  }

  has(position: number): boolean {
    return position >= 0 && position < this.starts.length - 1 && (this.starts[position] as number) < (this.starts[position + 1] as number);
  }

  get(position: number): number[] | undefined {
    if (!this.has(position)) return undefined;
    const out: number[] = [];
    for (let k = this.starts[position] as number; k < (this.starts[position + 1] as number); k++) out.push(this.values[k] as number);
    return out;
  }

  /**
   * Lists saved as their pairs (pairs()): `positions` ascending, each with its value in `values`. Throws where the
   * pairs do not make lists for positions 0 to size - 1 (a damaged or foreign save).
   */
  static ofPairs(size: number, positions: Int32Array, values: Int32Array): PositionLists {
    if (positions.length !== values.length) throw new Error(`position lists: ${positions.length} positions saved with ${values.length} values`);
    const starts = new Int32Array(size + 1);
    let last = 0;
    for (const p of positions) {
      if (!(p >= last && p < size)) throw new Error(`position lists: saved position ${p} is out of order or outside 0-${size - 1}`);
      (starts[p + 1] as number)++;
      last = p;
    }
    for (let p = 0; p < size; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
    return new PositionLists(starts, values);
  }

  /** Every value with its position, positions ascending (each list in its order): what ofPairs takes back. */
  pairs(): { positions: Int32Array; values: Int32Array } {
    const positions = new Int32Array(this.values.length);
    for (let p = 0; p < this.starts.length - 1; p++) positions.fill(p, this.starts[p] as number, this.starts[p + 1] as number);
    return { positions, values: this.values.slice() };
  }

  /** Every position whose list is not empty, with its list, in ascending order. */
  *[Symbol.iterator](): Iterator<[number, number[]]> {
    for (let p = 0; p < this.starts.length - 1; p++) {
      const list = this.get(p);
      if (list) yield [p, list];
    }
  }
}

function raise(message: string): never {
  throw new Error(message);
}

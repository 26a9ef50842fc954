// The knowledge base's dated events, packed: four integers per event (its article, sentence, date and date text, the
// strings numbered in a table of each distinct value). At 50,000 articles the 199,000 event objects and their array
// were some 14 MB of a shard's heap, kept for its life, while an answer reads a few dozen events: an event object is
// made when one is read (`at`), and readers of a single field read it without one.
import type { KbEvent } from "./types.ts";

/** Integers per event: article, sentence, date and date text (the strings by their number in `strings`). */
const WIDTH = 4;

/** An event table as the startup cache saves it (JSON). */
export interface SavedEvents {
  strings: string[];
  numbers: number[];
}

export class EventTable implements Iterable<KbEvent> {
  readonly length: number;

  /** Events as `WIDTH` integers each, strings by their number in `strings` (EventTable.of and EventTableBuilder make them). */
  constructor(
    private readonly strings: readonly string[],
    private readonly numbers: Int32Array,
  ) {
    if (numbers.length % WIDTH !== 0) throw new Error(`event table: ${numbers.length} integers are not events of ${WIDTH}`);
    this.length = numbers.length / WIDTH;
  }

  /** The events of a list, in its order. */
  static of(events: Iterable<KbEvent>): EventTable {
    const builder = new EventTableBuilder();
    for (const e of events) builder.push(e);
    return builder.done();
  }

  /** A table saved by toJSON; throws (naming the fault) when it is not one. */
  static fromJSON(saved: SavedEvents): EventTable {
    const { strings, numbers } = saved ?? {};
    if (!Array.isArray(strings) || !Array.isArray(numbers) || numbers.length % WIDTH !== 0) throw new Error("event table: the saved events are not a table of events");
    const table = Int32Array.from(numbers);
    for (let i = 0; i < table.length; i++) {
      const n = table[i] as number;
      if (i % WIDTH !== 1 && !(n >= 0 && n < strings.length)) throw new Error(`event table: a saved event names string ${n} of ${strings.length}`);
    }
    return new EventTable(strings, table);
  }

  /** The event at `index` (a new object each time), undefined past the end. */
  at(index: number): KbEvent | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    const at = index * WIDTH;
    const n = this.numbers;
    return { article: this.string(n[at] as number), sentence: n[at + 1] as number, date: this.string(n[at + 2] as number), dateText: this.string(n[at + 3] as number) };
  }

  /** The article of event `index` (no event object made). */
  article(index: number): string {
    return this.string(this.numbers[index * WIDTH] as number);
  }

  /** The sentence of event `index` in its article. */
  sentence(index: number): number {
    return this.numbers[index * WIDTH + 1] as number;
  }

  /** The date of event `index`. */
  date(index: number): string {
    return this.string(this.numbers[index * WIDTH + 2] as number);
  }

  /**
   * Where each article's events lie (the first run of them, as a knowledge base holds each article's together), by
   * article: read from the integers, no event or string made.
   */
  articleSpans(): Map<string, { from: number; to: number }> {
    const byNumber = new Map<number, { from: number; to: number }>();
    for (let i = 0; i < this.length; i++) {
      const n = this.numbers[i * WIDTH] as number;
      const span = byNumber.get(n);
      if (!span) byNumber.set(n, { from: i, to: i + 1 });
      else if (span.to === i) span.to = i + 1;
    }
    return new Map([...byNumber].map(([n, span]) => [this.string(n), span]));
  }

  /** The table's strings and integers, for a builder that extends it (EventTableBuilder.extending). */
  packed(): { strings: readonly string[]; numbers: Int32Array } {
    return { strings: this.strings, numbers: this.numbers };
  }

  /** The date text of event `index`. */
  dateText(index: number): string {
    return this.string(this.numbers[index * WIDTH + 3] as number);
  }

  /** The events of one article, in order (an object made for its events only). */
  ofArticle(article: string): KbEvent[] {
    const n = this.strings.indexOf(article);
    const out: KbEvent[] = [];
    if (n < 0) return out;
    for (let i = 0; i < this.length; i++) if (this.numbers[i * WIDTH] === n) out.push(this.at(i) as KbEvent);
    return out;
  }

  *[Symbol.iterator](): Iterator<KbEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as KbEvent;
  }

  /** What JSON.stringify writes (the startup cache): the string table and the integers. */
  toJSON(): SavedEvents {
    return { strings: [...this.strings], numbers: Array.from(this.numbers) };
  }

  private string(n: number): string {
    return this.strings[n] as string;
  }
}

/** Makes an event table one event at a time; its strings are numbered in the order they first appear. */
export class EventTableBuilder {
  private readonly strings: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private numbers = new Int32Array(WIDTH * 1024);
  private used = 0;

  /** The table this builder extends: its events are copied as they are (copy), their strings numbered alike. */
  private base: EventTable | undefined;

  /** A builder whose strings are `table`'s, in its order: a run of its events is then copied without a string made. */
  static extending(table: EventTable): EventTableBuilder {
    const builder = new EventTableBuilder();
    // Every string at its own number (a table saved elsewhere may repeat one): the copied integers keep their meaning.
    for (const value of table.packed().strings) {
      if (!builder.numberOf.has(value)) builder.numberOf.set(value, builder.strings.length);
      builder.strings.push(value);
    }
    builder.base = table;
    return builder;
  }

  /** Events `from` to `to` (exclusive) of the table this builder extends, as they are. */
  copy(table: EventTable, from: number, to: number): void {
    if (table !== this.base) throw new Error("event table: events are copied only from the table a builder extends");
    this.grow((to - from) * WIDTH);
    this.numbers.set(table.packed().numbers.subarray(from * WIDTH, to * WIDTH), this.used);
    this.used += (to - from) * WIDTH;
  }

  push(e: KbEvent): void {
    this.add(e.article, e.sentence, e.date, e.dateText);
  }

  add(article: string, sentence: number, date: string, dateText: string): void {
    this.addNumbered(this.number(article), sentence, this.number(date), this.number(dateText));
  }

  /**
   * An event whose strings are numbered already (`number`, in the order add would number them): a reader that knows
   * each distinct value looks it up once, not once per event (src/search/postgres/storedEvents.ts).
   */
  addNumbered(article: number, sentence: number, date: number, dateText: number): void {
    this.grow(WIDTH);
    const n = this.numbers;
    n[this.used] = article;
    n[this.used + 1] = sentence;
    n[this.used + 2] = date;
    n[this.used + 3] = dateText;
    this.used += WIDTH;
  }

  /** The table (the builder is not to be used after). */
  done(): EventTable {
    // A copy the size of the events: the grown buffer may be twice as large.
    return new EventTable(this.strings, this.numbers.slice(0, this.used));
  }

  /** Room for `more` integers. */
  private grow(more: number): void {
    if (this.used + more <= this.numbers.length) return;
    const grown = new Int32Array(Math.max(this.numbers.length * 2, this.used + more));
    grown.set(this.numbers.subarray(0, this.used));
    this.numbers = grown;
  }

  /** The number of a string in the table, numbered now if it is new. */
  number(value: string): number {
    let n = this.numberOf.get(value);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(value);
      this.numberOf.set(value, n);
    }
    return n;
  }
}

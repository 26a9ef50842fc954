// Every sentence's length (its distinct index terms), which /when ranks events by: read from the database after the
// engine's start (readStoredLengths), taken from the fetches that read them, or worked out from a sentence's text
// where neither did. Apart from engine.ts: a table and a query of their own.
import type pg from "pg";
import { distinctTerms, MAX_TERM_LENGTH } from "./documents.ts";
import { intArray } from "./postings.ts";

/** Sentence lengths read by one statement (a range of stable ids), and taken in between two turns of the event loop. */
const LENGTHS_AT_ONCE = 32_768;

export class SentenceLengths {
  /** By position; -1: not known yet. */
  private readonly lengthCache: Int32Array;

  constructor(sentenceCount: number) {
    this.lengthCache = new Int32Array(sentenceCount).fill(-1);
  }

  /**
   * Takes the lengths of the sentences `held` (the engine's before a write: engineChange.ts) knows, by stable id
   * (a sentence's id is never given to another text: a rewritten article's sentences are inserted anew); returns the
   * stable ids of the sentences it did not hold, the ones to read.
   */
  carry(held: SentenceLengths, heldPosition: (id: number) => number | undefined, sentenceIds: Int32Array): Int32Array {
    const fresh = new Int32Array(sentenceIds.length);
    let n = 0;
    sentenceIds.forEach((id, position) => {
      const q = heldPosition(id);
      if (q === undefined) fresh[n++] = id;
      else this.lengthCache[position] = held.lengthCache[q] ?? -1;
    });
    return fresh.slice(0, n);
  }

  /** Whether every sentence's length is known (workedOut found none unknown). */
  private complete = false;

  /** The positions whose length is not known: a sentence too long for its terms' lengths, or one not read. */
  unknown(): number[] {
    const out: number[] = [];
    for (let p = 0; p < this.lengthCache.length; p++) if ((this.lengthCache[p] as number) < 0) out.push(p);
    return out;
  }

  /** Works out the lengths of the sentences of `texts` (by position) from their texts; complete once none is unknown. */
  workOut(texts: ReadonlyMap<number, string>): void {
    for (const [position, text] of texts) this.length(position, () => text);
    this.complete = this.unknown().length === 0;
  }

  /** Works out every unknown length from the texts `read` gives for their positions. */
  async workOutUnknown(read: (positions: number[]) => Promise<ReadonlyMap<number, string>> | ReadonlyMap<number, string>): Promise<void> {
    this.workOut(await read(this.unknown()));
  }

  /**
   * Every sentence's length by position, once all are known (undefined before): the answers read it as an array,
   * where a view that works out what is unknown (scope.ts) cost them 0.1-1 µs a read (13,000 reads for the events of
   * "the end May"). Read only: the engine's own table.
   */
  every(): Int32Array | undefined {
    return this.complete ? this.lengthCache : undefined;
  }

  /** Keeps a sentence's length read with its postings (-1: not known). */
  set(position: number, length: number): void {
    if (length >= 0 && position < this.lengthCache.length) this.lengthCache[position] = length;
  }

  /**
   * A sentence's length (its distinct index terms), worked out from its text read through `text` where the engine
   * did not read it (a sentence too long for its terms' lengths, or before the lengths are read); undefined while
   * that text is not fetched.
   */
  length(position: number, text: (position: number) => string | undefined): number | undefined {
    const known = this.lengthCache[position];
    if (known === undefined || known >= 0) return known ?? 0;
    const t = text(position);
    if (t === undefined) return undefined;
    const length = distinctTerms(t).length;
    this.lengthCache[position] = length;
    return length;
  }
}

/**
 * Every stored sentence's length (its distinct index terms), read in one query: /when ranks the events that hold
 * every word of a question by their sentence's length, and a question of common words has thousands of them (the
 * 13,000 events of "the end May" at 50,000 articles), each otherwise tokenised from its text (some 40-80 µs each).
 * A sentence written after the engine read is left out (by `take`); one too long for its terms' lengths (a "word"
 * past a lexeme's length) is worked out from its text when read. `take` gets each range's stable ids and lengths.
 * `only`: the stable ids to read, instead of every one.
 */
export async function readStoredLengths(pool: pg.Pool, sentenceIds: Int32Array, take: (ids: Int32Array, lengths: Int32Array) => void, only?: Int32Array): Promise<void> {
  // A client of its own: a query that makes the pool connect one stays reachable from it (kbStore.ts readOnce).
  const client = await pool.connect();
  try {
    const read = async (where: string, values: unknown[]): Promise<void> => {
      const { rows } = await client.query<{ ids: Buffer | null; lengths: Buffer | null }>(
        `SELECT array_send(array_agg(id ORDER BY id)) AS ids,
             array_send(array_agg(CASE WHEN length(text) <= $1 THEN length(terms) END ORDER BY id)) AS lengths
           FROM kb_sentence WHERE ${where}`,
        [MAX_TERM_LENGTH, ...values],
      );
      const row = rows[0];
      if (row?.ids && row.lengths) take(intArray(row.ids), intArray(row.lengths));
    };
    // Only the sentences an engine made from another did not hold (SentenceLengths.carry), by id.
    if (only) {
      for (let from = 0; from < only.length; from += LENGTHS_AT_ONCE) await read("id = ANY($2)", [[...only.subarray(from, from + LENGTHS_AT_ONCE)]]);
      return;
    }
    // A range of ids at a time: the 421,000 sentences of 50,000 articles in one row (two arrays of 6.7 MB as hex
    // text), then their positions, held a process that answers for 0.1 s of CPU under load.
    const last = sentenceIds.reduce((max, id) => Math.max(max, id), -1);
    for (let from = 0; from <= last; from += LENGTHS_AT_ONCE) await read("id >= $2 AND id < $3", [from, from + LENGTHS_AT_ONCE]);
  } finally {
    client.release();
  }
}

// The postings of the sentences, events and quotes indexes in PostgreSQL (kb_posting, migration 004): per term and
// field, the stable ids of every document holding it, kept by the knowledge-base writer (kbStore.ts) in the same
// transaction as the rows, and read by a question's scope (scope.ts) in one index lookup, however common the word.
// What an article adds is worked out by the server from its stored rows (kb_postings_of, in the migration), so the
// writer, the migration and a refill agree by construction.
import type pg from "pg";

export type Kind = "sentences" | "events" | "quotes";

/** A term's postings in one field: stable document ids, ascending, and (sentences) each one's distinct terms. */
export interface PostingRow {
  field: number;
  ids: Int32Array;
  /** -1 where the length must be worked out from the text (a sentence with a "word" too long for a lexeme). */
  lengths: Int32Array | null;
}

/**
 * Every field's postings of each of `terms` in the index of `kind`, in one query (a prefix can stand for hundreds of
 * terms). The arrays come in PostgreSQL's binary form (array_send), read with a DataView: parsing the text of 158,000
 * ids and lengths ("said" in the sentences at 50,000 articles) took 430-640 ms under load. They come base64-encoded
 * (pg reads every column as UTF-8 text: its binary mode cannot carry a bytea), 1.33 characters a byte where a bytea's
 * hex is 2, which Node decodes some three times faster (158,000 ids: 2.3 against 6.8 ms, idle). `lengths: false`: the
 * sentences' lengths are not read (an engine that read every length already): decompressing them on the server took
 * most of the round trip (158,000 ids: 31-40 ms with them, 9-12 without, idle).
 */
export async function readPostings(db: pg.Pool | pg.PoolClient, kind: Kind, terms: readonly string[], { lengths = true } = {}): Promise<Map<string, PostingRow[]>> {
  const withLengths = lengths && kind === "sentences";
  const { rows } = await db.query<{ term: string; field: number; ids: string; lengths: string | null }>({
    name: withLengths ? "kb-postings" : "kb-postings-ids",
    text: `SELECT term, field, encode(array_send(ids), 'base64') AS ids, ${withLengths ? "encode(array_send(lengths), 'base64')" : "NULL"} AS lengths
      FROM kb_posting WHERE kind = $1 AND term = ANY($2)`,
    values: [kind, terms],
  });
  const out = new Map<string, PostingRow[]>(terms.map((t) => [t, []]));
  // Node's base64 decoder passes over the line breaks PostgreSQL's encode puts every 76 characters.
  const decoded = (base64: string): Int32Array => intArray(Buffer.from(base64, "base64"));
  for (const r of rows) out.get(r.term)?.push({ field: r.field, ids: decoded(r.ids), lengths: r.lengths === null ? null : decoded(r.lengths) });
  return out;
}

/** A one-dimensional integer[] in PostgreSQL's binary array format, NULL elements as -1. */
export function intArray(bytes: Buffer): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimensions = view.getInt32(0);
  if (dimensions === 0) return new Int32Array(0);
  if (dimensions !== 1 || view.getUint32(8) !== INT4_OID) throw new Error(`postings: not a one-dimensional integer[] (${dimensions} dimensions)`);
  const out = new Int32Array(view.getInt32(12));
  // Each element: its byte length (-1: NULL), then the big-endian value.
  for (let i = 0, at = 20; i < out.length; i++) {
    const length = view.getInt32(at);
    out[i] = length < 0 ? -1 : view.getInt32(at + 4);
    at += 4 + Math.max(0, length);
  }
  return out;
}
const INT4_OID = 23;

/** Adds the postings of the stored articles `articles`, written after every other (their ids are the largest). */
export async function addPostings(client: pg.PoolClient, articles: readonly string[]): Promise<void> {
  if (articles.length === 0) return;
  await client.query(
    `INSERT INTO kb_posting (term, kind, field, ids, lengths) SELECT * FROM kb_postings_of($1)
     ON CONFLICT (term, kind, field) DO UPDATE SET ids = kb_posting.ids || EXCLUDED.ids, lengths = kb_posting.lengths || EXCLUDED.lengths`,
    [articles],
  );
}

/** Takes the stored articles `articles` out of the postings (before their rows are deleted). */
export async function removePostings(client: pg.PoolClient, articles: readonly string[]): Promise<void> {
  if (articles.length === 0) return;
  // Each array filtered in its order; a sentence row's lengths along with its ids.
  await client.query(
    `UPDATE kb_posting p SET
       ids = ARRAY(SELECT x FROM unnest(p.ids) WITH ORDINALITY AS u(x, o) WHERE x <> ALL (g.ids) ORDER BY o),
       lengths = CASE WHEN p.lengths IS NOT NULL THEN ARRAY(SELECT l FROM unnest(p.ids, p.lengths) WITH ORDINALITY AS u(x, l, o) WHERE x <> ALL (g.ids) ORDER BY o) END
     FROM kb_postings_of($1) g
     WHERE p.term = g.term AND p.kind = g.kind AND p.field = g.field`,
    [articles],
  );
  await client.query(
    `DELETE FROM kb_posting p USING kb_postings_of($1) g
     WHERE p.term = g.term AND p.kind = g.kind AND p.field = g.field AND cardinality(p.ids) = 0`,
    [articles],
  );
}

/** Makes the postings again from every stored row: after a large write, faster than adding to them. */
export async function refillPostings(client: pg.PoolClient): Promise<void> {
  await client.query("TRUNCATE kb_posting");
  await client.query("INSERT INTO kb_posting (term, kind, field, ids, lengths) SELECT * FROM kb_postings_of(ARRAY(SELECT id FROM kb_article))");
}

/**
 * The documents of a term's postings in one field, by the answers' positions, ascending: walked in order, and asked
 * about one document at a time (a candidate found through a rarer word) through a bitmap made on the first such
 * question. A Set of the 100,000 events holding "said" cost some 10 ms to make and 50 ns a lookup.
 */
export class DocumentSet implements Iterable<number> {
  private bits: Uint32Array | undefined;

  /** `positions`: ascending, each below `universe` (the documents of the index). */
  constructor(
    readonly positions: Int32Array,
    private readonly universe: number,
  ) {}

  get size(): number {
    return this.positions.length;
  }

  has(position: number): boolean {
    if (!this.bits) {
      const bits = (this.bits = new Uint32Array((this.universe + 31) >>> 5));
      const positions = this.positions;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i] as number;
        bits[p >>> 5] = (bits[p >>> 5] as number) | (1 << (p & 31));
      }
    }
    return position >= 0 && position < this.universe && ((this.bits[position >>> 5] as number) & (1 << (position & 31))) !== 0;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.positions[Symbol.iterator]();
  }
}

// Packed columns of every article read as one row (storedSentences.ts, storedEvents.ts, storedStages.ts): the server
// joins each article's bytes into one value, sent as base64, with each article's size (and id or number) beside it.
import { endianness } from "node:os";
import type pg from "pg";
import { intArray } from "./postings.ts";

/** A joined column as read: the articles in the server's order (ids if asked for), where each one's integers start and how many. */
export interface JoinedColumns {
  articles: string[];
  numbers: Int32Array;
  starts: Int32Array;
  /** Integers (not bytes) of each article. */
  sizes: Int32Array;
  integers: Int32Array;
  last: string | undefined;
}

/**
 * A bytes column of every article (or a batch of them), each article's integers (int4send's, `width` to a sentence or
 * event) with its number and (`ids`) id: read as one row, the server joining every article's value into one (a bytea
 * per row left some 300,000 small buffers to the allocator at 50,000 articles, whose freed memory stayed in the
 * process). The aggregates have no ORDER BY: they take the rows in the one order the scan gives them, and sorting
 * 10 MB of bytes cost the server more.
 */
export async function readJoinedColumns(
  client: pg.PoolClient,
  column: "sentence_ids" | "sentence_places",
  width: number,
  batch?: { after: string; limit: number },
  ids = true,
): Promise<JoinedColumns> {
  // A batch: the first `limit` articles after `after` in the server's order of ids.
  const from = batch ? `(SELECT id, number, ${column} FROM kb_article WHERE id > $1 ORDER BY id LIMIT $2) b` : "kb_article";
  // The joined bytes as base64, not bytea's hex: a third less text for pg to decode into a string, and Buffer's base64
  // decoder took half the time of the hex one (6.7 MB of places: some 22 against 50 ms), while a shard answers.
  const { rows } = await client.query<JoinedRow & { numbers: Buffer | null; last: string | null }>(
    `SELECT ${ids ? "json_agg(id)" : "NULL"} AS articles, array_send(array_agg(number)) AS numbers, array_send(array_agg(octet_length(${column}))) AS sizes,
      encode(string_agg(${column}, ''::bytea), 'base64') AS joined, max(id) AS last FROM ${from}`,
    batch ? [batch.after, batch.limit] : [],
  );
  const row = rows[0];
  return { ...joinedColumnsOf(row, column, width), numbers: row?.numbers ? intArray(row.numbers) : new Int32Array(0), last: row?.last ?? undefined };
}

/** A joined bytes column as a row holds it: the articles' ids, each one's size in bytes (array_send), the bytes in base64. */
export interface JoinedRow {
  articles: string[] | null;
  sizes: Buffer | null;
  joined: string | null;
}

/** The integers of a joined bytes column (readJoinedColumns), by article in the row's order; throws where they do not add up. */
export function joinedColumnsOf(row: JoinedRow | undefined, column: string, width: number): Omit<JoinedColumns, "last" | "numbers"> {
  const articles = row?.articles ?? [];
  const sizes = row?.sizes ? intArray(row.sizes) : new Int32Array(0);
  // (Its line breaks, one every 76 characters, are skipped by the decoder.)
  const integers = integersOf(Buffer.from(row?.joined ?? "", "base64"));
  const starts = new Int32Array(sizes.length);
  let at = 0;
  for (let i = 0; i < sizes.length; i++) {
    const name = articles[i] === undefined ? `an article (${i + 1} of ${sizes.length} read)` : `"${articles[i]}"`;
    // NULL (a writer that did not pack) reads as -1.
    const size = sizes[i] as number;
    if (size < 0) throw new Error(`kb store: ${name} has no ${column} (kb_article.${column}): its writer did not pack it`);
    const n = size / 4;
    if (n % width !== 0) throw new Error(`kb store: ${name} holds ${n} integers in ${column}, not a multiple of ${width}`);
    starts[i] = at;
    sizes[i] = n;
    at += n;
  }
  if (at !== integers.length) throw new Error(`kb store: the articles' ${column} hold ${integers.length} integers, their sizes say ${at}`);
  return { articles, starts, sizes, integers };
}

/** Big-endian 4-byte integers (int4send's) as a table of integers, in this machine's order. */
export function integersOf(bytes: Buffer): Int32Array {
  if (bytes.length % 4 !== 0) throw new Error(`kb store: ${bytes.length} bytes are not 4-byte integers`);
  // Aligned for the view, and the buffer's own (swapped in place).
  const own = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  if (endianness() === "LE") own.swap32();
  return new Int32Array(own.buffer, own.byteOffset, own.length / 4);
}

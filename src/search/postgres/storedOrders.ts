// The article autocomplete's order saved with the knowledge base (kb_article_order, migration 011): the writer saves
// it beside the version its write leaves (as the name index: storedNames.ts), and a process that opens the knowledge
// base takes it (articleOrders.ts) instead of sorting every article newest first and splitting every title into words
// (some 0.3 s of CPU of a shard's start at 50,000 articles: on the path of its first article suggestion, and beside
// its answers on the path of /when). Read by the stages' module (storedStages.ts), loaded before the bot's modules:
// nothing of the answers is imported here.
import { endianness } from "node:os";
import type pg from "pg";
import { integersOf } from "./joinedColumns.ts";

/**
 * The order as saved: the articles newest first as their places in the corpus's order, and their titles' words as
 * TitleWords holds them (src/answer/titleWords.ts), by those places in that order.
 */
export interface SavedArticleOrder {
  articles: Int32Array;
  vocabulary: string[];
  wordStarts: Int32Array;
  words: Int32Array;
  placeStarts: Int32Array;
  places: Int32Array;
}

const INTEGERS = ["articles", "wordStarts", "words", "placeStarts", "places"] as const;
const COLUMN = { articles: "articles", wordStarts: "word_starts", words: "words", placeStarts: "place_starts", places: "places" } as const;

/** Saves `order` (what the transaction `client` is in leaves stored) beside `version`, the version once it commits. */
export async function saveArticleOrder(client: pg.PoolClient, order: SavedArticleOrder, version: string): Promise<void> {
  await client.query("DELETE FROM kb_article_order");
  await client.query(`INSERT INTO kb_article_order (version, vocabulary, ${INTEGERS.map((k) => COLUMN[k]).join(", ")}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    version,
    JSON.stringify(order.vocabulary),
    ...INTEGERS.map((k) => bigEndian(order[k])),
  ]);
}

/** The saved order, if it was saved beside `version` (the one read in the same state): else undefined. */
export async function readArticleOrder(client: pg.PoolClient, version: Promise<string> | string): Promise<SavedArticleOrder | undefined> {
  // The integers as base64 (as joinedColumns.ts reads its bytes: less text than bytea's hex, decoded faster).
  const { rows } = await client.query<Record<string, string> & { vocabulary: string[] }>(
    `SELECT version, vocabulary, ${INTEGERS.map((k) => `encode(${COLUMN[k]}, 'base64') AS ${COLUMN[k]}`).join(", ")} FROM kb_article_order`,
  );
  const [row] = rows;
  if (!row || row.version !== (await version)) return undefined;
  const ints = (k: (typeof INTEGERS)[number]): Int32Array => integersOf(Buffer.from(row[COLUMN[k]] ?? "", "base64"));
  return { vocabulary: row.vocabulary, articles: ints("articles"), wordStarts: ints("wordStarts"), words: ints("words"), placeStarts: ints("placeStarts"), places: ints("places") };
}

/** Integers as int4send's bytes (big-endian), as integersOf reads them (the saved role indexes' too: storedRoles.ts). */
export function bigEndian(ints: Int32Array): Buffer {
  const bytes = Buffer.from(ints.buffer.slice(ints.byteOffset, ints.byteOffset + ints.byteLength));
  if (endianness() === "LE") bytes.swap32();
  return bytes;
}

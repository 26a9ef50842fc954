// The article autocomplete's order saved with the knowledge base (kb_article_order, migration 012): the writer saves
// it beside the version its write leaves (as the name index: storedNames.ts), and a process that opens the knowledge
// base takes it (articleOrders.ts) instead of sorting every article newest first and splitting every title into words
// (some 0.3 s of CPU of a shard's start at 50,000 articles: on the path of its first article suggestion, and beside
// its answers on the path of /when). Read by the stages' module (storedStages.ts), loaded before the bot's modules:
// nothing of the answers is imported here.
import { endianness } from "node:os";
import type pg from "pg";
import { integersOf } from "./storedSentences.ts";

/** The order as saved: the articles newest first as their places in the corpus's order, and their titles' words. */
export interface SavedArticleOrder {
  places: Int32Array;
  /** TitleWords' sorted vocabulary, and each article's words by number, in the order of `places`. */
  vocabulary: string[];
  wordStarts: Int32Array;
  words: Int32Array;
}

/** Saves `order` (what the transaction `client` is in leaves stored) beside `version`, the version once it commits. */
export async function saveArticleOrder(client: pg.PoolClient, order: SavedArticleOrder, version: string): Promise<void> {
  await client.query("DELETE FROM kb_article_order");
  await client.query("INSERT INTO kb_article_order (version, places, vocabulary, word_starts, words) VALUES ($1, $2, $3, $4, $5)", [
    version,
    bigEndian(order.places),
    JSON.stringify(order.vocabulary),
    bigEndian(order.wordStarts),
    bigEndian(order.words),
  ]);
}

/** The saved order, if it was saved beside `version` (the one read in the same state): else undefined. */
export async function readArticleOrder(client: pg.PoolClient, version: Promise<string> | string): Promise<SavedArticleOrder | undefined> {
  // The integers as base64 (as readJoined reads its bytes: less text than bytea's hex, decoded faster).
  const { rows } = await client.query<{ version: string; places: string; vocabulary: string[]; word_starts: string; words: string }>(
    "SELECT version, encode(places, 'base64') AS places, vocabulary, encode(word_starts, 'base64') AS word_starts, encode(words, 'base64') AS words FROM kb_article_order",
  );
  const [row] = rows;
  if (!row || row.version !== (await version)) return undefined;
  const ints = (base64: string): Int32Array => integersOf(Buffer.from(base64, "base64"));
  return { places: ints(row.places), vocabulary: row.vocabulary, wordStarts: ints(row.word_starts), words: ints(row.words) };
}

/** Integers as int4send's bytes (big-endian), as integersOf reads them. */
function bigEndian(ints: Int32Array): Buffer {
  const bytes = Buffer.from(ints.buffer.slice(ints.byteOffset, ints.byteOffset + ints.byteLength));
  if (endianness() === "LE") bytes.swap32();
  return bytes;
}

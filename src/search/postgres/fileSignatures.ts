// Each stored article's corpus file and its signature when the stored hash was read from it (migration 009): what a
// new leader compares the folder with, so that its catch-up reads only the files changed since (corpusWriter.ts).
import type pg from "pg";
import type { ArticleMeta } from "../../corpus/types.ts";

export interface StoredFile {
  id: string;
  hash: string;
  meta: ArticleMeta;
  /** The file's name in the corpus folder, and its signature; null when not known. */
  name: string | null;
  signature: string | null;
}

/** Every stored article's file, signature, hash and front matter. */
export async function readFileSignatures(db: pg.Pool | pg.PoolClient): Promise<StoredFile[]> {
  const { rows } = await db.query<StoredFile>("SELECT id, hash, meta, file_name AS name, file_signature AS signature FROM kb_article");
  return rows;
}

/**
 * Stores the files' signatures, each only where the stored article still has the hash read under it: a signature never
 * vouches for bytes the stored hash was not made of (a write that failed, another leader's write meanwhile).
 * Returns how many rows took one.
 */
export async function storeFileSignatures(db: pg.Pool | pg.PoolClient, files: readonly { id: string; hash: string; name: string; signature: string }[]): Promise<number> {
  if (files.length === 0) return 0;
  const { rowCount } = await db.query(
    `UPDATE kb_article a SET file_name = f.name, file_signature = f.signature
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) f(id, hash, name, signature)
      WHERE a.id = f.id AND a.hash = f.hash AND (a.file_name, a.file_signature) IS DISTINCT FROM (f.name, f.signature)`,
    [files.map((f) => f.id), files.map((f) => f.hash), files.map((f) => f.name), files.map((f) => f.signature)],
  );
  return rowCount ?? 0;
}

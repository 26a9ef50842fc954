/** Front matter every article file carries, after validation. */
export interface ArticleMeta {
  title: string;
  outlet: string;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD": as precise as the publisher's date is known. */
  published: string;
  url?: string;
  author?: string;
}

/** One article as the rest of the pipeline sees it. */
export interface Article {
  /** File name without `.md`: stable, used in citations and the `kb` contract. */
  id: string;
  /** Absolute path of the file it came from. */
  file: string;
  meta: ArticleMeta;
  /** Hash of the id and the file's bytes: equal hashes mean equal extraction input (the facts cache's key). */
  hash: string;
  /**
   * The file as it was when `hash` was taken: inode, size, modification and change times (see fileSignature). A
   * later start that finds the same signature knows the bytes are the same without reading them.
   */
  signature: string;
  /** The body exactly as in the file (after the front matter). */
  body: string;
  /** The body normalised for processing; every offset the extractors report is into this string. */
  text: string;
  /** Maps an offset in `text` back to the offset in `body` it came from (for citing the original). */
  toOriginal(offset: number): number;
}

// An article as an earlier start read it (its id, hash, signature and front matter saved with the startup build),
// its file read only if its text is asked for: what a warm start makes of each of 10,000 files. Kept apart from
// load.ts, whose source names the facts cache (src/pipeline/codeFingerprint.ts): this changes no extracted fact.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { KnownFile } from "./load.ts";
import { lazyArticle } from "./lazyArticle.ts";
import type { Article } from "./types.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function savedArticle(file: string, known: KnownFile): Article {
  const source = (): string => {
    try {
      return utf8.decode(readFileSync(file)).replace(/^\uFEFF/, "");
    } catch (err) {
      throw new Error(`${path.basename(file)} is no longer readable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
  };
  return lazyArticle(path.basename(file).replace(/\.md$/i, ""), file, known.hash, known.signature, known.meta, source);
}

// An article as an earlier start read it (its id, hash, signature and front matter saved with the startup build),
// its file read only if its text is asked for: what a warm start makes of each of 10,000 files. A class, so that
// every article shares its getters (an object literal with getters of its own per article gives each its own
// hidden class: 60-120 ms at 10,000 articles); its path is joined by hand and its offset map made when first taken
// (path.join and a closure per article cost a warm start 30-40 ms at 10,000 articles). Kept apart from load.ts and lazyArticle.ts, whose sources name the
// facts cache (src/pipeline/codeFingerprint.ts): this changes no extracted fact.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArticleFile } from "./frontMatter.ts";
import type { KnownFile } from "./load.ts";
import { normalise, type NormalisedText } from "./normalise.ts";
import type { Article, ArticleMeta } from "./types.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

class SavedArticle implements Article {
  #body: string | undefined;
  #normalised: NormalisedText | undefined;
  #toOriginal: ((offset: number) => number) | undefined;

  constructor(
    readonly id: string,
    readonly file: string,
    readonly hash: string,
    readonly signature: string,
    readonly meta: ArticleMeta,
  ) {}

  get body(): string {
    return (this.#body ??= parseArticleFile(this.#source()).body);
  }

  get text(): string {
    return this.#text().text;
  }

  // A function of this article's own: callers may take it off the article.
  get toOriginal(): (offset: number) => number {
    return (this.#toOriginal ??= (offset) => this.#text().toOriginal(offset));
  }

  #text(): NormalisedText {
    return (this.#normalised ??= normalise(this.body));
  }

  #source(): string {
    try {
      return utf8.decode(readFileSync(this.file)).replace(/^\uFEFF/, "");
    } catch (err) {
      throw new Error(`${path.basename(this.file)} is no longer readable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
  }
}

/** The article of the file `name` (a file name, as listed) in the folder `dir` (an absolute path). */
export function savedArticle(dir: string, name: string, known: KnownFile): Article {
  return new SavedArticle(name.replace(/\.md$/i, ""), dir.endsWith(path.sep) ? dir + name : `${dir}${path.sep}${name}`, known.hash, known.signature, known.meta);
}

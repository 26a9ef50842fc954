// An article whose facts are already cached: its front matter comes from the cache and its body is parsed and
// normalised only if something asks for it (its file is even read only then, when its signature vouched for it).
// On a warm start nothing does, which is what makes it fast. A live corpus reads new files this way too (LoadOptions
// deferText), so that normalising a large one happens on the worker thread that extracts it.
import { parseArticleFile } from "./frontMatter.ts";
import { normalise, type NormalisedText } from "./normalise.ts";
import type { Article, ArticleMeta } from "./types.ts";

export function lazyArticle(id: string, file: string, hash: string, signature: string, meta: ArticleMeta, source: string | (() => string), parsed?: string): Article {
  let body: string | undefined = parsed;
  let normalised: NormalisedText | undefined;
  const parsedBody = (): string => (body ??= parseArticleFile(typeof source === "string" ? source : source()).body);
  const text = (): NormalisedText => (normalised ??= normalise(parsedBody()));
  return {
    id,
    file,
    hash,
    signature,
    meta,
    get body() {
      return parsedBody();
    },
    get text() {
      return text().text;
    },
    toOriginal: (offset) => text().toOriginal(offset),
  };
}

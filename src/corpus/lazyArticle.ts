// An article whose facts are already cached: its front matter comes from the cache and its body is parsed and
// normalised only if something asks for it (its file is even read only then, when its signature vouched for it).
// On a warm start nothing does, which is what makes it fast.
import { parseArticleFile } from "./frontMatter.ts";
import { normalise, type NormalisedText } from "./normalise.ts";
import type { Article, ArticleMeta } from "./types.ts";

export function lazyArticle(id: string, file: string, hash: string, signature: string, meta: ArticleMeta, source: string | (() => string)): Article {
  let body: string | undefined;
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

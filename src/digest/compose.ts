// The quote of the day as an embed: the words, the speaker, and the citation line every answer carries.
import type { KbQuote, KnowledgeBase } from "../kb/types.ts";
import { fitEmbed, sourceLine } from "../render/format.ts";
import { escapeTruncate } from "../render/limits.ts";
import type { EmbedView } from "../render/model.ts";

export const DIGEST_COLOR = 0x805ad5;

export function composeDigest(kb: KnowledgeBase, quote: KbQuote): EmbedView {
  const article = kb.articles.find((a) => a.id === quote.article);
  const speaker = quote.speaker ? `\n> — **${escapeTruncate(quote.speaker, 100)}**` : "";
  const source = article
    ? `\n${sourceLine({ article: article.id, title: article.title, outlet: article.outlet, published: article.published, ...(article.url ? { url: article.url } : {}) })}`
    : "";
  return fitEmbed({
    title: "Quote of the day",
    description: `> “${escapeTruncate(quote.text, 1500)}”${speaker}${source}`,
    fields: [],
    footer: "Ask for more: /quote",
    color: DIGEST_COLOR,
  });
}

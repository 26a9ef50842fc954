// A follow DM: one embed per new article (its title, linked; outlet and date; what matched: the quote or the
// sentence, under the person or the words it matched), up to Discord's 10 embeds and 6,000 characters, the rest
// listed by title in a last one; and how to stop.
import { fitEmbed, formatDate, safeUrl } from "../render/format.ts";
import { escapeTruncate, LIMITS } from "../render/limits.ts";
import type { EmbedView } from "../render/model.ts";
import type { PendingArticle } from "./store.ts";

export const FOLLOW_COLOR = 0x6b46c1;
/** Articles shown in full; the rest are listed by title in one more embed. */
const FULL = 9;
const HOW_TO_STOP = "Stop: /unfollow · Your follows: /follow list";

export interface FollowDm {
  content: string;
  embeds: EmbedView[];
}

function matchLines(article: PendingArticle): string {
  const byLabel = new Map<string, string[]>();
  for (const item of article.items) {
    const text = item.speaker ? `> “${escapeTruncate(item.text, 300)}”` : `> ${escapeTruncate(item.text, 300)}`;
    const heading = item.kind === "person" ? `**${escapeTruncate(item.label, 80)}**${item.speaker ? " is quoted" : " is mentioned"}` : `*“${escapeTruncate(item.label, 80)}”*`;
    byLabel.set(heading, [...(byLabel.get(heading) ?? []), text]);
  }
  return [...byLabel].map(([heading, texts]) => `${heading}\n${texts.join("\n")}`).join("\n\n");
}

function articleEmbed(article: PendingArticle, budget: number): EmbedView {
  const embed: EmbedView = {
    title: escapeTruncate(article.title, LIMITS.title),
    description: `*${escapeTruncate(article.outlet, 100)}* · ${formatDate(article.published)}\n\n${matchLines(article)}`,
    fields: [],
    color: FOLLOW_COLOR,
  };
  const url = safeUrl(article.url);
  if (url) embed.url = url;
  return fitEmbed(embed, budget);
}

/** The DM for a batch of articles: within every limit, however many joined it. */
export function composeFollowDm(articles: readonly PendingArticle[]): FollowDm {
  const shown = articles.slice(0, articles.length > FULL + 1 ? FULL : FULL + 1);
  const rest = articles.slice(shown.length);
  const budget = Math.floor((LIMITS.total - HOW_TO_STOP.length - 600) / (shown.length + (rest.length > 0 ? 1 : 0)));
  const embeds = shown.map((a) => articleEmbed(a, budget));
  if (rest.length > 0) {
    const lines = rest.map((a) => {
      const url = safeUrl(a.url);
      const title = escapeTruncate(a.title, 120);
      return `• ${url ? `[${title}](${url})` : title} · *${escapeTruncate(a.outlet, 60)}*`;
    });
    embeds.push(fitEmbed({ title: `And ${rest.length} more`, description: lines.join("\n"), fields: [], color: FOLLOW_COLOR }, budget));
  }
  const last = embeds.at(-1);
  if (last) last.footer = HOW_TO_STOP;
  const n = articles.length;
  return { content: `New in the news you follow: ${n} article${n === 1 ? "" : "s"}.`, embeds };
}

import { UserError } from "../src/render/errors.ts";
import { escapeTruncate } from "../src/render/limits.ts";
import { botCommand } from "./define.ts";
import { text } from "./options.ts";
import type { ArticleRef, LiveCorpus } from "./services.ts";

const article = text("The article (start typing its title)", { required: true, autocomplete: true, maxLength: 100 });

export const announce = botCommand({
  name: "announce",
  description: "Admin: preview an article's announcement, or post it again.",
  requires: ["admin"],
  subcommands: {
    preview: { description: "See the announcement of an article, privately", options: { article } },
    resend: { description: "Post the announcement of an article to the announcement channels again", options: { article } },
  },
  async run({ corpus, announcements }, { subcommand, options }) {
    const found = findArticle(corpus, options.article ?? "");
    const title = `**${escapeTruncate(found.title, 200)}**`;
    if (subcommand === "resend") {
      const channels = announcements.channels();
      if (channels.length === 0) {
        throw new UserError("no-announce-channel", "No announcement channel is configured: set `ANNOUNCE_CHANNEL_IDS` and restart the bot.");
      }
      await announcements.resend(found.id);
      return { content: `Queued the announcement of ${title} for ${channels.map((c) => `<#${c}>`).join(", ")}.` };
    }
    const embed = announcements.preview(found.id);
    if (!embed) throw new UserError("article-gone", "That article is not in the corpus any more.");
    return { content: `Preview (only you see it) of the announcement of ${title}:`, embeds: [embed] };
  },
  autocomplete: (answers, _option, value) => answers.suggest("article", value),
});

/** The article an option names: the id autocomplete fills in, else a title typed out in full or in part. */
function findArticle(corpus: LiveCorpus, value: string): ArticleRef {
  const articles = corpus.articles();
  const wanted = value.trim().toLowerCase();
  const found =
    articles.find((a) => a.id === value.trim()) ??
    articles.find((a) => a.title.toLowerCase() === wanted) ??
    (wanted ? articles.find((a) => a.title.toLowerCase().includes(wanted)) : undefined);
  if (!found) {
    throw new UserError("no-such-article", `No article matches “${escapeTruncate(value, 100)}”. Start typing its title and pick one.`);
  }
  return found;
}

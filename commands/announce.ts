import { UserError } from "../src/render/errors.ts";
import { escapeTruncate } from "../src/render/limits.ts";
import { CHANNEL_SUBCOMMANDS, listChannels, removeChannel, setChannel } from "./announceChannel.ts";
import { botCommand } from "./define.ts";
import { text } from "./options.ts";
import type { ArticleRef, LiveCorpus } from "./services.ts";

const article = text("The article (start typing its title)", { required: true, autocomplete: true, maxLength: 100 });

export const announce = botCommand({
  name: "announce",
  description: "Admin: where and how new articles are announced; preview or post one again.",
  requires: ["admin"],
  subcommands: {
    preview: { description: "See the announcement of an article, privately", options: { article } },
    resend: { description: "Post the announcement of an article to the announcement channels again", options: { article } },
    ...CHANNEL_SUBCOMMANDS,
  },
  groups: { channel: "Announcement channels: filter, mode, thread, role" },
  async run({ corpus, announcements }, input, { answers, guildId }) {
    if (input.subcommand === "channel set") return { content: await setChannel(announcements, answers, input.options, guildId) };
    if (input.subcommand === "channel remove") return { content: await removeChannel(announcements, input.options.channel) };
    if (input.subcommand === "channel list") return { content: listChannels(announcements) };
    const { subcommand, options } = input;
    const found = findArticle(corpus, options.article ?? "");
    const title = `**${escapeTruncate(found.title, 200)}**`;
    if (subcommand === "resend") {
      const channels = announcements.channels();
      if (channels.length === 0) {
        throw new UserError("no-announce-channel", "No announcement channel yet: `/announce channel set channel:#news` adds one.");
      }
      await announcements.resend(found.id);
      return { content: `Queued the announcement of ${title} for the channels it is for, among ${channels.map((c) => `<#${c}>`).join(", ")}.` };
    }
    const embed = await announcements.preview(found.id);
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

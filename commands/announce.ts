import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type SlashCommandStringOption } from "discord.js";
import { composeAnnouncement } from "../src/announce/compose.ts";
import type { AdminCommand, AdminServices } from "../src/discord/adminCommand.ts";
import type { KbArticle } from "../src/kb/types.ts";
import { UserError } from "../src/render/errors.ts";
import { escapeTruncate } from "../src/render/limits.ts";
import { str } from "./types.ts";

const articleOption = (description: string) => (o: SlashCommandStringOption) =>
  o.setName("article").setDescription(description).setRequired(true).setAutocomplete(true).setMaxLength(100);

export const announce: AdminCommand = {
  data: new SlashCommandBuilder()
    .setName("announce")
    .setDescription("Admin: preview an article's announcement, or post it again.")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s.setName("preview").setDescription("See the announcement of an article, privately").addStringOption(articleOption("The article (start typing its title)")),
    )
    .addSubcommand((s) =>
      s.setName("resend").setDescription("Post the announcement of an article to the announcement channels again").addStringOption(articleOption("The article (start typing its title)")),
    )
    .toJSON(),
  run() {
    throw new UserError("admin-in-console", "`/announce` is a server admin command: use it in Discord.");
  },
  autocomplete: (answers, _option, value) => answers.suggest("article", value),
  admin: {
    async handle(services, subcommand, options) {
      const article = findArticle(services, str(options, "article") ?? "");
      const title = `**${escapeTruncate(article.title, 200)}**`;
      if (subcommand === "resend") {
        const channels = services.announceChannels();
        if (channels.length === 0) throw new UserError("no-announce-channel", "No announcement channel is configured: set `ANNOUNCE_CHANNEL_IDS` and restart the bot.");
        await services.resend(article.id);
        return { content: `Queued the announcement of ${title} for ${channels.map((c) => `<#${c}>`).join(", ")}.` };
      }
      const embed = composeAnnouncement(services.knowledge(), article.id);
      if (!embed) throw new UserError("article-gone", "That article is not in the corpus any more.");
      return { content: `Preview (only you see it) of the announcement of ${title}:`, embeds: [embed] };
    },
  },
};

/** The article an option names: the id autocomplete fills in, else a title typed out in full or in part. */
function findArticle(services: AdminServices, value: string): KbArticle {
  const articles = services.knowledge().articles;
  const wanted = value.trim().toLowerCase();
  const found =
    articles.find((a) => a.id === value.trim()) ??
    articles.find((a) => a.title.toLowerCase() === wanted) ??
    (wanted ? articles.find((a) => a.title.toLowerCase().includes(wanted)) : undefined);
  if (!found) throw new UserError("no-such-article", `No article matches “${escapeTruncate(value, 100)}”. Start typing its title and pick one.`);
  return found;
}

// The announcements as /announce uses them (commands/services.ts): the channels and how each announces, a preview
// composed from the corpus being answered from, and a resend through the announcer's queue.
import type { Announcements } from "../../commands/services.ts";
import { readArticleTexts } from "../kb/articleTexts.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Announcer } from "./announcer.ts";
import type { ChannelConfig } from "./channels.ts";
import { DEFAULT_SETTINGS } from "./channels.ts";
import { composeAnnouncement } from "./compose.ts";

/** Without `config` (a fixed channel list), the channels cannot be changed: they all announce with the defaults. */
export function announcementsOf(
  announcer: Pick<Announcer, "channels" | "resend"> & Partial<Pick<Announcer, "preview">>,
  knowledge: () => KnowledgeBase,
  config?: Pick<ChannelConfig, "settings" | "configure" | "remove">,
): Announcements {
  const fixed = async () => {
    throw new Error("the announcement channels are fixed here");
  };
  return {
    channels: () => announcer.channels,
    settings: (channel) => config?.settings(channel) ?? { ...DEFAULT_SETTINGS },
    configure: (channel, patch, reset) => config?.configure(channel, patch, reset) ?? fixed(),
    remove: (channel) => config?.remove(channel) ?? fixed(),
    preview: async (articleId) => {
      const kb = knowledge();
      return announcer.preview ? announcer.preview(kb, articleId) : composeAnnouncement(kb, articleId, await readArticleTexts(kb, [articleId]));
    },
    resend: (articleId) => announcer.resend(knowledge(), articleId),
  };
}

// The announcements as /announce uses them (commands/services.ts): the channels and how each announces, a preview
// composed from the corpus being answered from, and a resend through the announcer's queue.
import type { Announcements } from "../../commands/services.ts";
import { readArticleTexts } from "../kb/articleTexts.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import { oncePartsRead } from "../search/engine.ts";
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
    // A shard's knowledge base in its first seconds has no events yet (src/live/sharedKnowledge.ts): the preview and
    // the resend wait for them, as the answers do, then compose from the knowledge base as it then is. The resend
    // composes before it queues anything, so running it again posts once.
    preview: (articleId) =>
      oncePartsRead(async () => {
        const kb = knowledge();
        return announcer.preview ? announcer.preview(kb, articleId) : composeAnnouncement(kb, articleId, await readArticleTexts(kb, [articleId]));
      }),
    resend: (articleId) => oncePartsRead(() => announcer.resend(knowledge(), articleId)),
  };
}

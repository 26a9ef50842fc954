// The announcements as /announce uses them (commands/services.ts): the channels, a preview composed from the corpus
// being answered from, and a resend through the announcer's queue.
import type { Announcements } from "../../commands/services.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Announcer } from "./announcer.ts";
import { composeAnnouncement } from "./compose.ts";

export function announcementsOf(announcer: Pick<Announcer, "channels" | "resend">, knowledge: () => KnowledgeBase): Announcements {
  return {
    channels: () => announcer.channels,
    preview: (articleId) => composeAnnouncement(knowledge(), articleId),
    resend: (articleId) => announcer.resend(knowledge(), articleId),
  };
}

// Admin commands (/announce, /reload) act on the running bot rather than only reading the corpus, so they get the
// bot's services instead of the pure `run`. They are registered with default_member_permissions (Manage Server)
// and the router checks the member's permissions again when one runs: a server can override the default.
import type { Command, OptionValues } from "../../commands/types.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { ReloadReport } from "../live/liveKnowledge.ts";
import type { EmbedView } from "../render/model.ts";

/** What the running bot lets admin commands do. */
export interface AdminServices {
  /** The knowledge base now being answered from. */
  knowledge(): KnowledgeBase;
  /** ANNOUNCE_CHANNEL_IDS. */
  announceChannels(): readonly string[];
  /** Queues the article's announcement for every channel; false when there is no such article. */
  resend(articleId: string): Promise<boolean>;
  /** Re-reads the corpus folder and rebuilds; resolves when the new corpus is live. */
  reload(): Promise<ReloadReport>;
}

/** A private answer to an admin. */
export interface AdminReply {
  content?: string;
  embeds?: EmbedView[];
}

export interface AdminCommand extends Command {
  admin: {
    /** Runs the command (already acknowledged privately). Throws UserError for bad input. */
    handle(services: AdminServices, subcommand: string | null, options: OptionValues): Promise<AdminReply>;
  };
}

export function isAdminCommand(command: Command): command is AdminCommand {
  return "admin" in command && typeof (command as Partial<AdminCommand>).admin?.handle === "function";
}

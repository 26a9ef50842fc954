import { plain, LIMITS } from "./limits.ts";
import type { AnswerView, ButtonView, ReplyModel } from "./model.ts";

export interface ReplyOptions {
  page?: number;
  /** Only the asker sees it, with a "Share in channel" button. */
  ephemeral?: boolean;
}

/** One page of an answer as a message: the page's embed, "Page i/n" in the footer, Previous/Next and Share buttons. */
export function buildReply(view: AnswerView, options: ReplyOptions = {}): ReplyModel {
  const n = view.pages.length;
  const page = Math.min(Math.max(0, options.page ?? 0), n - 1);
  const embed = { ...(view.pages[page] as NonNullable<AnswerView["pages"][number]>) };
  if (n > 1) embed.footer = plain(`Page ${page + 1}/${n}${embed.footer ? ` · ${embed.footer}` : ""}`, LIMITS.footer);
  const buttons: ButtonView[] = [];
  if (n > 1) {
    buttons.push({ action: "prev", label: "Previous", page: Math.max(0, page - 1), disabled: page === 0 });
    buttons.push({ action: "next", label: "Next", page: page + 1, disabled: page >= n - 1 });
  }
  const ephemeral = options.ephemeral ?? false;
  if (ephemeral) buttons.push({ action: "share", label: "Share in channel", page, disabled: false });
  return { embeds: [embed], buttons, ephemeral };
}


// What goes into the queue for an article: its announcement for each channel whose filter and mode let it through
// (with the channel's role and thread), the summary post that articles past the burst limit join, and the edits that
// copies of a story announced make. Apart from announcer.ts, which decides when (burst, copies, the record).
import type { APIEmbed } from "discord.js";
import type { ChannelSettings } from "../../commands/services.ts";
import { passesFilter } from "../answer/articleMatch.ts";
import { toApiEmbed } from "../discord/payload.ts";
import type { ArticleSentences } from "../kb/articleTexts.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import { plain } from "../render/limits.ts";
import type { EmbedView } from "../render/model.ts";
import { DEFAULT_SETTINGS } from "./channels.ts";
import { composeAnnouncement, composeSummary, foldedArticle } from "./compose.ts";
import type { AnnouncementRecord } from "./record.ts";
import type { MessageUpdate, NewMessage } from "./recordShape.ts";

/** The channels announced in and how each announces (src/announce/channels.ts), read at every use: /announce channel changes them. */
export interface ChannelDirectory {
  channels(): readonly string[];
  settings(channel: string): ChannelSettings;
}

/** A summary post waits this long for more articles to join it (each one that joins starts the wait again)… */
export const SUMMARY_QUIET_MS = 60_000;
/** …but goes out at most this long after it was first queued. */
export const SUMMARY_MAX_WAIT_MS = 10 * 60_000;

export class AnnouncementMessages {
  constructor(
    private record: AnnouncementRecord,
    private directory: readonly string[] | ChannelDirectory,
  ) {}

  get channels(): readonly string[] {
    const c = this.directory;
    return "channels" in c ? c.channels() : c;
  }

  private settings(channel: string): ChannelSettings {
    const c = this.directory;
    return "settings" in c ? c.settings(channel) : DEFAULT_SETTINGS;
  }

  /** The channels whose filter and mode let the article through (`texts`: its sentences, read). */
  private channelsFor(kb: KnowledgeBase, id: string, texts: ArticleSentences): string[] {
    return this.channels.filter((channel) => {
      const s = this.settings(channel);
      return passesFilter(kb, id, { people: s.people, words: s.words, outlets: s.outlets, quotesOnly: s.mode === "quotes" }, texts);
    });
  }

  /** The article's announcement, with the copies of its story from other outlets recorded so far (`texts`: its sentences, read). */
  announcement(kb: KnowledgeBase, id: string, texts: ArticleSentences, copies: readonly string[] = this.record.copiesOf(id)): EmbedView | undefined {
    return composeAnnouncement(kb, id, texts, copies.map((c) => foldedArticle(kb, c)));
  }

  /** The article's announcement for each channel it is for, with the channel's role and thread. */
  articleMessages(kb: KnowledgeBase, id: string, texts: ArticleSentences, label: string, copies?: readonly string[], resend = false): NewMessage[] {
    const embed = this.announcement(kb, id, texts, copies);
    if (!embed) return [];
    const api = toApiEmbed(embed);
    const title = kb.articles.find((a) => a.id === id)?.title ?? id;
    return this.channelsFor(kb, id, texts).map((channel) => {
      const { role, thread } = this.settings(channel);
      return { channel, label, embed: api, article: id, ...(role && { role }), ...(thread && { thread: threadName(title) }), ...(resend && { resend }) };
    });
  }

  /**
   * The articles `folded` (past the burst limit) join one summary post per channel they are for: the channel's open
   * summary, updated in place, or a new one that waits for more to join.
   */
  summaries(kb: KnowledgeBase, folded: string[], texts: ArticleSentences, now: number): { messages: NewMessage[]; updates: MessageUpdate[] } {
    const messages: NewMessage[] = [];
    const updates: MessageUpdate[] = [];
    for (const channel of this.channels) {
      const mine = folded.filter((id) => this.channelsFor(kb, id, texts).includes(channel)).map((id) => foldedArticle(kb, id));
      if (mine.length === 0) continue;
      const open = this.record.openSummary(channel, now);
      const all = [...(open?.folded ?? []), ...mine];
      const embed = toApiEmbed(composeSummary(all));
      const openedAt = open?.openedAt ?? now;
      const nextAt = Math.min(now + SUMMARY_QUIET_MS, openedAt + SUMMARY_MAX_WAIT_MS);
      if (open) updates.push({ id: open.id, embed, folded: all, nextAt });
      else messages.push({ channel, label: "summary", embed, folded: all, nextAt, openedAt });
    }
    return { messages, updates };
  }

  /**
   * What copies of stories change: the story's announcement, where it is posted (an edit) or still queued (updated
   * in place), lists them; a channel the copy is for and its story is not gets the copy as the story's first post.
   */
  copyMessages(
    kb: KnowledgeBase,
    texts: ArticleSentences,
    copies: { id: string; of: string }[],
    batch: Set<string>,
    copiesOf: (story: string) => string[],
  ): { messages: NewMessage[]; updates: MessageUpdate[] } {
    const messages: NewMessage[] = [];
    const updates: MessageUpdate[] = [];
    const current = new Set(this.channels);
    for (const story of new Set(copies.map((c) => c.of))) {
      if (batch.has(story)) continue; // announced in this same batch, with its copies listed already
      const embed = this.announcement(kb, story, texts, copiesOf(story));
      if (!embed) continue;
      const api = toApiEmbed(embed);
      for (const [channel, message] of Object.entries(this.record.postedFor(story))) {
        if (current.has(channel)) messages.push({ channel, label: `copies of ${story}`, embed: api, edit: message });
      }
      for (const m of this.record.queuedFor(story)) updates.push({ id: m.id, embed: api });
    }
    for (const { id, of } of copies) {
      const theirs = new Set(this.channelsFor(kb, of, texts));
      messages.push(...this.articleMessages(kb, id, texts, `article ${id}`).filter((m) => !theirs.has(m.channel)));
    }
    return { messages, updates };
  }

  forEachChannel(embed: EmbedView, label: string): { channel: string; label: string; embed: APIEmbed }[] {
    const api = toApiEmbed(embed);
    return this.channels.map((channel) => ({ channel, label, embed: api }));
  }
}

/** A thread's name: the article's title, within Discord's 100 characters. */
export const threadName = (title: string): string => plain(title, 100) || "Discussion";

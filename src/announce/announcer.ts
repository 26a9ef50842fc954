// Announces new articles in the configured channels. New articles go into the record's queue (marked announced
// in the same write); one worker per channel sends that channel's queue in order (channelQueues.ts), so a channel
// that is slow, failing or forbidden never holds up another, nor the bot. A failed send waits with exponential
// backoff, and the channel's later messages wait behind it (they go out in order). What is queued for an article,
// a summary or a copy is made by announcementMessages.ts.
import { readArticleTexts, type ArticleSentences } from "../kb/articleTexts.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import type { EmbedView } from "../render/model.ts";
import { AnnouncementMessages, type ChannelDirectory } from "./announcementMessages.ts";
import { ChannelQueues } from "./channelQueues.ts";
import type { AnnouncementRecord } from "./record.ts";
import type { MessageUpdate, NewMessage } from "./recordShape.ts";
import type { SendMessage } from "./sender.ts";
import { StoryTracker } from "./stories.ts";

export interface AnnouncerOptions {
  /** The channels, or (a fixed list) channels that all announce every article, without thread or role. */
  channels: readonly string[] | ChannelDirectory;
  /** First retry delay; doubles per failed attempt, up to MAX_RETRY_MS. */
  retryMs: number;
  log: Logger;
  /** Articles announced one by one within BURST_WINDOW_MS (ANNOUNCE_BURST); past that they fold into one summary post. */
  burst?: number;
}

export const DEFAULT_BURST = 5;
export const BURST_WINDOW_MS = 10 * 60_000;

export class Announcer {
  /** When each of the last articles announced one by one was queued (for the burst limit). */
  private recent: number[] = [];
  private listeners: ((kb: KnowledgeBase, ids: string[]) => void | Promise<void>)[] = [];
  /** New stories and copies of stories announced (one post per story). */
  private stories: StoryTracker;
  /** What is queued for an article, a summary, a copy, a post to every channel. */
  private messages: AnnouncementMessages;
  /** The workers that send the queue, one per channel. */
  private queues: ChannelQueues;
  /** announceArticles one call at a time: each reads the articles' texts before it records them as announced. */
  private announcing: Promise<unknown> = Promise.resolve();

  constructor(
    private record: AnnouncementRecord,
    send: SendMessage,
    private options: AnnouncerOptions,
  ) {
    this.stories = new StoryTracker(() => record.stories());
    this.messages = new AnnouncementMessages(record, options.channels);
    this.queues = new ChannelQueues(record, send, options);
  }

  get channels(): readonly string[] {
    return this.messages.channels;
  }

  /** The article's announcement, with the copies of its story from other outlets recorded so far (`texts`: its sentences, read). */
  announcement(kb: KnowledgeBase, id: string, texts: ArticleSentences, copies?: readonly string[]): EmbedView | undefined {
    return this.messages.announcement(kb, id, texts, copies);
  }

  /** The article's announcement as it would be posted now (/announce preview): its texts read first. */
  async preview(kb: KnowledgeBase, id: string): Promise<EmbedView | undefined> {
    return this.announcement(kb, id, await readArticleTexts(kb, [id]));
  }

  /** Called with the new stories announced (once each, also those added while the bot was down; not copies): the follows. */
  onAnnounced(listener: (kb: KnowledgeBase, ids: string[]) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /**
   * Brings the record up to date with the corpus at startup. The very first start records what is there as
   * announced (no flood) unless `announceExisting`; later starts announce what was added while the bot was down.
   * A record that was there but could not be used (not JSON, the wrong shape) says nothing about what was
   * announced: everything present counts as announced, whatever `announceExisting` says, so nothing is posted twice.
   */
  async begin(kb: KnowledgeBase, announceExisting: boolean): Promise<void> {
    const { log } = this.options;
    // Another process may have led before this one (shards sharing PostgreSQL): start from what it recorded.
    await this.record.refresh();
    await this.record.releaseClaims();
    const dropped = await this.record.keepChannels(this.channels);
    if (dropped > 0) log.info({ dropped }, "dropped queued announcements for channels no longer announced in");
    const ids = kb.articles.map((a) => a.id);
    const { problem, corrupt } = this.record;
    if (problem !== undefined) {
      await this.record.announce(ids, []);
      log.error(
        { record: this.record.path, ...(corrupt && { movedTo: corrupt }), articles: ids.length },
        `announcement record ${this.record.path} ${problem}${corrupt ? `; moved it to ${corrupt}` : ""}; started a new one in which the ${ids.length} articles present count as announced`,
      );
    } else if (this.record.firstStart && !announceExisting) {
      await this.record.announce(ids, []);
      log.info({ articles: ids.length, record: this.record.path }, "first start: the articles already in the corpus are recorded as announced");
    } else {
      await this.announceArticles(kb, ids);
    }
    this.pump();
  }

  /**
   * Queues the announcement of every article in `ids` not announced yet; an edited article is not announced again.
   * At most `burst` articles are announced one by one in BURST_WINDOW_MS: the rest (a new feed, a folder copied in)
   * join one summary post per channel, which waits for more to join (SUMMARY_QUIET_MS, at most SUMMARY_MAX_WAIT_MS).
   */
  announceArticles(kb: KnowledgeBase, ids: string[], now = Date.now()): Promise<void> {
    const run = this.announcing.then(() => this.announceNow(kb, ids, now));
    this.announcing = run.catch(() => undefined);
    return run;
  }

  private async announceNow(kb: KnowledgeBase, ids: string[], now: number): Promise<void> {
    const fresh = ids.filter((id) => !this.record.isAnnounced(id));
    if (fresh.length === 0) return;
    // The texts first (from the database, on a shard): what an article adds, whether it passes a channel's filter and
    // whether it is a copy all read its sentences. A failure to read them leaves the articles unannounced, for now.
    const freshTexts = await readArticleTexts(kb, fresh);
    // One post per story: a copy of a story announced is not announced again; the story's announcement lists it.
    const { stories, copies } = await this.stories.split(kb, fresh, freshTexts);
    const texts = copies.length === 0 ? freshTexts : new Map([...freshTexts, ...(await readArticleTexts(kb, new Set(copies.map((c) => c.of))))]);
    const copiesOf = (story: string): string[] => [...this.record.copiesOf(story), ...copies.filter((c) => c.of === story).map((c) => c.id)];
    this.recent = this.recent.filter((t) => t > now - BURST_WINDOW_MS);
    // While a summary is waiting the burst goes on: everything joins it, in order.
    const summarising = this.channels.some((c) => this.record.openSummary(c, now));
    const room = summarising ? 0 : Math.max(0, (this.options.burst ?? DEFAULT_BURST) - this.recent.length);
    const single = stories.slice(0, room);
    const folded = stories.slice(room);
    const messages: NewMessage[] = single.flatMap((id) => this.messages.articleMessages(kb, id, texts, `article ${id}`, copiesOf(id)));
    this.recent.push(...single.map(() => now));
    const updates: MessageUpdate[] = [];
    if (folded.length > 0) {
      const summaries = this.messages.summaries(kb, folded, texts, now);
      messages.push(...summaries.messages);
      updates.push(...summaries.updates);
      this.options.log.info({ articles: fresh.length, folded: folded.length }, `${folded.length} new articles past the burst limit join one summary post`);
    }
    const forCopies = this.messages.copyMessages(kb, texts, copies, new Set(stories), copiesOf);
    if (copies.length > 0) this.options.log.info({ copies }, "copies of stories already announced: their announcements say so instead");
    await this.record.announce(fresh, [...messages, ...forCopies.messages], now, [...updates, ...forCopies.updates], copies);
    this.pump();
    if (stories.length === 0) return;
    for (const listener of this.listeners) {
      try {
        await listener(kb, stories);
      } catch (err) {
        this.options.log.error({ err }, "a listener for new articles failed");
      }
    }
  }

  /** Posts an article's announcement again to the channels it is for (/announce resend); false when there is no such article. */
  async resend(kb: KnowledgeBase, id: string): Promise<boolean> {
    if (!kb.articles.some((a) => a.id === id)) return false;
    const texts = await readArticleTexts(kb, [id]);
    await this.record.enqueue(this.messages.articleMessages(kb, id, texts, `resend ${id}`, undefined, true));
    this.pump();
    return true;
  }

  /** Posts any embed to every channel through the queue (the digest), with the same retries. */
  async post(embed: EmbedView, label: string): Promise<void> {
    await this.record.enqueue(this.messages.forEachChannel(embed, label));
    this.pump();
  }

  /** Starts sending (once the Discord client is logged in, and this process leads). */
  resume(): void {
    this.queues.resume();
  }

  /** Stops starting sends (this process no longer leads); a send in flight finishes and is recorded. */
  pause(): void {
    this.queues.pause();
  }

  /**
   * Stops sending; resolves once the messages being sent are recorded as sent (a clean shutdown sends nothing
   * twice), or after `waitMs` when Discord is slow to answer (the message nonce covers a repeat then).
   */
  stop(waitMs = 5000): Promise<void> {
    return this.queues.stop(waitMs);
  }

  /** Starts a worker for every channel with a message due that has none running, then waits for the next due one. */
  pump(): void {
    this.queues.pump();
  }
}

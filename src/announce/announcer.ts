// Announces new articles in the configured channels. New articles go into the record's queue (marked announced
// in the same write); one worker per channel sends that channel's queue in order, so a channel that is slow,
// failing or forbidden never holds up another, nor the bot. A failed send waits with exponential backoff, and
// the channel's later messages wait behind it (they go out in order).
import type { APIEmbed } from "discord.js";
import type { ChannelSettings } from "../../commands/services.ts";
import { passesFilter } from "../answer/articleMatch.ts";
import { toApiEmbed } from "../discord/payload.ts";
import { readArticleTexts, type ArticleSentences } from "../kb/articleTexts.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { plain } from "../render/limits.ts";
import type { EmbedView } from "../render/model.ts";
import { DEFAULT_SETTINGS } from "./channels.ts";
import { composeAnnouncement, composeSummary, foldedArticle } from "./compose.ts";
import type { AnnouncementRecord, MessageUpdate, NewMessage, QueuedMessage } from "./record.ts";
import type { SendMessage } from "./sender.ts";
import { StoryTracker } from "./stories.ts";
import { RecordRewrite } from "./recordRewrite.ts";

/** The channels announced in and how each announces (src/announce/channels.ts), read at every use: /announce channel changes them. */
export interface ChannelDirectory {
  channels(): readonly string[];
  settings(channel: string): ChannelSettings;
}

export interface AnnouncerOptions {
  /** The channels, or (a fixed list) channels that all announce every article, without thread or role. */
  channels: readonly string[] | ChannelDirectory;
  /** First retry delay; doubles per failed attempt, up to MAX_RETRY_MS. */
  retryMs: number;
  log: Logger;
  /** Articles announced one by one within BURST_WINDOW_MS (ANNOUNCE_BURST); past that they fold into one summary post. */
  burst?: number;
}

export const MAX_RETRY_MS = 10 * 60_000;
export const DEFAULT_BURST = 5;
export const BURST_WINDOW_MS = 10 * 60_000;
/** A summary post waits this long for more articles to join it (each one that joins starts the wait again)… */
export const SUMMARY_QUIET_MS = 60_000;
/** …but goes out at most this long after it was first queued. */
export const SUMMARY_MAX_WAIT_MS = 10 * 60_000;

/** The wait before attempt `attempts + 1`: doubling, capped, with ±20% jitter so channels do not retry in step. */
export function backoff(retryMs: number, attempts: number, random = Math.random): number {
  const base = Math.min(retryMs * 2 ** Math.max(0, attempts), MAX_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class Announcer {
  /** Channel → its running worker. */
  private active = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private warnedChannels = new Set<string>();
  /** Channels whose worker failed unexpectedly (the record could not be written): left alone for a while. */
  private heldUntil = new Map<string, number>();
  private stopped = false;
  /** When each of the last articles announced one by one was queued (for the burst limit). */
  private recent: number[] = [];
  /** Nothing is sent before `resume()`: the client is not logged in yet while the record is brought up to date. */
  private paused = true;
  private listeners: ((kb: KnowledgeBase, ids: string[]) => void | Promise<void>)[] = [];
  /** New stories and copies of stories announced (one post per story). */
  private stories: StoryTracker;
  /** Writes the record again while it cannot be written (nothing is sent meanwhile: record.heads()). */
  private rewrite: RecordRewrite;
  /** announceArticles one call at a time: each reads the articles' texts before it records them as announced. */
  private announcing: Promise<unknown> = Promise.resolve();

  constructor(
    private record: AnnouncementRecord,
    private send: SendMessage,
    private options: AnnouncerOptions,
  ) {
    this.stories = new StoryTracker(() => record.stories());
    this.rewrite = new RecordRewrite(record, options, () => this.pump());
  }

  get channels(): readonly string[] {
    const c = this.options.channels;
    return "channels" in c ? c.channels() : c;
  }

  private settings(channel: string): ChannelSettings {
    const c = this.options.channels;
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

  /** The article's announcement as it would be posted now (/announce preview): its texts read first. */
  async preview(kb: KnowledgeBase, id: string): Promise<EmbedView | undefined> {
    return this.announcement(kb, id, await readArticleTexts(kb, [id]));
  }

  /** The article's announcement for each channel it is for, with the channel's role and thread. */
  private articleMessages(kb: KnowledgeBase, id: string, texts: ArticleSentences, label: string, copies?: readonly string[], resend = false): NewMessage[] {
    const embed = this.announcement(kb, id, texts, copies);
    if (!embed) return [];
    const api = toApiEmbed(embed);
    const title = kb.articles.find((a) => a.id === id)?.title ?? id;
    return this.channelsFor(kb, id, texts).map((channel) => {
      const { role, thread } = this.settings(channel);
      return { channel, label, embed: api, article: id, ...(role && { role }), ...(thread && { thread: threadName(title) }), ...(resend && { resend }) };
    });
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
    const messages: NewMessage[] = single.flatMap((id) => this.articleMessages(kb, id, texts, `article ${id}`, copiesOf(id)));
    this.recent.push(...single.map(() => now));
    const updates: MessageUpdate[] = [];
    if (folded.length > 0) {
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
      this.options.log.info({ articles: fresh.length, folded: folded.length }, `${folded.length} new articles past the burst limit join one summary post`);
    }
    const forCopies = this.copyMessages(kb, texts, copies, new Set(stories), copiesOf);
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

  /**
   * What copies of stories change: the story's announcement, where it is posted (an edit) or still queued (updated
   * in place), lists them; a channel the copy is for and its story is not gets the copy as the story's first post.
   */
  private copyMessages(
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

  /** Posts an article's announcement again to the channels it is for (/announce resend); false when there is no such article. */
  async resend(kb: KnowledgeBase, id: string): Promise<boolean> {
    if (!kb.articles.some((a) => a.id === id)) return false;
    const texts = await readArticleTexts(kb, [id]);
    await this.record.enqueue(this.articleMessages(kb, id, texts, `resend ${id}`, undefined, true));
    this.pump();
    return true;
  }

  /** Posts any embed to every channel through the queue (the digest), with the same retries. */
  async post(embed: EmbedView, label: string): Promise<void> {
    await this.record.enqueue(this.forEachChannel(embed, label));
    this.pump();
  }

  /** Starts sending (once the Discord client is logged in, and this process leads). */
  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Stops starting sends (this process no longer leads); a send in flight finishes and is recorded. */
  pause(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Stops sending; resolves once the messages being sent are recorded as sent (a clean shutdown sends nothing
   * twice), or after `waitMs` when Discord is slow to answer (the message nonce covers a repeat then).
   */
  async stop(waitMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.rewrite.stop();
    let timeout: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => (timeout = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.all(this.active.values()), giveUp]);
    clearTimeout(timeout);
  }

  private forEachChannel(embed: EmbedView, label: string): { channel: string; label: string; embed: APIEmbed }[] {
    const api = toApiEmbed(embed);
    return this.channels.map((channel) => ({ channel, label, embed: api }));
  }

  /** Starts a worker for every channel with a message due that has none running, then waits for the next due one. */
  pump(): void {
    this.rewrite.check();
    if (this.stopped || this.paused) return;
    const now = Date.now();
    for (const m of this.record.heads()) {
      if (m.nextAt > now || this.active.has(m.channel) || (this.heldUntil.get(m.channel) ?? 0) > now) continue;
      const worker = this.work(m.channel)
        .catch((err: unknown) => {
          // The record could not be written (the database away): do not spin on the same message, try again later.
          this.heldUntil.set(m.channel, Date.now() + Math.max(this.options.retryMs, 1000));
          this.options.log.error({ channel: m.channel, err }, "announcement queue failed; trying again later");
        })
        .finally(() => {
          this.active.delete(m.channel);
          this.pump();
        });
      this.active.set(m.channel, worker);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.record.heads().filter((m) => !this.active.has(m.channel));
    if (this.stopped || waiting.length === 0) return;
    const next = Math.min(...waiting.map((m) => Math.max(m.nextAt, this.heldUntil.get(m.channel) ?? 0)));
    this.timer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  /** Sends one channel's messages in queue order; stops when the next one must wait (a failure backs off the channel). */
  private async work(channel: string): Promise<void> {
    for (;;) {
      // Paused: this process no longer leads; the next leader sends the rest.
      if (this.stopped || this.paused) return;
      const m = this.record.heads().find((q) => q.channel === channel);
      if (!m || m.nextAt > Date.now()) return;
      // Another process sent it meanwhile (take in the record as stored and go on), or a leader that has not stepped
      // down yet is sending it (leave the channel alone for a moment).
      if (!(await this.record.claim(m.id))) {
        await this.record.refresh();
        if (!this.record.queue().some((q) => q.id === m.id)) continue;
        this.heldUntil.set(channel, Date.now() + Math.max(this.options.retryMs, 1000));
        return;
      }
      const options = { ...(m.role && { role: m.role }), ...(m.thread && { thread: m.thread }), ...(m.edit && { edit: m.edit }) };
      const sent = m.embed;
      const outcome = await this.send(m.channel, sent, m.id, options);
      if (outcome.ok) {
        await this.record.remove(m.id, outcome.id, sent);
        this.warnedChannels.delete(channel);
        this.options.log.info({ channel, what: m.label, attempts: m.attempts + 1 }, m.edit ? "announcement edited" : "announcement sent");
        if (outcome.threadProblem) {
          this.options.log.warn({ channel, what: m.label, reason: outcome.threadProblem }, "announcement sent, but its thread could not be started: the bot needs Create Public Threads there");
        }
        continue;
      }
      if (outcome.kind === "retry") {
        const wait = backoff(this.options.retryMs, m.attempts);
        await this.record.retryLater(m.id, Date.now() + wait, outcome.reason);
        this.options.log.warn({ channel, what: m.label, attempts: m.attempts, retryInMs: wait, reason: outcome.reason }, "announcement not sent yet; queued for a retry");
        return;
      }
      await this.record.remove(m.id);
      this.reportRefusal(m, outcome.kind, outcome.reason);
    }
  }

  private reportRefusal(m: QueuedMessage, kind: "forbidden" | "rejected", reason: string): void {
    const log = this.options.log;
    if (m.edit && kind === "rejected") {
      log.info({ channel: m.channel, what: m.label, reason }, "the announcement to edit is gone (deleted?); left as it is");
      return;
    }
    if (kind === "rejected") {
      log.error({ channel: m.channel, what: m.label, reason }, "Discord refused an announcement; dropped it");
      return;
    }
    if (this.warnedChannels.has(m.channel)) {
      log.debug({ channel: m.channel, what: m.label, reason }, "announcement channel still unusable");
      return;
    }
    this.warnedChannels.add(m.channel);
    log.error(
      { channel: m.channel, what: m.label, reason },
      `cannot post in announcement channel ${m.channel} (${reason}): check that it exists and that the bot can View Channel, Send Messages and Embed Links there, or remove it from ANNOUNCE_CHANNEL_IDS`,
    );
  }
}

/** A thread's name: the article's title, within Discord's 100 characters. */
export const threadName = (title: string): string => plain(title, 100) || "Discussion";

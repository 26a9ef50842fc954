// The announcement record (DATA_DIR/announcements.json): which articles have been announced, and the messages
// still to send. An article is marked announced in the same atomic write that queues its messages, before any is
// sent, so a restart or a crash can never announce it twice; a message leaves the queue only once Discord took it
// (or refused it for good), so a failed send is retried, also after a restart.
// Its shape is in recordShape.ts, what each write changes in recordChanges.ts; this is the record as the announcer
// uses it: stored, shared with other processes (claims), and holding back a message until its write lands.
import { randomBytes } from "node:crypto";
import type { APIEmbed } from "discord.js";
import type { StateDocument, StateStorage } from "../state/document.ts";
import { type JsonFileOptions, stateDocument } from "../state/jsonFile.ts";
import { StoredState } from "../state/storedState.ts";
import { addAnnouncements, copiesIn, removeMessage, storiesIn } from "./recordChanges.ts";
import { RecordRows, type SendClaims } from "./recordRows.ts";
import { complete, storedSchema, type MessageUpdate, type NewMessage, type QueuedMessage, type StoredRecord } from "./recordShape.ts";

/** A record only this process uses (the JSON file): every message is its own to send. */
const ALL_MINE: SendClaims = { claim: async () => true, releaseClaims: async () => undefined };

export class AnnouncementRecord extends StoredState<StoredRecord> {
  private constructor(
    file: StateDocument<StoredRecord>,
    state: StoredRecord,
    /** No record existed: this is the bot's very first start (with this DATA_DIR or database). */
    private first: boolean,
    /** Why the record there could not be used (not JSON, the wrong shape, unreadable); the start is then a first start. */
    readonly problem?: string,
    /** Where that record was moved, when it could be. */
    readonly corrupt?: string,
    /** Who sends which message, when processes share the record (PostgreSQL); a lone process sends them all. */
    private readonly claims: SendClaims = ALL_MINE,
  ) {
    super(file, state);
  }

  /**
   * Messages queued by a write still on its way to storage. The JSON file's change is made to the value in memory at
   * once and written after the writes before it: a message sent in that window and a kill before the write lands
   * leave a record without it (nor its article announced), so the restart announces the article again, under a new
   * nonce that Discord does not drop. Such a message, and its channel's later ones, wait for the write.
   */
  private readonly landing = new Set<string>();

  /**
   * `at`: the record's file, or the storage holding it: state files (one JSON document), or PostgreSQL, where the
   * record is rows of its own (src/announce/recordRows.ts).
   */
  static async open(at: string | StateStorage, options: JsonFileOptions = {}): Promise<AnnouncementRecord> {
    const pool = typeof at === "string" ? undefined : at.database;
    const rows = pool && new RecordRows(pool);
    const doc = rows ?? stateDocument<StoredRecord>(at, "announcements", storedSchema, options);
    const { value, problem, movedTo } = await doc.read();
    return new AnnouncementRecord(doc, complete(value), value === undefined, problem, movedTo, rows);
  }

  /**
   * Claims a queued message for this process to send: false when it is no longer queued or another leader (still
   * alive) is sending it. Its id is the nonce, so a claim left by a leader that died mid-send is taken over and the
   * message sent again harmlessly.
   */
  claim(id: string): Promise<boolean> {
    return this.claims.claim(id);
  }

  /** Taking the lead: the claims of earlier leaders are void (they died or stepped down). */
  releaseClaims(): Promise<void> {
    return this.claims.releaseClaims();
  }

  /** No record existed when it was opened, and no other process has stored one since. */
  get firstStart(): boolean {
    return this.first;
  }

  isAnnounced(articleId: string): boolean {
    return Object.hasOwn(this.state.announced, articleId);
  }

  /**
   * Marks articles announced, queues their messages and updates the queued messages they join (summaries, the
   * announcement of the story they are a copy of), and records which are copies of which story, in one atomic write.
   */
  async announce(articleIds: string[], messages: NewMessage[], now = Date.now(), summaries: MessageUpdate[] = [], copies: { id: string; of: string }[] = []): Promise<QueuedMessage[]> {
    const at = new Date(now).toISOString();
    const queued = messages.map((m) => ({ nextAt: now, ...m, id: randomBytes(10).toString("hex"), attempts: 0 }));
    const kept = await this.landed(queued.map((m) => m.id), () => this.change((state) => addAnnouncements(state, { articleIds, queued, at, summaries, copies })));
    this.first = false;
    // What the storage took: in PostgreSQL, a channel's announcement of an article is refused when it has one already.
    const stored = new Set(this.state.queue.map((m) => m.id));
    return kept.filter((m) => stored.has(m.id));
  }

  /** Queues messages without marking anything announced (resend, digest). */
  enqueue(messages: NewMessage[], now = Date.now()): Promise<QueuedMessage[]> {
    return this.announce([], messages, now);
  }

  queue(): readonly QueuedMessage[] {
    return this.state.queue;
  }

  /** `channel`'s queued summary post not due before `after` (so not being sent): more articles may still join it. */
  openSummary(channel: string, after: number): QueuedMessage | undefined {
    return this.state.queue.find((m) => m.channel === channel && m.folded !== undefined && m.nextAt > after);
  }

  /**
   * The first queued message of each channel: a channel's messages go out in order, each waiting for the one before.
   * A channel whose first message is not stored yet has none to send (it is sent once its write lands).
   */
  heads(): QueuedMessage[] {
    // A change only in memory (the file's write failed; the announcer writes it again): a message sent now could be
    // posted again after a restart, or its removal lost, so nothing is sent until the record on disk holds it.
    if (this.unstored) return [];
    const seen = new Set<string>();
    return this.state.queue.filter((m) => {
      if (seen.has(m.channel)) return false;
      seen.add(m.channel);
      return !this.landing.has(m.id);
    });
  }

  /** Runs `write`, the messages `ids` held back from sending until it has landed (or failed). */
  private async landed<R>(ids: string[], write: () => Promise<R>): Promise<R> {
    for (const id of ids) this.landing.add(id);
    try {
      return await write();
    } finally {
      for (const id of ids) this.landing.delete(id);
    }
  }

  /** Drops queued messages for channels no longer configured; returns how many. */
  async keepChannels(channels: readonly string[]): Promise<number> {
    if (this.state.queue.every((m) => channels.includes(m.channel))) return 0;
    return this.change((state) => {
      const before = state.queue.length;
      state.queue = state.queue.filter((m) => channels.includes(m.channel));
      return before - state.queue.length;
    });
  }

  /**
   * Sent (as message `posted`), or refused for good: out of the queue. `sent` is the embed that went out: when an
   * update changed the message while it was being sent (a copy of the story arriving then), the message is replaced,
   * in the same write, by an edit of the posted one, so what joined it is not lost.
   */
  async remove(id: string, posted?: string, sent?: APIEmbed): Promise<void> {
    const editId = randomBytes(10).toString("hex");
    await this.landed([editId], () => this.change((state) => removeMessage(state, id, editId, posted, sent)));
  }

  /** The copies of a story recorded so far, in the order they came. */
  copiesOf(story: string): string[] {
    return copiesIn(this.state, story);
  }

  /** The stories announced, oldest first: the announced articles that are not copies. */
  stories(): string[] {
    return storiesIn(this.state);
  }

  /** The messages announcing an article, by channel (those posted, among the last POSTED_KEPT articles). */
  postedFor(article: string): Readonly<Record<string, string>> {
    return this.state.posted?.[article] ?? {};
  }

  /** Queued messages still to post for an article (not sent yet: an update can change them in place). */
  queuedFor(article: string): QueuedMessage[] {
    return this.state.queue.filter((m) => m.article === article && !m.edit);
  }

  /** Not sent this time: try again at `nextAt`. */
  async retryLater(id: string, nextAt: number, error: string): Promise<void> {
    if (!this.state.queue.some((q) => q.id === id)) return;
    await this.change((state) => {
      const m = state.queue.find((q) => q.id === id);
      if (!m) return;
      m.attempts += 1;
      m.nextAt = nextAt;
      m.lastError = error;
    });
  }

  /** Another shard's record: completed like a read one; a record exists, so this is no longer a first start. */
  protected override adopt(latest: StoredRecord): void {
    this.state = complete(latest);
    this.first = false;
  }
}


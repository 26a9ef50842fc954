// The announcement record (DATA_DIR/announcements.json): which articles have been announced, and the messages
// still to send. An article is marked announced in the same atomic write that queues its messages, before any is
// sent, so a restart or a crash can never announce it twice; a message leaves the queue only once Discord took it
// (or refused it for good), so a failed send is retried, also after a restart.
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { APIEmbed } from "discord.js";
import { z } from "zod";
import type { StateDocument, StateStorage } from "../state/document.ts";
import { type JsonFileOptions, stateDocument } from "../state/jsonFile.ts";
import { StoredState } from "../state/storedState.ts";
import { RecordRows, type SendClaims } from "./recordRows.ts";

export interface QueuedMessage {
  /** Random, 20 characters: also the message nonce, so Discord drops a repeat of a send it already took. */
  id: string;
  channel: string;
  /** What it is, for log lines: "article <id>", "resend <id>", "digest". */
  label: string;
  embed: APIEmbed;
  attempts: number;
  /** Not before this time (ms since the epoch). */
  nextAt: number;
  lastError?: string;
  /** A summary post: the articles folded into it (its embed lists them) and when it was first queued. */
  folded?: FoldedArticle[];
  openedAt?: number;
  /** The article announced (its message id is kept once posted, for "also reported by"). */
  article?: string;
  /** The channel's opt-in role, mentioned with it. */
  role?: string;
  /** Start a thread from the message, with this name. */
  thread?: string;
  /** An edit of this message instead of a new one. */
  edit?: string;
  /** Posted again on request (/announce resend): not the article's announcement, which a channel gets once. */
  resend?: boolean;
}

/** The article `m` announces in its channel, once ever (not an edit or a resend), if it announces one. */
export function announces(m: QueuedMessage): string | undefined {
  return m.edit === undefined && !m.resend ? m.article : undefined;
}

export interface StoredRecord {
  version: 1;
  /** Article id → when it was recorded as announced (ISO). */
  announced: Record<string, string>;
  queue: QueuedMessage[];
  /** Article id → channel → the message announcing it, for the last POSTED_KEPT articles posted. */
  posted?: Record<string, Record<string, string>>;
  /** Article id → the story it is a copy of (announced as "also reported by" in that story's announcement). */
  copies?: Record<string, string>;
}

/** A record only this process uses (the JSON file): every message is its own to send. */
const ALL_MINE: SendClaims = { claim: async () => true, releaseClaims: async () => undefined };

/** Messages are remembered for this many articles: a story is reported again by other outlets within days. */
export const POSTED_KEPT = 500;

// Loose objects: keys a later version adds are kept. The embed is Discord's to judge; here it must be an object.
export const queuedSchema = z.looseObject({
  id: z.string().min(1),
  channel: z.string(),
  label: z.string(),
  embed: z.looseObject({}),
  attempts: z.number().int().min(0),
  nextAt: z.number(),
  lastError: z.string().optional(),
  folded: z.array(z.looseObject({ id: z.string(), title: z.string(), outlet: z.string().optional(), url: z.string().optional() })).optional(),
  openedAt: z.number().optional(),
  article: z.string().optional(),
  role: z.string().optional(),
  thread: z.string().optional(),
  edit: z.string().optional(),
  resend: z.boolean().optional(),
}) as z.ZodType<QueuedMessage>;

const storedSchema: z.ZodType<StoredRecord> = z.looseObject({
  version: z.literal(1),
  announced: z.record(z.string(), z.string()),
  queue: z.array(queuedSchema),
  posted: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  copies: z.record(z.string(), z.string()).optional(),
}) as z.ZodType<StoredRecord>;

/** An article folded into a summary post: enough to list it without the knowledge base. */
export interface FoldedArticle {
  id: string;
  title: string;
  outlet?: string;
  url?: string;
}

export type NewMessage = Pick<QueuedMessage, "channel" | "label" | "embed"> &
  Partial<Pick<QueuedMessage, "nextAt" | "folded" | "openedAt" | "article" | "role" | "thread" | "edit" | "resend">>;

/** New content for a queued message: a summary that more articles join, an announcement a copy of its story joins. */
export type MessageUpdate = Pick<QueuedMessage, "id" | "embed"> & Partial<Pick<QueuedMessage, "nextAt" | "folded">>;

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
    const kept = await this.landed(queued.map((m) => m.id), () => this.change((state) => {
      // Announced meanwhile by another process (a leader that had not yet stepped down): its messages are not queued again.
      const already = new Set(articleIds.filter((id) => Object.hasOwn(state.announced, id)));
      for (const id of articleIds) if (!already.has(id)) state.announced[id] = at;
      const copyOf = (state.copies ??= {});
      for (const c of copies) copyOf[c.id] = c.of;
      const ids = Object.keys(copyOf);
      for (const old of ids.slice(0, Math.max(0, ids.length - POSTED_KEPT))) delete copyOf[old];
      for (const update of summaries) {
        const m = state.queue.find((q) => q.id === update.id);
        if (m) Object.assign(m, update);
      }
      const kept = queued.filter((m) => !(m.article !== undefined && already.has(m.article) && m.edit === undefined));
      state.queue.push(...kept);
      return kept;
    }));
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
    await this.landed([editId], () => this.change((state) => {
      const m = state.queue.find((q) => q.id === id);
      const changed = m && posted && sent && !isDeepStrictEqual(m.embed, sent) && !m.edit;
      state.queue = state.queue.flatMap((q) => {
        if (q.id !== id) return [q];
        if (!changed) return [];
        return [{ id: editId, channel: q.channel, label: q.label, embed: q.embed, edit: posted, attempts: 0, nextAt: Date.now() }];
      });
      if (m?.article && posted && !m.edit) {
        const all = (state.posted ??= {});
        all[m.article] = { ...all[m.article], [m.channel]: posted };
        const ids = Object.keys(all);
        for (const old of ids.slice(0, Math.max(0, ids.length - POSTED_KEPT))) delete all[old];
      }
    }));
  }

  /** The copies of a story recorded so far, in the order they came. */
  copiesOf(story: string): string[] {
    return Object.entries(this.state.copies ?? {}).flatMap(([id, of]) => (of === story ? [id] : []));
  }

  /** The stories announced, oldest first: the announced articles that are not copies. */
  stories(): string[] {
    const copies = this.state.copies ?? {};
    return Object.entries(this.state.announced)
      .filter(([id]) => !Object.hasOwn(copies, id))
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([id]) => id);
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

function complete(value: StoredRecord | undefined): StoredRecord {
  return {
    version: 1,
    announced: { ...(value?.announced ?? {}) },
    queue: [...(value?.queue ?? [])],
    posted: { ...(value?.posted ?? {}) },
    copies: { ...(value?.copies ?? {}) },
  };
}

// The follows (DATA_DIR/follows.json): per member, the people and words they follow, when they were last sent a DM,
// and whether their DMs turned out closed; and the DMs waiting to go out, each a batch of articles for one member.
// Written atomically after every change (src/state/jsonFile.ts), checked for shape when read: a follow made before
// a restart is there after it, and a DM waiting is sent after it.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { MAX_FOLLOWS } from "../../commands/services.ts";
import type { MatchedItem } from "../answer/articleMatch.ts";
import type { StateDocument, StateStorage } from "../state/document.ts";
import { type JsonFileOptions, stateDocument } from "../state/jsonFile.ts";
import { StoredState } from "../state/storedState.ts";

export interface StoredFollow {
  /** Short and random: what /unfollow's choices carry. */
  id: string;
  kind: "person" | "words";
  /** The person's name, or the words. */
  label: string;
  /** A person's names that can only mean them (folded: src/answer/articleMatch.ts personKey). */
  names?: string[];
  since: string;
}

/** An article waiting in a member's next DM, with what it holds for their follows. */
export interface PendingArticle {
  id: string;
  title: string;
  outlet: string;
  published: string;
  url?: string;
  items: MatchedItem[];
}

export interface OutgoingDm {
  user: string;
  articles: PendingArticle[];
  /** Not before this time (ms since the epoch). */
  dueAt: number;
  attempts: number;
}

interface Member {
  follows: StoredFollow[];
  lastDmAt?: number;
  /** Discord said their DMs are closed (50007): nothing is queued for them until their next command has told them. */
  closed?: { at: number };
}

interface Stored {
  version: 1;
  members: Record<string, Member>;
  outbox: OutgoingDm[];
}

const itemSchema = z.looseObject({ label: z.string(), kind: z.enum(["person", "words"]), text: z.string(), speaker: z.string().optional() });
const storedSchema: z.ZodType<Stored> = z.looseObject({
  version: z.literal(1),
  members: z.record(
    z.string().regex(/^\d{17,20}$/),
    z.looseObject({
      follows: z.array(z.looseObject({ id: z.string().min(1), kind: z.enum(["person", "words"]), label: z.string().min(1), names: z.array(z.string()).optional(), since: z.string() })),
      lastDmAt: z.number().optional(),
      closed: z.looseObject({ at: z.number() }).optional(),
    }),
  ),
  outbox: z.array(
    z.looseObject({
      user: z.string(),
      dueAt: z.number(),
      attempts: z.number().int().min(0),
      articles: z.array(z.looseObject({ id: z.string(), title: z.string(), outlet: z.string(), published: z.string(), url: z.string().optional(), items: z.array(itemSchema) })),
    }),
  ),
}) as z.ZodType<Stored>;

export type AddOutcome = { kind: "added"; follow: StoredFollow } | { kind: "already"; follow: StoredFollow } | { kind: "limit" };

export class FollowStore extends StoredState<Stored> {
  private constructor(
    file: StateDocument<Stored>,
    state: Stored,
    /** Why the file there could not be used (it was moved aside and the follows start afresh). */
    readonly problem?: string,
    readonly movedTo?: string,
  ) {
    super(file, state);
  }

  static async open(at: string | StateStorage, options: JsonFileOptions = {}): Promise<FollowStore> {
    const doc = stateDocument<Stored>(at, "follows", storedSchema, options);
    const { value, problem, movedTo } = await doc.read();
    return new FollowStore(doc, value ?? { version: 1, members: {}, outbox: [] }, problem, movedTo);
  }



  follows(user: string): readonly StoredFollow[] {
    return this.state.members[user]?.follows ?? [];
  }

  /** Members with at least one follow, and theirs. */
  followers(): [string, Member][] {
    return Object.entries(this.state.members).filter(([, m]) => m.follows.length > 0);
  }

  member(user: string): Readonly<Member> | undefined {
    return this.state.members[user];
  }

  async add(user: string, follow: Omit<StoredFollow, "id" | "since">): Promise<AddOutcome> {
    const fresh: StoredFollow = { ...follow, id: randomBytes(4).toString("hex"), since: new Date().toISOString() };
    return this.change((state): AddOutcome => {
      const member = (state.members[user] ??= { follows: [] });
      const same = member.follows.find((f) => f.kind === follow.kind && f.label.toLowerCase() === follow.label.toLowerCase());
      if (same) return { kind: "already", follow: same };
      if (member.follows.length >= MAX_FOLLOWS) return { kind: "limit" };
      member.follows.push(fresh);
      return { kind: "added", follow: fresh };
    });
  }

  /** Removes a follow; a member left with none is forgotten, with any DM still waiting for them. */
  async remove(user: string, id: string): Promise<StoredFollow | undefined> {
    if (!this.state.members[user]?.follows.some((f) => f.id === id)) return undefined;
    return this.change((state) => {
      const member = state.members[user];
      const found = member?.follows.find((f) => f.id === id);
      if (!member || !found) return undefined;
      member.follows = member.follows.filter((f) => f !== found);
      if (member.follows.length === 0) {
        delete state.members[user];
        state.outbox = state.outbox.filter((d) => d.user !== user);
      }
      return found;
    });
  }

  /** Adds articles to each member's waiting DM, or starts one due at `dueAt`, in one write. */
  async queue(entries: { user: string; articles: PendingArticle[]; dueAt: number }[]): Promise<void> {
    await this.change((state) => {
      for (const { user, articles, dueAt } of entries) {
        const waiting = state.outbox.find((d) => d.user === user);
        if (waiting) waiting.articles.push(...articles.filter((a) => !waiting.articles.some((w) => w.id === a.id)));
        else state.outbox.push({ user, articles, dueAt, attempts: 0 });
      }
    });
  }

  outbox(): readonly OutgoingDm[] {
    return this.state.outbox;
  }

  /** The DM went out: its articles leave the outbox (any that joined meanwhile wait `interval` more). */
  async sent(dm: OutgoingDm, now: number, intervalMs: number): Promise<void> {
    await this.change((state) => {
      const member = state.members[dm.user];
      if (member) member.lastDmAt = now;
      settle(state, dm, now + intervalMs);
    });
  }

  /** Discord will not take it (DMs closed, refused): its articles are dropped; `closed` marks the member to be told. */
  async dropped(dm: OutgoingDm, now: number, closed: boolean): Promise<void> {
    await this.change((state) => {
      const member = state.members[dm.user];
      if (member && closed) member.closed = { at: now };
      state.outbox = state.outbox.filter((d) => d.user !== dm.user);
    });
  }

  async retryLater(dm: OutgoingDm, dueAt: number): Promise<void> {
    await this.change((state) => {
      const waiting = state.outbox.find((d) => d.user === dm.user);
      if (waiting) {
        waiting.attempts += 1;
        waiting.dueAt = dueAt;
      }
    });
  }

  /** Marks the closed DMs as told about (the member's next command did); their next article is tried again. */
  async told(user: string): Promise<void> {
    if (!this.state.members[user]?.closed) return;
    await this.change((state) => {
      const member = state.members[user];
      if (member) delete member.closed;
    });
  }


}

function settle(state: Stored, dm: OutgoingDm, nextDue: number): void {
  const waiting = state.outbox.find((d) => d.user === dm.user);
  if (!waiting) return;
  const sentIds = new Set(dm.articles.map((a) => a.id));
  waiting.articles = waiting.articles.filter((a) => !sentIds.has(a.id));
  if (waiting.articles.length === 0) state.outbox = state.outbox.filter((d) => d !== waiting);
  else Object.assign(waiting, { dueAt: nextDue, attempts: 0 });
}

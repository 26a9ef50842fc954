// What only the leader does (src/db/leader.ts): announce new articles, send the announcement queue and the follow
// DMs, post the quote of the day. The embedded bot always leads; shard processes sharing PostgreSQL take these duties
// up when they win the election and put them down when they lose it. Taking them up starts from the state as stored
// (another process may have led until a moment ago): an article stored and not announced yet is announced now, and a
// message the last leader had queued is sent (with the same nonce, so Discord drops a repeat of one it had already
// sent). The knowledge base is brought up to date with the folder after that, in the background (at 50,000 articles
// a new leader's catch-up took 11-32 s, which the queue, the DMs and the digest waited for); what it writes is
// announced as any write is. Only a first start (no record yet) writes the folder first: what it holds is not new.
// With PostgreSQL, every process also takes in, once a second, what the others stored: a resend or a channel another
// shard's member asked for, a follow made on another shard.
import type { Announcer } from "../announce/announcer.ts";
import type { AnnouncementRecord } from "../announce/record.ts";
import type { ChannelConfig } from "../announce/channels.ts";
import type { Leadership } from "../db/leader.ts";
import type { FollowNotifier } from "../follow/notifier.ts";
import type { FollowStore } from "../follow/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";

export interface LeaderParts {
  leadership: Leadership;
  announcer: Announcer;
  record: AnnouncementRecord;
  channels: ChannelConfig;
  follows: { store: FollowStore; notifier: FollowNotifier };
  /** Starts the quote of the day; returns how to stop it. */
  startDigest(): (() => void) | undefined;
  knowledge(): KnowledgeBase;
  /**
   * The knowledge base made current (with PostgreSQL, the folder written): run once the duties are taken up, or before
   * the record is brought up to date when there is no record yet (a first start).
   */
  prepareToLead?(): Promise<void>;
  announceExisting: boolean;
  log: Logger;
}

export interface LeaderDuties {
  /** Whether this process does the leader's work now. */
  readonly acting: boolean;
  /** New articles from a reload: announced when this process leads. */
  articlesAdded(kb: KnowledgeBase, ids: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows the election: `begun` says the record was already brought up to date at startup (the embedded bot does so
 * before it logs in). `syncMs`: how often the state other processes store is taken in (0: never, the embedded bot).
 */
export function followLeadership(parts: LeaderParts, { begun, syncMs }: { begun: boolean; syncMs: number }): LeaderDuties {
  const { leadership, announcer, record, channels, follows, log } = parts;
  let acting = false;
  let stopDigest: (() => void) | undefined;
  let chain: Promise<void> = Promise.resolve();
  let first = true;
  /** The catch-up under way after the duties were taken up. */
  let catchingUp: Promise<void> | undefined;
  /** Whether a catch-up is still to write the folder or writing it (it has not yet looked whether this process leads). */
  let preparing = false;

  /** The catch-up, then what it wrote (and what a refresh brought while the duties were taken up) announced. */
  const catchUp = async (prepare: () => Promise<void>): Promise<void> => {
    try {
      try {
        await prepare();
      } finally {
        preparing = false;
      }
      if (!acting) return;
      const kb = parts.knowledge();
      await announcer.announceArticles(kb, kb.articles.map((a) => a.id));
    } catch (err) {
      log.error({ err }, "could not bring the knowledge base up to date after taking the lead; the next write or state sync does");
    }
  };

  const apply = (): Promise<void> =>
    (chain = chain.then(async () => {
      const want = leadership.leading;
      if (want === acting) return;
      if (want) {
        let later: (() => Promise<void>) | undefined;
        if (!(first && begun)) {
          await Promise.all([channels.refresh(), follows.store.refresh(), record.refresh()]);
          // A first start records what the folder holds as announced (or announces it all): the folder is written first.
          const firstStart = record.firstStart || record.problem !== undefined;
          if (firstStart) {
            await catchingUp; // one folder write at a time
            await parts.prepareToLead?.();
          }
          else later = parts.prepareToLead?.bind(parts);
          await announcer.begin(parts.knowledge(), parts.announceExisting);
        }
        acting = true;
        announcer.resume();
        follows.notifier.resume();
        stopDigest = parts.startDigest();
        // Lost and won again while a catch-up writes the folder: that one announces what it wrote (it looks whether this
        // process leads once it ends), so it is joined; two writes of the folder at once would race. One that has
        // already looked (it is announcing or has ended) is waited for, and a new one runs after it.
        if (later && !preparing) {
          preparing = true;
          catchingUp = (catchingUp ?? Promise.resolve()).then(() => catchUp(later));
        }
      } else {
        acting = false;
        announcer.pause();
        follows.notifier.pause();
        stopDigest?.();
        stopDigest = undefined;
      }
      first = false;
    }).catch((err: unknown) => log.error({ err }, "could not take up the leader's work; trying again at the next check")));

  leadership.onChange(() => apply());
  void apply();

  let timer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;
  const sync = async (): Promise<void> => {
    try {
      const [queued, , followed] = await Promise.all([record.refresh(), channels.refresh(), follows.store.refresh()]);
      if (!acting) {
        if (leadership.leading) await apply(); // a start that failed while the database was away
        return;
      }
      if (queued) announcer.pump();
      if (followed) follows.notifier.pump();
      // Articles a reload brought while the record could not be written (the database was away) are announced now.
      const kb = parts.knowledge();
      await announcer.announceArticles(kb, kb.articles.map((a) => a.id));
    } catch (err) {
      log.debug({ err: { message: (err as Error).message } }, "state sync: database unavailable; trying again");
    }
  };
  if (syncMs > 0) {
    timer = setInterval(() => {
      syncing ??= sync().finally(() => (syncing = undefined));
    }, syncMs);
    timer.unref();
  }

  return {
    get acting() {
      return acting;
    },
    articlesAdded: async (kb, ids) => {
      if (acting) await announcer.announceArticles(kb, ids);
    },
    stop: async () => {
      clearInterval(timer);
      await syncing;
      stopDigest?.();
      await chain;
      await catchingUp;
    },
  };
}

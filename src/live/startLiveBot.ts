// The bot with a live corpus: the knowledge follows the corpus folder (in memory, or through the knowledge base in
// PostgreSQL: botKnowledge.ts), each new article is announced in the announcement channels, the quote of the day goes
// out on DIGEST_CRON, and the admin commands can preview, resend and reload. Startup order matters: the watcher is
// ready before the corpus is read (no change is missed), the record is brought up to date before any change is
// applied, and nothing is sent before the client is logged in.
import path from "node:path";
import type { Client } from "discord.js";
import type pg from "pg";
import type { BotServices } from "../../commands/services.ts";
import { Announcer } from "../announce/announcer.ts";
import { AnnouncementRecord } from "../announce/record.ts";
import { discordSender } from "../announce/sender.ts";
import { openChannelConfig } from "../announce/channels.ts";
import { tellUnsentAtExit } from "../announce/recordRewrite.ts";
import { announcementsOf } from "../announce/service.ts";
import type { Config } from "../config.ts";
import { startBot } from "../discord/bot.ts";
import { InteractionDrain } from "../discord/drain.ts";
import { DigestRotation } from "../digest/rotation.ts";
import { scheduleDigest } from "../digest/schedule.ts";
import { startFollows } from "../follow/start.ts";
import type { Logger } from "../log.ts";
import { factsStoreFor } from "../pipeline/caches.ts";
import { alwaysLeader, electLeader, type Leadership } from "../db/leader.ts";
import type { StartedRead } from "../search/postgres/startedRead.ts";
import { stateFiles } from "../state/jsonFile.ts";
import { stateInDatabase } from "../state/pgDocument.ts";
import { followLeadership, type LeaderDuties } from "./leaderDuties.ts";
import { closeClient, type Step } from "../shutdown.ts";
import { embeddedKnowledge, sharedKnowledge, type BotKnowledge } from "./botKnowledge.ts";

export interface RunningBot {
  client: Client;
  /**
   * Reads these corpus files now, without waiting for the watcher to see them settle: for files written whole (the
   * feed ingester links each new file into place complete).
   */
  refresh(files: string[]): void;
  /**
   * The clean shutdown: new interactions get a "restarting" note, the corpus watcher and the digest stop; the
   * replies, reloads and announcement sends in flight finish; the state files are flushed; the client closes.
   * `step` names each wait (see src/shutdown.ts).
   */
  stop(step?: Step): Promise<void>;
  /** Who leads (always this process without a database): main.ts polls the feeds while it does. */
  leadership: Leadership;
}

/** How often a process sharing PostgreSQL takes in the state the others stored. */
export const STATE_SYNC_MS = 1000;

/**
 * `saveState: false`: DATA_DIR cannot be written; no cache is read or written, and the state there is read and written
 * again until the folder is fixed (what depends on it is not sent meanwhile).
 * `database`: the state lives in PostgreSQL, shared with the other shard processes, and the leader is elected there;
 * `database.started`: the knowledge base's read started before this module was loaded (botModules.ts).
 */
export async function startLiveBot(
  config: Config & { discordToken: string; discordClientId: string },
  corpusDir: string,
  log: Logger,
  { saveState = true, database }: { saveState?: boolean; database?: { pool: pg.Pool; url: string; started?: StartedRead } } = {},
): Promise<RunningBot> {
  // Without saveState, no cache is read or written: they live in memory.
  const cacheDataDir = saveState ? config.dataDir : undefined;
  const facts = factsStoreFor(cacheDataDir, log);
  // One process leads (announces, polls feeds, sends DMs and the digest): with a database, the one the election picks.
  const leadership = database ? electLeader(database.url, { log }) : alwaysLeader();
  // The knowledge: the watched corpus folder in memory, or the knowledge base in PostgreSQL (src/live/botKnowledge.ts).
  const source = { store: facts, debounceMs: config.corpusDebounceMs, log };
  let knowledge: BotKnowledge;
  try {
    knowledge = database
      ? await sharedKnowledge(database.pool, leadership, { ...source, dir: corpusDir, url: database.url, warmWorker: config.corpusWarmWorker, workerIdleMs: config.leaderWorkerIdleMs, started: database.started })
      : await embeddedKnowledge(corpusDir, { ...source, dataDir: cacheDataDir, warmWorker: config.corpusWarmWorker });
  } catch (err) {
    await leadership.stop();
    throw err;
  }

  const dataDir = path.resolve(config.dataDir);
  // The state: files in DATA_DIR, or PostgreSQL shared with the other shard processes (src/state/document.ts). The
  // record, the follows, the channel settings and the quote-of-the-day round are written even when DATA_DIR was found
  // unwritable: a message goes out only once the file on disk holds it (the write is tried again until the folder is
  // fixed), never from memory alone (src/announce/recordRewrite.ts).
  const written = database ? stateInDatabase(database.pool) : stateFiles(dataDir);
  const record = await AnnouncementRecord.open(written);
  // The sender needs the client's REST, which exists once startBot has logged in (the announcer waits for resume()).
  const holder: { client?: Client } = {};
  const send = discordSender(() => (holder.client as Client).rest);
  // The channels: ANNOUNCE_CHANNEL_IDS and those /announce channel set, each with its filter, mode, thread and role.
  const channels = await openChannelConfig(written, config.announceChannelIds, { retryMs: config.announceRetryMs }, log);
  const announcer = new Announcer(record, send, { channels, retryMs: config.announceRetryMs, burst: config.announceBurst, log });
  // Members who follow people or words get a DM about the new articles that match (src/follow).
  const rest = () => (holder.client as Client).rest;
  const follows = await startFollows(written, { intervalMs: config.followDmIntervalMs, retryMs: config.announceRetryMs, log, rest });
  announcer.onAnnounced((kb, ids) => follows.notifier.articlesAdded(kb, ids));
  // The embedded bot brings the record up to date before any change is applied; a shard does when it starts leading.
  const begun = database === undefined;
  // A start that records the articles present as announced first applies the changes made while the bot was down:
  // an article added then is present, not new.
  if (begun && (record.problem !== undefined || (record.firstStart && !config.announceExisting))) await knowledge.catchUp();
  if (begun) await announcer.begin(knowledge.kb(), config.announceExisting);
  const duties: { current?: LeaderDuties } = {};
  // Until the duties follow the election (once logged in), the embedded bot, always the leader, announces at once.
  knowledge.onAdded((kb, ids) => {
    if (duties.current) return duties.current.articlesAdded(kb, ids);
    return begun ? announcer.announceArticles(kb, ids) : undefined;
  });
  knowledge.begin();

  // What the admin commands act on (commands/services.ts).
  const services: BotServices = {
    corpus: knowledge.corpus,
    announcements: announcementsOf(announcer, () => knowledge.kb(), channels),
    follows: follows.service,
  };
  const drain = new InteractionDrain();
  let client: Client;
  try {
    client = await startBot(config, () => knowledge.answers(), log, services, drain);
  } catch (err) {
    await Promise.all([leadership.stop(), knowledge.stop((_name, work) => work)]);
    throw err;
  }
  holder.client = client;
  if (channels.channels().length === 0) log.info("no announcement channel (ANNOUNCE_CHANNEL_IDS, /announce channel set): new articles are recorded, not announced");

  let digest: ReturnType<typeof scheduleDigest> | undefined;
  const rotation = config.digestCron ? await DigestRotation.open(written) : undefined;
  if (rotation?.damaged) log.warn({ movedTo: rotation.damaged.movedTo }, `quote of the day round ${rotation.path} ${rotation.damaged.problem}${rotation.damaged.movedTo ? `; moved it to ${rotation.damaged.movedTo}` : ""}; a new round starts`);
  const startDigest = (): (() => void) | undefined => {
    if (!config.digestCron || !rotation) return undefined;
    if (channels.channels().length === 0) log.warn("DIGEST_CRON is set but there is no announcement channel: no quote of the day will be posted until one is set");
    const running = scheduleDigest(config.digestCron, rotation, announcer, () => knowledge.kb(), { retryMs: config.announceRetryMs, log });
    digest = running;
    log.info({ cron: config.digestCron, next: running.nextRun()?.toISOString() }, "quote of the day scheduled");
    return () => running.stop();
  };
  duties.current = followLeadership(
    {
      leadership,
      announcer,
      record,
      channels,
      follows,
      startDigest,
      knowledge: () => knowledge.kb(),
      prepareToLead: () => knowledge.prepareToLead(),
      announceExisting: config.announceExisting,
      log,
    },
    { begun, syncMs: database ? STATE_SYNC_MS : 0 },
  );

  return {
    client,
    leadership,
    refresh: (files) => knowledge.refresh(files),
    stop: async (step = (_name, work) => work) => {
      drain.begin();
      // No new leader's work: the digest makes no new run (one under way finishes: it stores the rotation, then
      // queues its post), the state sync stops.
      await step("leader's work", duties.current?.stop() ?? Promise.resolve());
      // No new send starts: what is queued from now on is written to the record and sent after the restart. A send
      // in flight is recorded as sent before announcer.stop resolves; the hard exit timer bounds that wait.
      await Promise.all([
        step("interaction replies", drain.settled()),
        step("announcements in flight", announcer.stop(60_000)),
        step("follow DMs in flight", follows.notifier.stop()),
      ]);
      await Promise.all([
        knowledge.stop(step),
        step("quote of the day", whileBusy(() => digest?.isBusy() === true)),
      ]);
      await Promise.all([step("announcement record", record.flush()), step("follows", follows.store.flush()), step("channel settings", channels.flush()), step("facts cache", facts.flush())]);
      tellUnsentAtExit(record, log);
      // Giving up the lead only now: the next leader starts from what this one stored.
      const closed = closeClient(() => client.destroy(), log, [config.discordToken]);
      await Promise.all([step("discord client", closed), step("leader election", leadership.stop())]);
    },
  };
}

async function whileBusy(busy: () => boolean): Promise<void> {
  while (busy()) await new Promise((resolve) => setTimeout(resolve, 20));
}

// The sharded bot end to end: the real bot with SHARDS (discord.js's ShardingManager, one process per shard) and a
// shared throwaway PostgreSQL, against the fake Discord with one server per shard. Used by tests/e2e/shards.test.ts and
// tests/stress/leaderFailover.test.ts: the leader is killed with SIGKILL while announcements go out, again and again;
// a follower must take over, and every article must be announced exactly once in every channel.
import { copyFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { articleFile } from "../support/articles.ts";
import { seedFile, tempDir } from "../support/files.ts";
import { afterAll, beforeAll } from "vitest";
import { startPostgres, type TestPostgres } from "../support/postgres.ts";
import { FakeDiscord } from "./fakeDiscord.ts";
import { shardOf } from "./fakeGateway.ts";
import { FAKE_TOKEN, START_TIMEOUT_MS, startBot, tempDataDir, type Spawned } from "./harness.ts";
import { HoldingProxy } from "./holdingProxy.ts";

export const CHANNELS = ["700000000000000051", "700000000000000052"];

/** The two shard processes start one after the other: twice a bot's start (tests/e2e/harness.ts START_TIMEOUT_MS). */
export const SHARDS_START_MS = 2 * START_TIMEOUT_MS;

/** Two server ids on different shards of two: (id >> 22) % 2 is 0 for the first, 1 for the second (GUILD_ID). */
export const GUILDS = ["222222222226416526", "222222222222222222"];

export interface ShardedBot {
  fake: FakeDiscord;
  proxy: HoldingProxy;
  bot: Spawned;
  corpus: string;
  /** Writes a new article into the corpus (a temporary file renamed into place); returns its title. */
  addArticle(): string;
  /** The pid of the process that leads now (the last to log that it leads, still alive and not in `killed`). */
  leader(killed?: ReadonlySet<number>): number | undefined;
  /** Log lines of every process (the manager and its shards share stderr), parsed. */
  lines(): { msg?: string; pid?: number; shard?: number }[];
  stop(): Promise<void>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** What the first leader logs once the record holds the corpus present at the first start (announcer.ts). */
const FIRST_START = "first start: the articles already in the corpus are recorded as announced";

export async function startSharded(server: TestPostgres, env: Record<string, string> = {}): Promise<ShardedBot> {
  for (const [i, g] of GUILDS.entries()) if (shardOf(g, 2) !== i) throw new Error(`server ${g} is not on shard ${i}`);
  const corpus = tempDir("newsdesk-shards-");
  copyFileSync(seedFile("rust-goes-mainstream-in-the-linux-kernel"), path.join(corpus, "seed.md"));
  // One identify bucket, as for most bots: the shard manager's queue spaces the shards' identifies (restarts included).
  const fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000, guilds: GUILDS, recommendedShards: 2, maxConcurrency: 1 }).start();
  // Discord takes each announcement at once but its answer comes back 60 ms later: a kill in that window leaves a
  // message posted and not yet recorded as sent, which the next leader sends again with the same nonce.
  const proxy = await new HoldingProxy(fake).start();
  proxy.hold("POST", /^\/api\/v10\/channels\/\d+\/messages$/, 60, Infinity, "response");
  const url = await server.freshDatabase();
  let written = 0;
  const bot = await startBot(
    fake,
    {
      DISCORD_API_BASE: proxy.apiBase,
      CORPUS_DIR: corpus,
      DATA_DIR: tempDataDir(),
      DATABASE_URL: url,
      SHARDS: "auto",
      ANNOUNCE_CHANNEL_IDS: CHANNELS.join(","),
      CORPUS_DEBOUNCE_MS: "30",
      ANNOUNCE_RETRY_MS: "100",
      ANNOUNCE_BURST: "100",
      ...env,
    },
    "all 2 shards started",
    // One start per shard, one after the other.
    SHARDS_START_MS,
  );
  const lines = (): { msg?: string; pid?: number; shard?: number; articles?: number }[] =>
    bot
      .stderr()
      .split("\n")
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { msg?: string; pid?: number }];
        } catch {
          return [];
        }
      });
  // A shard answers "being built" until it has taken in the leader's first write: the tests ask once both have.
  const holding = (): number =>
    new Set(
      lines()
        .filter((l) => (l.articles ?? 0) > 0 && (l.msg === "knowledge base read from the database" || l.msg?.startsWith("knowledge base changed in the database")))
        .map((l) => l.pid),
    ).size;
  await fake.waitFor(() => holding() >= 2 || undefined, SHARDS_START_MS, "both shards to hold the leader's first write");
  // The first leader writes the folder twice at its start (once its watcher is ready, and once before it records the
  // corpus as announced: leaderDuties.ts), in either order. An article a test adds before the second write has read
  // the folder counts as present at the first start, and is never announced (the first-start rule, as intended): the
  // tests add theirs once the record holds the corpus.
  await fake.waitFor(() => lines().some((l) => l.msg === FIRST_START) || undefined, SHARDS_START_MS, "the first leader to record the corpus as announced");
  return {
    fake,
    proxy,
    bot,
    corpus,
    lines,
    addArticle: () => {
      const n = ++written;
      const title = `Harbour Council Story ${n}: Ferries Stay`;
      const text = articleFile({
        title,
        published: `2025-11-${String((n % 27) + 1).padStart(2, "0")}`,
        url: `https://example.org/shards/${n}`,
        body: `Ana Ribeiro${n}, a member of the harbour council, opened session ${n} in Porto.\n\n"We will keep the ferries running," Ribeiro${n} said.`,
      });
      const temp = path.join(corpus, `.story-${n}.tmp`);
      writeFileSync(temp, text);
      renameSync(temp, path.join(corpus, `story-${n}.md`));
      return title;
    },
    leader: (killed = new Set()) => {
      // A process just killed may not be reaped yet (it still answers kill 0): it is excluded by pid.
      const leading = lines().filter((l) => l.msg?.startsWith("leading:") && l.pid !== undefined && !killed.has(l.pid));
      for (let i = leading.length - 1; i >= 0; i--) {
        const pid = leading[i]?.pid as number;
        if (alive(pid) && !lines().slice(lines().indexOf(leading[i] as never)).some((l) => l.pid === pid && l.msg?.startsWith("no longer leading"))) return pid;
      }
      return undefined;
    },
    stop: async () => {
      if (bot.child.exitCode === null && bot.child.signalCode === null) {
        bot.child.kill("SIGTERM");
        const timer = setTimeout(() => bot.child.kill("SIGKILL"), 10_000);
        await bot.exit;
        clearTimeout(timer);
      }
      await proxy.stop();
      await fake.stop();
    },
  };
}

export interface FailoverReport {
  titles: string[];
  /** Titles posted in each channel, in order. */
  posted: Map<string, string[]>;
  kills: string[];
  /** Messages sent again with the same nonce after a kill (Discord kept the first): proof a kill hit that window. */
  resent: number;
  /** Seconds from each kill to the next announcement posted by the new leader. */
  takeoverSeconds: number[];
}

/** `kills` times: articles are added, the leader is killed (SIGKILL) once some of their announcements are out. */
export async function killLeaders(s: ShardedBot, kills: number, batch = 3): Promise<FailoverReport> {
  const titles: string[] = [];
  const killLog: string[] = [];
  const takeoverSeconds: number[] = [];
  const posted = (): number => s.fake.channelMessages.length;
  const killed = new Set<number>();
  // What the tests before posted: the counts below are of this run's announcements.
  const start = posted();
  for (let k = 0; k < kills; k++) {
    // Both shards up (the one killed last time started again), so a follower is there to take over.
    await s.fake.waitFor(() => s.fake.gateway.connectedShards().length === 2, START_TIMEOUT_MS, `both shards before kill ${k + 1}`);
    const leader = await s.fake.waitFor(() => s.leader(killed), START_TIMEOUT_MS, `a leader before kill ${k + 1}`);
    const before = posted();
    for (let i = 0; i < batch; i++) titles.push(s.addArticle());
    // Some of the batch out, not all: the kill lands while announcements go out.
    const target = before + 1 + (k % (batch * CHANNELS.length - 1));
    await s.fake.waitFor(() => posted() >= target, 30_000, `${target - before} announcements before kill ${k + 1}`);
    try {
      process.kill(leader, "SIGKILL");
      killed.add(leader);
    } catch (err) {
      // Gone before the kill: a leader must not die on its own; its last words say why.
      const last = s.lines().filter((l) => l.pid === leader || (l as { level?: number }).level! >= 40).slice(-8);
      throw new Error(`the leader (pid ${leader}) was gone before kill ${k + 1} (${(err as Error).message}): ${JSON.stringify(last)}\n${s.bot.stderr().slice(-3000)}`, { cause: err });
    }
    const killedAt = Date.now();
    const at = posted();
    killLog.push(`kill ${k + 1}: pid ${leader} after ${at - before} of ${batch * CHANNELS.length} messages`);
    const expected = start + titles.length * CHANNELS.length;
    await s.fake.waitFor(() => posted() >= expected || (posted() > at && s.leader(killed) !== undefined), 60_000, `a new leader after kill ${k + 1}`);
    if (posted() > at) takeoverSeconds.push((Date.now() - killedAt) / 1000);
    await s.fake.waitFor(() => posted() >= expected, 60_000, `all ${expected} announcements after kill ${k + 1} (${killLog.join("; ")})`);
  }
  await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive now
  const postedBy = new Map(CHANNELS.map((c) => [c, s.fake.postedIn(c).map((m) => String((m.embeds[0] as { title?: string } | undefined)?.title))]));
  const nonces = s.proxy.held.map((h) => (JSON.parse(h.body || "{}") as { nonce?: string }).nonce);
  return { titles, posted: postedBy, kills: killLog, resent: nonces.length - new Set(nonces).size, takeoverSeconds };
}

/** One test file's throwaway PostgreSQL and sharded bot, started before its tests and stopped after them. */
export class ShardedFixture {
  server!: TestPostgres;
  bot!: ShardedBot;

  constructor() {
    beforeAll(async () => {
      this.server = await startPostgres();
      this.bot = await startSharded(this.server);
    }, SHARDS_START_MS + 30_000);
    afterAll(async () => {
      await this.bot?.stop();
      await this.server?.stop();
    });
  }
}

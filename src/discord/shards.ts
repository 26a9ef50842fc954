// SHARDS=auto or a number: this process starts discord.js's ShardingManager, which runs the bot's own entry
// (src/main.ts, with the same Node options) once per shard, each in its own process with SHARDING_MANAGER, SHARDS
// (its id) and SHARD_COUNT set. Each shard's client identifies as [id, count], so Discord sends it the events of its
// own servers only ((guild_id >> 22) % count) and it answers them. A shard that dies is started again.
// Without a database every shard keeps its own state in DATA_DIR and leads (announces) alone: set DATABASE_URL so
// that they share their state and elect one leader (src/db/leader.ts).
import type { Shard } from "discord.js";
import { REST, Routes, ShardingManager } from "../util/discordjs.ts";
import { ConfigError, type Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { exitOnSignals } from "../shutdown.ts";
import { safeError } from "../util/safeError.ts";
import { IdentifyQueue, serveIdentifies } from "./identifyQueue.ts";
/** How long a shard may take to start (it loads the corpus first) before the next one is started anyway. */
const SHARD_START_TIMEOUT_MS = 10 * 60_000;
/** A shard's own clean shutdown takes at most 5 s (src/shutdown.ts): the manager waits a little longer. */
const STOP_SHARDS_MS = 7000;

export interface GatewayBot {
  /** The shard count Discord recommends. */
  shards: number;
  /** Shards that may identify at once. */
  maxConcurrency: number;
}

/** GET /gateway/bot, on DISCORD_API_BASE when set (discord.js's own "auto" would always ask discord.com). */
export async function fetchGatewayBot(config: Pick<Config, "discordApiBase"> & { discordToken: string }): Promise<GatewayBot> {
  const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(config.discordToken);
  try {
    const body = (await rest.get(Routes.gatewayBot())) as { shards: number; session_start_limit?: { max_concurrency?: number } };
    return { shards: body.shards, maxConcurrency: body.session_start_limit?.max_concurrency ?? 1 };
  } catch (err) {
    if ((err as { status?: unknown }).status === 401) throw new ConfigError("config: DISCORD_TOKEN was rejected by Discord (check the Bot tab of your application)");
    throw err;
  }
}

/** Starts the shards and keeps them running until SIGINT or SIGTERM, which stops them all cleanly. */
export async function runShards(config: Config & { discordToken: string; shards: number | "auto" }, log: Logger): Promise<void> {
  const secrets = [config.discordToken];
  const gateway = await fetchGatewayBot(config);
  const total = config.shards === "auto" ? gateway.shards : config.shards;
  // Shards without a database would each lead, writing the same state files and announcing every article once each.
  if (total > 1 && !config.databaseUrl) throw new ConfigError(`config: SHARDS gives ${total} shards: set DATABASE_URL too, so that they share their state and one announces`);
  if (total < gateway.shards) log.warn({ shards: total, recommended: gateway.shards }, `SHARDS=${total} is fewer than the ${gateway.shards} Discord recommends; Discord refuses a shard with more than 2,500 servers`);
  const { file, args } = shardEntry();
  const manager = new ShardingManager(file, {
    token: config.discordToken,
    totalShards: total,
    mode: "process",
    respawn: true,
    execArgv: shardExecArgv(process.execArgv, config.databaseUrl !== undefined),
    shardArgs: args,
  });
  // Every identify of every shard process, a respawned one's too, waits for its bucket's turn here (identifyQueue.ts).
  const identifies = new IdentifyQueue(gateway.maxConcurrency);
  manager.on("shardCreate", (shard: Shard) => {
    // The shard's environment: this process's (discord.js copied it when it made the shard), and glibc's setting below.
    if (config.databaseUrl !== undefined) Object.assign(shard.env as NodeJS.ProcessEnv, shardEnv(shard.env as NodeJS.ProcessEnv));
    log.info({ shard: shard.id, of: total }, "shard process started");
    serveIdentifies(shard, identifies);
    shard.on("death", (child) => {
      if (manager.respawn) log.warn({ shard: shard.id, exitCode: (child as { exitCode?: number | null }).exitCode }, "shard process died; starting it again");
    });
    shard.on("error", (err) => log.error({ shard: shard.id, err: safeError(err, secrets) }, "shard process error"));
  });
  exitOnSignals({
    log,
    secrets,
    hardExitMs: STOP_SHARDS_MS + 1000,
    run: (step) => step("shard processes", stopShards(manager)),
  });
  try {
    // No spawn delay: discord.js counts it from each shard's start, not from its identify; the queue paces identifies.
    await manager.spawn({ amount: total, delay: 0, timeout: SHARD_START_TIMEOUT_MS });
    log.info({ shards: total }, `all ${total} shards started`);
  } catch (err) {
    // A shard that died while starting is started again by the manager; the others go on.
    log.error({ err: safeError(err, secrets) }, "a shard did not start; it is started again");
  }
}

/**
 * What each shard process runs: this process's own entry point, run the same way. Under src/launch.mjs (npm start)
 * the entry is TypeScript that node cannot run by itself, so each shard goes through the launcher too.
 */
export function shardEntry(argv = process.argv, launcher = process.env[LAUNCHER_KEY]): { file: string; args: string[] } {
  const entry = argv[1] as string;
  if (launcher && entry.endsWith(".ts")) return { file: launcher, args: [entry, ...argv.slice(2)] };
  return { file: entry, args: argv.slice(2) };
}

// A shard that answers from the database holds a heap of some 75 MB at 50,000 articles, and V8's new space (two
// semi-spaces of 16 MB by default) was a third of it again in RSS. With 4 MB semi-spaces a shard measured 30 MB less
// RSS after 600 answers (296-304 MB against 327-332) for 1-11 % more CPU on them and no slower p99 (bench:shard-start,
// load 12-14). An embedded shard builds its indexes in memory and keeps V8's default.
const SHARD_SEMI_SPACE_MB = 4;

/**
 * The Node options of a shard process: this process's own, and for one reading the database a smaller new space
 * (unless given) and --expose-gc. The second lets the shard collect its start's garbage once the knowledge base is read
 * (src/util/collectGarbage.ts): V8 left it in place, 320 MB of RSS at 50,000 articles against some 205 MB collected.
 * Given to the shard processes alone: no other process (the embedded bot, the console, the supervisor, the tests) has
 * a global gc, and none collects (a bot of one process on the database may be given it in NODE_OPTIONS).
 */
export function shardExecArgv(execArgv: readonly string[], database: boolean): string[] {
  if (!database) return [...execArgv];
  const given = (flag: RegExp): boolean => execArgv.some((a) => flag.test(a));
  return [
    ...(given(/^--max[-_]semi[-_]space[-_]size\b/) ? [] : [`--max-semi-space-size=${SHARD_SEMI_SPACE_MB}`]),
    ...(given(/^--expose[-_]gc$/) ? [] : ["--expose-gc"]),
    ...execArgv,
  ];
}

// glibc's malloc raises the size from which it maps an allocation on its own (128 KB at first) to the largest such
// block freed, up to 32 MB: after a shard's start, blocks of a few MB (array buffers of rows read, of the tables of
// integers) came from its arenas, and their freed space stayed in the process. Fixed at 128 KB, each is unmapped
// when freed: a shard at 50,000 articles held 15-28 MB less RSS after its start and after 200 answers, with no more
// CPU on them seen (bench:shard-start, load 11-13), and the leader's writes at 10,000 took no more CPU within the
// noise (bench:leader-update). Ignored by other C libraries.
const SHARD_MALLOC_MMAP_THRESHOLD = "131072";

/** What a shard process reading the database adds to its environment (nothing where the admin set glibc's malloc). */
export function shardEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (Object.keys(env).some((k) => k.startsWith("MALLOC_") || k === "GLIBC_TUNABLES")) return {};
  return { MALLOC_MMAP_THRESHOLD_: SHARD_MALLOC_MMAP_THRESHOLD };
}

/** Set by src/launch.mjs to its own path. */
const LAUNCHER_KEY = "NEWSDESK_LAUNCHER";

/** SIGTERM to every shard (each finishes its work in flight and flushes its state), without starting them again. */
async function stopShards(manager: ShardingManager): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map((shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      return exited;
    }),
  );
}

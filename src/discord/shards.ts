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
import { shardEntry, shardEnv, shardExecArgv } from "./shardOptions.ts";
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

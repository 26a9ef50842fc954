import { statSync } from "node:fs";
import path from "node:path";
import dotenv from "dotenv";
import { Cron } from "croner";
import { z } from "zod";
import { log, LOG_LEVELS } from "./log.ts";

/** A configuration problem; the message names the key and is safe to print. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const snowflakeList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(snowflake));

// Host names or IP addresses, comma-separated: no scheme, port or path (the port is not what makes a host safe).
const hostList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.string().refine(isBareHost, "entries must be host names or IP addresses, without scheme, port or path (e.g. intranet.example,10.0.0.5)")));

const bool = z.enum(["true", "false", "1", "0", "yes", "no"], "must be true or false").transform((v) => ["true", "1", "yes"].includes(v));

const millis = z.coerce.number({ error: "must be a number of milliseconds" }).int("must be a whole number of milliseconds").min(0).max(600_000);

// A cron expression croner understands (5 or 6 fields); checked here so a typo stops startup naming the key.
const cron = z.string().trim().refine((expr) => {
  try {
    new Cron(expr, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}, "must be a cron expression, e.g. \"0 9 * * *\" (09:00 every day)");

// A PostgreSQL connection URL; the error never repeats the value (it may hold a password).
const postgresUrl = z.string().trim().refine((value) => {
  try {
    return ["postgres:", "postgresql:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "must be a PostgreSQL URL, e.g. postgres://newsdesk:PASSWORD@localhost:5432/newsdesk");

const schema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_BASE: z.url().optional(),
  DISCORD_LOGIN_TIMEOUT_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(1, "must be at least 1").max(300, "must be at most 300").default(30),
  CORPUS_DIR: z.string().trim().min(1).default("corpus"),
  DATA_DIR: z.string().trim().min(1).default("data"),
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`).default("info"),
  ANNOUNCE_CHANNEL_IDS: snowflakeList.default([]),
  ANNOUNCE_EXISTING: bool.default(false),
  ANNOUNCE_BURST: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(5),
  DIGEST_CRON: cron.optional(),
  CORPUS_DEBOUNCE_MS: millis.default(1000),
  CORPUS_WARM_WORKER: bool.default(true),
  LEADER_WORKER_IDLE_SECONDS: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(86_400, "must be at most 86400").default(600),
  ANNOUNCE_RETRY_MS: millis.default(5000),
  FOLLOW_DM_INTERVAL_SECONDS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(86_400, "must be at most 86400").default(300),
  // Feed ingestion (src/ingest/): the FEEDS syntax and the FEEDS_FILE contents are checked by loadFeedSources().
  FEEDS: z.string().trim().min(1).optional(),
  FEEDS_FILE: z.string().trim().min(1).optional(),
  FEEDS_ALLOW_HOSTS: hostList.default([]),
  FEEDS_INGEST_EXISTING: bool.default(false),
  FEED_INTERVAL_MINUTES: z.coerce.number().min(1, "must be at least 1").max(1440, "must be at most 1440").default(30),
  // Unset: the poller's default (src/ingest/poller.ts), a tenth of the interval, at most 30 s.
  FEED_START_SPREAD_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(0, "must be 0 or more").max(3600, "must be at most 3600").optional(),
  // Per-user rate limit: commands per user per window, 0 turns it off. Unset: the defaults in src/discord/rateLimit.ts.
  RATE_LIMIT_COMMANDS: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(1000, "must be at most 1000").optional(),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(3600, "must be at most 3600").optional(),
  // Set: the knowledge base and state live in PostgreSQL (src/db). Unset: the embedded default (memory and DATA_DIR).
  DATABASE_URL: postgresUrl.optional(),
  // Sharding (src/discord/shards.ts): "auto" asks Discord how many shards; unset, one process as without sharding.
  SHARDS: z.string().trim().regex(/^(auto|[1-9]\d{0,3})$/, "must be auto or a number of shards (1 to 9999)").optional(),
});

export interface Config {
  discordToken?: string;
  discordClientId?: string;
  discordGuildId?: string;
  discordApiBase?: string;
  /** How long one login attempt may take before it is given up and tried again (src/discord/login.ts). */
  discordLoginTimeoutMs: number;
  corpusDir: string;
  dataDir: string;
  logLevel: string;
  /** Channels that get an announcement for each new article (and the digest). */
  announceChannelIds: string[];
  /** At the very first start, announce the articles already in the corpus instead of recording them as seen. */
  announceExisting: boolean;
  /** Articles announced one by one within 10 minutes; past that they fold into one summary post. */
  announceBurst: number;
  /** When to post the quote of the day; unset: no digest. */
  digestCron?: string;
  /** Quiet time before a corpus change is read (also how long a file must stop growing). */
  corpusDebounceMs: number;
  /**
   * Start the worker thread that applies corpus changes (the extractors, every article's people) as soon as the corpus
   * is loaded; false: at the first change, which then takes a second or two longer (src/live/liveKnowledge.ts).
   */
  corpusWarmWorker: boolean;
  /**
   * With DATABASE_URL: the leader lets its worker thread (the people merge of every stored article) go after this long
   * without a corpus change, and teaches a new one at the next (0: kept while it leads; src/live/leaderKnowledge.ts).
   */
  leaderWorkerIdleMs: number;
  /** First retry delay for an announcement Discord could not take (doubles up to 10 minutes). */
  announceRetryMs: number;
  /** At most one follow DM per member in this long; articles in between fold into the next one. */
  followDmIntervalMs: number;
  /** Feeds to follow (see src/ingest/feedList.ts for the syntax); unset with feedsFile unset: no polling. */
  feeds?: string;
  /** JSON or YAML list of {url, keywords?}. */
  feedsFile?: string;
  /** How often each feed is polled (with jitter). */
  feedIntervalMinutes: number;
  /** The feeds' first polls after a start are spread over this long, so that many feeds are not read at once; unset: the poller's default. */
  feedStartSpreadMs?: number;
  /** A new feed's first poll ingests the items it lists (default: they count as seen, nothing is downloaded). */
  feedsIngestExisting: boolean;
  /** Hosts feeds may reach on private or special addresses (every other host must be public: src/ingest/addressGuard.ts). */
  feedsAllowHosts: string[];
  /** Slash commands per user per window (0: no per-user limits); unset: the default in src/discord/rateLimit.ts. */
  rateLimitCommands?: number;
  rateLimitWindowMs?: number;
  /** PostgreSQL connection URL (src/db); unset: the embedded default. Holds a password: never log it. */
  databaseUrl?: string;
  /** Start discord.js's ShardingManager with this many shard processes ("auto": Discord's recommendation); unset: one process. */
  shards?: number | "auto";
}

let dotenvLoaded = false;

/**
 * Reads configuration from the environment (after `.env`, which never overrides a real environment variable),
 * validates it and fails fast with a message naming the bad key. Empty values count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let envFileToken = false;
  if (env === process.env && !dotenvLoaded) {
    const { parsed } = dotenv.config({ quiet: true });
    dotenvLoaded = true;
    envFileToken = (parsed?.DISCORD_TOKEN?.trim() ?? "") !== "";
  }
  const config = validate(env);
  if (env === process.env) log.level = config.logLevel;
  // Only a file holding a token is worth the warning: a fresh copy of .env.example holds none yet.
  const loose = envFileToken ? envFileLooseMode(path.resolve(".env")) : undefined;
  if (loose !== undefined) {
    log.warn(
      { file: path.resolve(".env"), mode: loose.toString(8).padStart(3, "0") },
      ".env can be read by other users of this machine and holds the bot token: run chmod 600 .env",
    );
  }
  return config;
}

function validate(env: NodeJS.ProcessEnv): Config {
  // In a shard process the ShardingManager sets SHARDS to the shard's own id: it is not this key.
  const own = (k: string): boolean => !(k === "SHARDS" && env.SHARDING_MANAGER === "true");
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && v.trim() !== "" && own(k)));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`config: ${String(issue?.path[0] ?? "?")} ${issue?.message ?? "is invalid"}`);
  }
  const c = result.data;
  const config: Config = {
    corpusDir: c.CORPUS_DIR,
    dataDir: c.DATA_DIR,
    discordLoginTimeoutMs: c.DISCORD_LOGIN_TIMEOUT_SECONDS * 1000,
    logLevel: c.LOG_LEVEL,
    announceChannelIds: [...new Set(c.ANNOUNCE_CHANNEL_IDS)],
    announceExisting: c.ANNOUNCE_EXISTING,
    corpusDebounceMs: c.CORPUS_DEBOUNCE_MS,
    corpusWarmWorker: c.CORPUS_WARM_WORKER,
    leaderWorkerIdleMs: c.LEADER_WORKER_IDLE_SECONDS * 1000,
    announceRetryMs: c.ANNOUNCE_RETRY_MS,
    followDmIntervalMs: c.FOLLOW_DM_INTERVAL_SECONDS * 1000,
    feedIntervalMinutes: c.FEED_INTERVAL_MINUTES,
    feedsAllowHosts: c.FEEDS_ALLOW_HOSTS,
    feedsIngestExisting: c.FEEDS_INGEST_EXISTING,
    announceBurst: c.ANNOUNCE_BURST,
  };
  if (c.DIGEST_CRON) config.digestCron = c.DIGEST_CRON;
  if (c.DISCORD_TOKEN) config.discordToken = c.DISCORD_TOKEN;
  if (c.DISCORD_CLIENT_ID) config.discordClientId = c.DISCORD_CLIENT_ID;
  if (c.DISCORD_GUILD_ID) config.discordGuildId = c.DISCORD_GUILD_ID;
  if (c.DISCORD_API_BASE) config.discordApiBase = c.DISCORD_API_BASE.replace(/\/+$/, "");
  if (c.FEEDS) config.feeds = c.FEEDS;
  if (c.FEEDS_FILE) config.feedsFile = c.FEEDS_FILE;
  if (c.FEED_START_SPREAD_SECONDS !== undefined) config.feedStartSpreadMs = c.FEED_START_SPREAD_SECONDS * 1000;
  if (c.RATE_LIMIT_COMMANDS !== undefined) config.rateLimitCommands = c.RATE_LIMIT_COMMANDS;
  if (c.RATE_LIMIT_WINDOW_SECONDS !== undefined) config.rateLimitWindowMs = c.RATE_LIMIT_WINDOW_SECONDS * 1000;
  if (c.DATABASE_URL) config.databaseUrl = c.DATABASE_URL;
  if (c.SHARDS) config.shards = c.SHARDS === "auto" ? "auto" : Number(c.SHARDS);
  return config;
}

function isBareHost(entry: string): boolean {
  try {
    const bare = entry.replace(/^\[(.*)\]$/, "$1");
    const url = new URL(`http://${bare.includes(":") ? `[${bare}]` : bare}/`);
    return url.hostname.replace(/^\[(.*)\]$/, "$1") === bare && !/[/?#@]/.test(entry);
  } catch {
    return false;
  }
}

/** The permission bits of `file` when group or other users may use it (mode & 0o077); undefined when fine or absent. */
export function envFileLooseMode(file: string): number | undefined {
  if (process.platform === "win32") return undefined; // no POSIX modes: ACLs decide
  try {
    const mode = statSync(file).mode & 0o777;
    return (mode & 0o077) !== 0 ? mode : undefined;
  } catch {
    return undefined;
  }
}

/** Throws a ConfigError naming `key` when a value the caller needs is missing. */
export function requireKey<T>(value: T | undefined, key: string, why: string): T {
  if (value === undefined) throw new ConfigError(`config: ${key} is required ${why}`);
  return value;
}

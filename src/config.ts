import dotenv from "dotenv";
import { z } from "zod";

/** A configuration problem; the message names the key and is safe to print. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const schema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_BASE: z.url().optional(),
  CORPUS_DIR: z.string().trim().min(1).default("corpus"),
  DATA_DIR: z.string().trim().min(1).default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Feed ingestion (src/ingest/): the FEEDS syntax and the FEEDS_FILE contents are checked by loadFeedSources().
  FEEDS: z.string().trim().min(1).optional(),
  FEEDS_FILE: z.string().trim().min(1).optional(),
  FEED_INTERVAL_MINUTES: z.coerce.number().min(1, "must be at least 1").max(1440, "must be at most 1440").default(30),
});

export interface Config {
  discordToken?: string;
  discordClientId?: string;
  discordGuildId?: string;
  discordApiBase?: string;
  corpusDir: string;
  dataDir: string;
  logLevel: string;
  /** Feeds to follow (see src/ingest/feedList.ts for the syntax); unset with feedsFile unset: no polling. */
  feeds?: string;
  /** JSON or YAML list of {url, keywords?}. */
  feedsFile?: string;
  /** How often each feed is polled (with jitter). */
  feedIntervalMinutes: number;
}

let dotenvLoaded = false;

/**
 * Reads configuration from the environment (after `.env`, which never overrides a real environment variable),
 * validates it and fails fast with a message naming the bad key. Empty values count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && !dotenvLoaded) {
    dotenv.config({ quiet: true });
    dotenvLoaded = true;
  }
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`config: ${issue?.path.join(".") ?? "?"} ${issue?.message ?? "is invalid"}`);
  }
  const c = result.data;
  const config: Config = {
    corpusDir: c.CORPUS_DIR,
    dataDir: c.DATA_DIR,
    logLevel: c.LOG_LEVEL,
    feedIntervalMinutes: c.FEED_INTERVAL_MINUTES,
  };
  if (c.DISCORD_TOKEN) config.discordToken = c.DISCORD_TOKEN;
  if (c.DISCORD_CLIENT_ID) config.discordClientId = c.DISCORD_CLIENT_ID;
  if (c.DISCORD_GUILD_ID) config.discordGuildId = c.DISCORD_GUILD_ID;
  if (c.DISCORD_API_BASE) config.discordApiBase = c.DISCORD_API_BASE.replace(/\/+$/, "");
  if (c.FEEDS) config.feeds = c.FEEDS;
  if (c.FEEDS_FILE) config.feedsFile = c.FEEDS_FILE;
  return config;
}

/** Throws a ConfigError naming `key` when a value the caller needs is missing. */
export function requireKey<T>(value: T | undefined, key: string, why: string): T {
  if (value === undefined) throw new ConfigError(`config: ${key} is required ${why}`);
  return value;
}

// The Discord client: Guilds intent only, mentions never ping, REST base from DISCORD_API_BASE when set.
import type { Interaction, RESTOptions } from "discord.js";
import { Client, DefaultRestOptions, Events, GatewayIntentBits } from "../util/discordjs.ts";
import { everyCommandByName } from "../../commands/index.ts";
import type { BotServices } from "../../commands/services.ts";
import type { AsyncAnswers } from "../answer/types.ts";
import { ConfigError, type Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { UserError } from "../render/errors.ts";
import { safeError } from "../util/safeError.ts";
import { InteractionDrain, RESTARTING_NOTE } from "./drain.ts";
import { withErrorBoundary } from "./errorBoundary.ts";
import { identifyThroughManager } from "./identifyQueue.ts";
import { loginWithRetry } from "./login.ts";
import { createRouter } from "./router.ts";

/** `abandoned`: once it fires, every REST request of this client fails at once (a login attempt given up on). */
export function createClient(config: Pick<Config, "discordApiBase">, abandoned?: AbortSignal): Client {
  const rest: Partial<RESTOptions> = config.discordApiBase ? { api: config.discordApiBase } : {};
  if (abandoned) {
    rest.makeRequest = (url, init) => {
      if (abandoned.aborted) return Promise.reject(new Error("login attempt abandoned"));
      const signal = init.signal ? AbortSignal.any([init.signal as AbortSignal, abandoned]) : abandoned;
      return DefaultRestOptions.makeRequest(url, { ...init, signal });
    };
  }
  // A shard process (src/discord/shards.ts) takes its shard from the SHARDS and SHARD_COUNT the manager set; any other
  // process is the one shard, whatever SHARDS holds (it is then this bot's own setting: "auto", a count, or empty).
  // A shard process identifies when the manager gives it its turn (one queue for all the shards: identifyQueue.ts).
  const shards =
    process.env.SHARDING_MANAGER === "true" && process.send ? { ws: { buildIdentifyThrottler: () => identifyThroughManager() } } : { shards: [0], shardCount: 1 };
  return new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] }, rest, ...shards });
}

/**
 * Connects to Discord and answers interactions until the process ends. Commands are registered separately.
 * `answers` may be a getter: the live corpus swaps its answers on reload and each interaction reads the current ones.
 * `drain` tracks the interactions being answered, for a shutdown that finishes them (src/discord/drain.ts).
 */
export async function startBot(
  config: Config & { discordToken: string; discordClientId: string },
  answers: AsyncAnswers | (() => AsyncAnswers),
  log: Logger,
  services?: BotServices,
  drain: InteractionDrain = new InteractionDrain(),
): Promise<Client> {
  const secrets = [config.discordToken];
  const limits = {
    ...(config.rateLimitCommands !== undefined ? { commands: config.rateLimitCommands } : {}),
    ...(config.rateLimitWindowMs !== undefined ? { windowMs: config.rateLimitWindowMs } : {}),
  };
  const route = createRouter({ answers, commands: everyCommandByName, log, secrets, limits, ...(services && { services }) });
  const refuse = (interaction: Interaction): Promise<void> =>
    withErrorBoundary(interaction, log, secrets, () => Promise.reject(new UserError("restarting", RESTARTING_NOTE)));
  // A fresh client for each login attempt (src/discord/login.ts): one given up on is destroyed.
  const connect = (abandoned: AbortSignal): Client => {
    const client = createClient(config, abandoned);
    client.on(Events.InteractionCreate, (interaction) => drain.handle(interaction, route, refuse));
    client.on(Events.Error, (err) => log.error({ err: safeError(err, secrets) }, "discord client error"));
    client.on(Events.Warn, (message) => log.warn(message));
    client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, "gateway disconnected"));
    client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, "gateway reconnecting"));
    // Never subscribe to Events.Debug: discord.js prints part of the token there.
    client.once(Events.ClientReady, (c) => {
      const shard = c.shard ? { shard: c.shard.ids[0], shards: c.shard.count } : {};
      log.info({ user: c.user.tag, guilds: c.guilds.cache.size, ...shard }, "connected to Discord; answering commands");
      if (c.application.id !== config.discordClientId) {
        log.warn(
          { application: c.application.id },
          "DISCORD_CLIENT_ID is not this bot's application id: deploy-commands registers commands for another application",
        );
      }
    });
    return client;
  };
  try {
    return await loginWithRetry(connect, config.discordToken, { timeoutMs: config.discordLoginTimeoutMs, log });
  } catch (err) {
    const e = err as { code?: unknown; status?: unknown };
    if (e.code === "TokenInvalid" || e.status === 401) {
      throw new ConfigError("config: DISCORD_TOKEN was rejected by Discord (check the Bot tab of your application)");
    }
    const cause = safeError(err, secrets);
    // The raw error stays out: only its token-free description travels on.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`could not connect to Discord: ${cause.message}`);
  }
}

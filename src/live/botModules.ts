// What a bot process loads once its configuration is valid and its database open (src/main.ts): the bot's modules,
// discord.js, the announcer, the commands and the engine among them, some 0.3-0.5 s of CPU at every start. A process
// on PostgreSQL first starts reading the knowledge base (src/search/postgres/startedRead.ts), so that the server reads
// while this process loads them; the knowledge base's open takes that read (botKnowledge.ts sharedKnowledge).
// bench:shard-start starts through here too, so that it measures a shard's start in a shard's order.
import type pg from "pg";
import { BOT_TEXTS, startRead, type StartedRead, type TextsHeld } from "../search/postgres/startedRead.ts";
import { atMost } from "../shutdown.ts";
import type { startLiveBot } from "./startLiveBot.ts";

export interface BotModules {
  startLiveBot: typeof startLiveBot;
  /** The knowledge base's read under way (a process on PostgreSQL): for startLiveBot's `database.started`. */
  started: StartedRead | undefined;
}

/**
 * How long the modules' load waits for the read's statements to reach the server. Loaded from one bundle, the modules
 * run in one synchronous stretch (~130 ms) that would hold back the read's connections (each needs a few turns of the
 * event loop to connect and send its statement); waiting for them first gave a shard's first /who at 50,000 articles
 * 45 ms sooner, idle (docs/scaling.md "The read's statements sent before the modules load"). Bounded: a slow server
 * delays the start by this much at most.
 */
export const READ_SENT_WAIT_MS = 150;

/** Starts reading the knowledge base from `pool` (if any), then loads the bot's modules. `texts`: a bench's choice. */
export async function loadBotModules(pool: pg.Pool | undefined, texts: TextsHeld = BOT_TEXTS): Promise<BotModules> {
  const started = pool && startRead(pool, texts);
  if (started) await atMost(started.sent, READ_SENT_WAIT_MS, () => undefined);
  const modules = await import("./startLiveBot.ts");
  return { startLiveBot: modules.startLiveBot, started };
}

// What a bot process loads once its configuration is valid and its database open (src/main.ts): the bot's modules,
// discord.js, the announcer, the commands and the engine among them, some 0.3-0.5 s of CPU at every start. A process
// on PostgreSQL first starts reading the knowledge base (src/search/postgres/startedRead.ts), so that the server reads
// while this process loads them; the knowledge base's open takes that read (botKnowledge.ts sharedKnowledge).
// bench:shard-start starts through here too, so that it measures a shard's start in a shard's order.
import type pg from "pg";
import { BOT_TEXTS, startRead, type StartedRead, type TextsHeld } from "../search/postgres/startedRead.ts";
import type { startLiveBot } from "./startLiveBot.ts";

export interface BotModules {
  startLiveBot: typeof startLiveBot;
  /** The knowledge base's read under way (a process on PostgreSQL): for startLiveBot's `database.started`. */
  started: StartedRead | undefined;
}

/** Starts reading the knowledge base from `pool` (if any), then loads the bot's modules. `texts`: a bench's choice. */
export async function loadBotModules(pool: pg.Pool | undefined, texts: TextsHeld = BOT_TEXTS): Promise<BotModules> {
  const started = pool && startRead(pool, texts);
  const modules = await import("./startLiveBot.ts");
  return { startLiveBot: modules.startLiveBot, started };
}

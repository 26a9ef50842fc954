// `npm start [-- --corpus DIR]`: loads the corpus, then answers on Discord when DISCORD_TOKEN is set, or in a
// local console (stdin/stdout) when it is not.
// Heavy modules are imported after the configuration is validated, so a bad key is reported at once.
import { parseCommonArgs } from "./cli/args.ts";
import { runCli } from "./cli/run.ts";
import { loadConfig, requireKey } from "./config.ts";
import { safeError } from "./util/safeError.ts";
import type { RunningBot } from "./live/startLiveBot.ts";
import { log } from "./log.ts";
import { exitOnSignals } from "./shutdown.ts";
import { dataDirProblem, memoryOnlyWarning } from "./state/dataDir.ts";

runCli("start", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const config = loadConfig();
  const token = config.discordToken;
  const clientId = token ? requireKey(config.discordClientId, "DISCORD_CLIENT_ID", "when DISCORD_TOKEN is set") : undefined;
  const dir = args.corpus ?? config.corpusDir;
  // A DATA_DIR that cannot be written (a full disk) costs the state across restarts, not the answers.
  const dataProblem = await dataDirProblem(config.dataDir);
  if (dataProblem) log.warn({ dataDir: config.dataDir }, memoryOnlyWarning(config.dataDir, dataProblem));
  const saveState = dataProblem === undefined;
  // With DATABASE_URL, the schema is brought up to date first: an unreachable server or a schema newer than this code
  // stops startup with one line (src/db/migrate.ts).
  const database = config.databaseUrl ? await (await import("./db/database.ts")).openDatabase(config.databaseUrl, { log }) : undefined;

  // SHARDS: this process starts the shard processes and watches them (src/discord/shards.ts); each runs this file.
  if (token && clientId && config.shards !== undefined && process.env.SHARDING_MANAGER !== "true") {
    await database?.close();
    const { runShards } = await import("./discord/shards.ts");
    await runShards({ ...config, discordToken: token, shards: config.shards }, log);
    return;
  }

  if (token && clientId) {
    // On Discord the corpus is live: watched, rebuilt on change, new articles announced (src/live/startLiveBot.ts).
    // With a database, the knowledge base's read starts first: the server reads it while the bot's modules load.
    const { startLiveBot, started } = await (await import("./live/botModules.ts")).loadBotModules(database?.pool);
    process.on("unhandledRejection", (reason) => log.error({ err: safeError(reason, [token]) }, "unhandled rejection"));
    // SIGINT / SIGTERM: finish the work in flight and flush the state files, then exit 0 (src/shutdown.ts). During
    // startup there is nothing in flight to finish: every state file is written atomically, so it exits at once.
    const running: { bot?: RunningBot; stopFeeds?: () => Promise<void> } = {};
    exitOnSignals({
      log,
      secrets: [token],
      run: async (step) => {
        await Promise.all([running.stopFeeds && step("feed polling", running.stopFeeds()), running.bot?.stop(step)]);
        await database?.close();
      },
    });
    const following = config.feeds !== undefined || config.feedsFile !== undefined;
    // A bad FEEDS / FEEDS_FILE is reported before the corpus is read, like any other bad key.
    if (following) (await import("./ingest/feedList.ts")).loadFeedSources(config);
    const bot = await startLiveBot({ ...config, discordToken: token, discordClientId: clientId }, dir, log, {
      saveState,
      ...(database && config.databaseUrl && { database: { pool: database.pool, url: config.databaseUrl, started } }),
    });
    running.bot = bot;
    // Feeds write new files into the corpus folder, each complete when it appears: the live corpus reads it at once,
    // without the watcher's wait for a file to settle (the watcher sees it too, and finds nothing more to do).
    // Only the leader polls (src/db/leader.ts; the embedded bot always leads).
    if (following) {
      const { startFeedPolling } = await import("./ingest/poller.ts");
      const state = database && (await import("./state/pgDocument.ts")).stateInDatabase(database.pool);
      const onWrite = ({ file }: { file: string }): void => bot.refresh([file]);
      const poll = (): void => {
        if (bot.leadership.leading && !running.stopFeeds) {
          running.stopFeeds = startFeedPolling({ ...config, corpusDir: dir }, { saveState, onWrite, ...(state && { state }) });
        } else if (!bot.leadership.leading && running.stopFeeds) {
          void running.stopFeeds();
          delete running.stopFeeds;
        }
      };
      bot.leadership.onChange(poll);
      poll();
    }
    return;
  }
  // The console keeps no state: a signal only waits for what was printed to be written out.
  exitOnSignals({ log, run: (step) => step("console output", flushed(process.stdout)) });
  // With DATABASE_URL it answers from the knowledge base there, as the bot's shards do (src/console/answers.ts).
  const { consoleKnowledge } = await import("./console/answers.ts");
  const { answers, loaded, flush } = await consoleKnowledge(dir, { ...(saveState && { dataDir: config.dataDir }), ...(database && { database }), log });
  log.debug(loaded, "corpus loaded");
  process.stderr.write("No DISCORD_TOKEN: starting the local console (set DISCORD_TOKEN in .env to connect to Discord). Type /help.\n");
  const { runConsole } = await import("./console/run.ts");
  // Bot commands act on the running Discord bot (follows, announcements, live reload): the console has none of it.
  const { consoleCommands: commands } = await import("../commands/index.ts");
  await runConsole({
    answers,
    commands,
    input: process.stdin,
    output: process.stdout,
    log,
    prompt: process.stdin.isTTY === true,
  });
  await Promise.all([flushed(process.stdout), flush(), database?.close()]);
  process.exit(0);
});

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise<void>((resolve) => stream.write("", () => resolve()));
}

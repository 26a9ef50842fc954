// `npm start [-- --corpus DIR]`: loads the corpus, then answers on Discord when DISCORD_TOKEN is set, or in a
// local console (stdin/stdout) when it is not.
// Heavy modules are imported after the configuration is validated, so a bad key is reported at once.
import { parseCommonArgs } from "./cli/args.ts";
import { runCli } from "./cli/run.ts";
import { loadConfig, requireKey } from "./config.ts";
import { safeError } from "./discord/safeError.ts";
import { log } from "./log.ts";

runCli("start", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const config = loadConfig();
  const token = config.discordToken;
  const clientId = token ? requireKey(config.discordClientId, "DISCORD_CLIENT_ID", "when DISCORD_TOKEN is set") : undefined;
  const dir = args.corpus ?? config.corpusDir;

  if (token && clientId) {
    // On Discord the corpus is live: watched, rebuilt on change, new articles announced (src/live/startLiveBot.ts).
    const { startLiveBot } = await import("./live/startLiveBot.ts");
    process.on("unhandledRejection", (reason) => log.error({ err: safeError(reason, [token]) }, "unhandled rejection"));
    const following = config.feeds !== undefined || config.feedsFile !== undefined;
    // A bad FEEDS / FEEDS_FILE is reported before the corpus is read, like any other bad key.
    if (following) (await import("./ingest/feedList.ts")).loadFeedSources(config);
    const bot = await startLiveBot({ ...config, discordToken: token, discordClientId: clientId }, dir, log);
    // Feeds write new files into the corpus folder; the live watcher above picks them up and announces them.
    const stopFeeds = following
      ? (await import("./ingest/poller.ts")).startFeedPolling({ ...config, corpusDir: dir })
      : undefined;
    const stop = (): void => {
      void Promise.allSettled([stopFeeds?.(), bot.stop()]).finally(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return;
  }

  const { loadKnowledge } = await import("./kb/load.ts");
  const { createAnswers } = await import("./answer/index.ts");
  const { kb, corpus } = await loadKnowledge(dir);
  const answers = createAnswers(kb);
  const loaded = { dir: corpus.dir, articles: corpus.articles.length, skipped: corpus.skipped.length };
  log.debug(loaded, "corpus loaded");
  process.stderr.write("No DISCORD_TOKEN: starting the local console (set DISCORD_TOKEN in .env to connect to Discord). Type /help.\n");
  const { runConsole } = await import("./console/run.ts");
  const { commandsByName } = await import("../commands/index.ts");
  const { isAdminCommand } = await import("./discord/adminCommand.ts");
  // Admin commands act on the running Discord bot (announcements, live reload): the console has neither.
  const commands = new Map([...commandsByName].filter(([, c]) => !isAdminCommand(c)));
  await runConsole({
    answers,
    commands,
    input: process.stdin,
    output: process.stdout,
    log,
    prompt: process.stdin.isTTY === true,
  });
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  process.exit(0);
});

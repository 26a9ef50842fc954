// `npm start [-- --corpus DIR]`: loads the corpus, then answers on Discord when DISCORD_TOKEN is set, or in a
// local console (stdin/stdout) when it is not.
import { commandsByName } from "../commands/index.ts";
import { createAnswers } from "./answer/index.ts";
import { parseCommonArgs } from "./cli/args.ts";
import { runCli } from "./cli/run.ts";
import { loadConfig, requireKey } from "./config.ts";
import { runConsole } from "./console/run.ts";
import { startBot } from "./discord/bot.ts";
import { loadKnowledge } from "./kb/load.ts";
import { log } from "./log.ts";

runCli("start", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const config = loadConfig();
  const token = config.discordToken;
  const clientId = token ? requireKey(config.discordClientId, "DISCORD_CLIENT_ID", "when DISCORD_TOKEN is set") : undefined;
  const dir = args.corpus ?? config.corpusDir;
  const { kb, corpus } = await loadKnowledge(dir);
  const answers = createAnswers(kb);
  log.info({ dir: corpus.dir, articles: corpus.articles.length, skipped: corpus.skipped.length }, "corpus loaded");

  if (token && clientId) {
    const client = await startBot({ ...config, discordToken: token, discordClientId: clientId }, answers, log);
    const stop = (): void => {
      void client.destroy().finally(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return;
  }

  process.stderr.write("No DISCORD_TOKEN: starting the local console (set DISCORD_TOKEN in .env to connect to Discord). Type /help.\n");
  await runConsole({
    answers,
    commands: commandsByName,
    input: process.stdin,
    output: process.stdout,
    log,
    prompt: process.stdin.isTTY === true,
  });
  process.exit(0);
});

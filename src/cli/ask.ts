// `npm run ask -- who "Linus Torvalds"` (when, quote, search, timeline) prints a readable answer;
// `npm run --silent ask -- --jsonl` answers JSON lines from stdin (the contract in shared/eval/README.md).
import { createInterface } from "node:readline";
import { loadConfig } from "../config.ts";
import { openKnowledge } from "../pipeline/open.ts";
import { log } from "../log.ts";
import { parseCommonArgs } from "./args.ts";
import { answerJsonLine } from "./contract.ts";
import { ASK_COMMANDS, formatAnswer, type AskCommand } from "./format.ts";
import { cacheDir, runCli } from "./run.ts";

const USAGE = `usage: npm run ask -- <${ASK_COMMANDS.join("|")}> "query" [--corpus DIR]
       npm run --silent ask -- --jsonl [--corpus DIR] < questions.jsonl`;

runCli("ask", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const [command, ...words] = args.rest;
  if (!args.flags.has("jsonl") && !ASK_COMMANDS.includes(command as AskCommand)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  // Through the caches in DATA_DIR, as every start: the second ask over the same corpus loads the saved build.
  const { answers, flush } = await openKnowledge(args.corpus ?? config.corpusDir, { ...(await cacheDir(config.dataDir)), log });
  if (!args.flags.has("jsonl")) {
    process.stdout.write(formatAnswer(answers, command as AskCommand, words.join(" ")) + "\n");
  } else {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      process.stdout.write(answerJsonLine(answers, line) + "\n");
    }
  }
  await flush();
});

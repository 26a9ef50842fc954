// `npm run ask -- who "Linus Torvalds"` (when, quote, search, timeline) prints a readable answer;
// `npm run --silent ask -- --jsonl` answers JSON lines from stdin (the contract in shared/eval/README.md).
import { createInterface } from "node:readline";
import { loadConfig } from "../config.ts";
import type { Answers } from "../answer/types.ts";
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
  const dir = args.corpus ?? config.corpusDir;
  // Through the caches in DATA_DIR, as every start: the second ask over the same corpus loads the saved build. With
  // DATABASE_URL, through the knowledge base stored there, and the PostgreSQL search engine.
  const { answer, close } = config.databaseUrl ? await throughDatabase(dir, config.databaseUrl, config.dataDir) : await inMemory(dir, config.dataDir);
  if (!args.flags.has("jsonl")) {
    const query = words.join(" ");
    process.stdout.write((await answer([query], (answers) => formatAnswer(answers, command as AskCommand, query))) + "\n");
  } else {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      process.stdout.write((await answer([queryOf(line)], (answers) => answerJsonLine(answers, line))) + "\n");
    }
  }
  await close();
});

type Answer = <T>(texts: string[], f: (answers: Answers) => T) => Promise<T>;

async function inMemory(dir: string, dataDir: string): Promise<{ answer: Answer; close: () => Promise<void> }> {
  const { answers, flush } = await openKnowledge(dir, { ...(await cacheDir(dataDir)), log });
  return { answer: async (_texts, f) => f(answers), close: flush };
}

async function throughDatabase(dir: string, url: string, dataDir: string): Promise<{ answer: Answer; close: () => Promise<void> }> {
  // Loaded only here: without DATABASE_URL nothing of PostgreSQL is loaded.
  const [{ openDatabase }, { openStoredKnowledge }, { answerWith }] = await Promise.all([
    import("../db/database.ts"),
    import("../pipeline/openStored.ts"),
    import("../search/engine.ts"),
  ]);
  const db = await openDatabase(url, { log });
  // It answers and does nothing else: the sentences' texts stay in the database, each answer fetching those it reads.
  const { engine } = await openStoredKnowledge(dir, db, { ...(await cacheDir(dataDir)), log }, { texts: "database" });
  return { answer: (texts, f) => answerWith(engine, texts, f), close: db.close };
}

/** The query of a JSON line (the words the engine prepares for; a bad line is answered with an error anyway). */
function queryOf(line: string): string {
  try {
    const { query } = JSON.parse(line) as { query?: unknown };
    return typeof query === "string" ? query : "";
  } catch {
    return "";
  }
}

// `npm run --silent kb -- [--corpus DIR]`: prints the knowledge base as one JSON document on stdout.
import { loadConfig } from "../config.ts";
import { toContractJson } from "../kb/contract.ts";
import { loadKnowledge } from "../pipeline/load.ts";
import { parseCommonArgs } from "./args.ts";
import { runCli } from "./run.ts";

runCli("kb", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const dir = args.corpus ?? loadConfig().corpusDir;
  const { kb } = await loadKnowledge(dir);
  process.stdout.write(JSON.stringify(toContractJson(kb)) + "\n");
});

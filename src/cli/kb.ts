// `npm run --silent kb -- [--corpus DIR]`: prints the knowledge base as one JSON document on stdout.
import { loadConfig } from "../config.ts";
import { toContractJson } from "../kb/contract.ts";
import { log } from "../log.ts";
import { startupCacheFor } from "../pipeline/caches.ts";
import { loadKnowledge } from "../pipeline/load.ts";
import { parseCommonArgs } from "./args.ts";
import { cacheDir, runCli } from "./run.ts";

runCli("kb", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const config = loadConfig();
  const dir = args.corpus ?? config.corpusDir;
  // Through the caches in DATA_DIR, as every start: the saved build of an unchanged corpus, else the facts cache.
  const caches = await cacheDir(config.dataDir);
  const startupCache = startupCacheFor(caches.dataDir, log);
  const { kb } = await loadKnowledge(dir, { ...caches, log, ...(startupCache && { startupCache }) });
  process.stdout.write(JSON.stringify(toContractJson(kb)) + "\n");
});

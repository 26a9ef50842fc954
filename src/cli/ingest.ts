// `npm run ingest -- <feed or page URL> [--corpus DIR]`: one ingestion pass by hand. Prints one line per file
// written and one per item skipped (with the reason) on stdout; exits 1 when the URL itself cannot be used.
import path from "node:path";
import { loadConfig } from "../config.ts";
import { FeedParseError } from "../ingest/feedParse.ts";
import { FetchFault } from "../ingest/http.ts";
import type { PageOutcome } from "../ingest/ingestPage.ts";
import { ingestUrl } from "../ingest/ingestUrl.ts";
import { parseCommonArgs } from "./args.ts";
import { runCli } from "./run.ts";

const USAGE = "usage: npm run ingest -- <feed or page URL> [--corpus DIR]";

runCli("ingest", async () => {
  const args = parseCommonArgs(process.argv.slice(2));
  const [url, ...extra] = args.rest;
  if (!url || extra.length > 0 || !/^https?:\/\//i.test(url)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  const dir = args.corpus ?? config.corpusDir;
  let outcomes: PageOutcome[];
  try {
    const result = await ingestUrl(url, dir, { limits: { allowHosts: config.feedsAllowHosts } });
    if (result.kind === "feed" && result.result.outcomes.length === 0) process.stdout.write(`feed ${url}: no items\n`);
    outcomes = result.kind === "feed" ? result.result.outcomes : [result.outcome];
  } catch (err) {
    if (err instanceof FetchFault || err instanceof FeedParseError) {
      process.stderr.write(`ingest: ${err instanceof FetchFault ? `${url}: ` : ""}${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  for (const o of outcomes) process.stdout.write(`${describe(o, dir)}\n`);
});

// Paths are shown under the corpus folder as the user named it ("corpus/<slug>.md").
function describe(o: PageOutcome, dir: string): string {
  if (o.kind === "written") return `wrote ${path.join(dir, path.basename(o.file))}  (${o.meta.title})`;
  if (o.kind === "duplicate") return `skipped ${o.link}: already in the corpus as ${o.of}`;
  return `skipped ${o.link}: ${o.reason}`;
}

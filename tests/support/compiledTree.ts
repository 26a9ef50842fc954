// Global setup of every test run: the sources compiled ahead of time, as the npm scripts run them (src/launch.mjs), so
// that the worker threads the tests start (extraction, the live corpus's warm worker) run that tree as a launched bot's
// do (src/extract/pool.ts spawnWorker), instead of loading tsx in each thread: about 1.4 s less CPU per thread, and the
// run starts dozens of them. tests/extract/pool.test.ts also runs workers through tsx, as `node --import tsx` does.
import path from "node:path";
import { compiledTree } from "../../src/launch.mjs";
import { entryBundle } from "../../src/launchBundle.mjs";
import { bundleFile } from "../../src/util/discordBundle.ts";
import { ROOT } from "./files.ts";

// The entry points the tests launch, each bundled once here, not by each of the first processes that run it at once.
const LAUNCHED = ["src/main.ts", "src/cli/ask.ts", "src/cli/kb.ts", "src/cli/ingest.ts", "src/cli/migrate.ts"];

export default async function setup(): Promise<void> {
  const tree = await compiledTree();
  process.env.NEWSDESK_COMPILED_TREE = tree;
  await Promise.all(LAUNCHED.map((entry) => entryBundle(ROOT, tree, path.join(ROOT, entry))));
  // discord.js's bundle built once, not by each of the first launched processes at once (src/util/discordBundle.ts).
  bundleFile();
}

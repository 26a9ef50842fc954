// `node src/launch.mjs src/bench/live.ts CORPUS DATA_DIR`: the benchmark's live part alone (src/bench/liveRun.ts),
// over a corpus folder whose caches in DATA_DIR a start already wrote (`npm run bench` runs it after its warm
// start); prints one JSON line. For profiling the live updates without the minutes of the whole benchmark.
import type { Logger } from "../log.ts";
import { liveRun } from "./liveRun.ts";

const [corpus, dataDir] = process.argv.slice(2);
if (!corpus || !dataDir) throw new Error("usage: live.ts CORPUS DATA_DIR");
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
process.stdout.write(`${JSON.stringify(await liveRun(corpus, dataDir, quiet))}\n`);

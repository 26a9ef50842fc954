// The startup the bot does, timed from process start: `node --import tsx src/bench/startup.ts CORPUS DATA_DIR` loads the
// corpus through the caches in DATA_DIR, builds or loads the answer indexes, answers one question, and prints one
// JSON line ({ readyMs, extracted, heapMB, rssMB, peakRssMB }). The benchmark runs it in a fresh process, cold and
// warm.
import { log } from "../log.ts";
import { openKnowledge } from "../pipeline/open.ts";

const [corpus, dataDir] = process.argv.slice(2);
if (!corpus || !dataDir) throw new Error("usage: startup.ts CORPUS DATA_DIR");
const { kb, answers, extracted, flush } = await openKnowledge(corpus, { dataDir, log, progress: { bar: false, everySeconds: 3600 } });
answers.who(kb.people[0]?.name ?? "nobody");
const readyMs = Math.round(performance.now());
await flush(); // the next (warm) start should find what this one saved
// Memory the running bot keeps: the garbage of starting (the cache file's bytes, parsed JSON) is collected, and
// the buffers it held are freed off the main thread, before memory is read; the peak is reported beside it.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
await new Promise((resolve) => setTimeout(resolve, 500));
gc?.();
const mem = process.memoryUsage();
const mb = (bytes: number): number => Math.round(bytes / 1e6);
const peakRssMB = mb(process.resourceUsage().maxRSS * 1024);
process.stdout.write(`${JSON.stringify({ readyMs, extracted, heapMB: mb(mem.heapUsed), rssMB: mb(mem.rss), peakRssMB })}\n`);

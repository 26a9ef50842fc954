// The startup the bot does, timed from process start: `tsx src/bench/startup.ts CORPUS DATA_DIR` loads the
// corpus through the facts cache in DATA_DIR, builds the answer indexes, answers one question, and prints one
// JSON line ({ readyMs, extracted, heapMB, rssMB }). The benchmark runs it in a fresh process, cold and warm.
import { openIndexCache } from "../answer/indexCache.ts";
import { createAnswers } from "../answer/index.ts";
import { cacheDirOf, loadKnowledge } from "../kb/load.ts";
import { log } from "../log.ts";

const [corpus, dataDir] = process.argv.slice(2);
if (!corpus || !dataDir) throw new Error("usage: startup.ts CORPUS DATA_DIR");
const { kb, extracted } = await loadKnowledge(corpus, { dataDir, log, progress: { bar: false, everySeconds: 3600 } });
const indexCache = openIndexCache(cacheDirOf(dataDir), log);
const answers = createAnswers(kb, { indexCache });
answers.who(kb.people[0]?.name ?? "nobody");
const readyMs = Math.round(performance.now());
// Memory the running bot keeps: the garbage of building (parsed JSON above all) is collected first when possible.
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
await indexCache.flush(); // the next (warm) start should find the saved indexes
process.stdout.write(`${JSON.stringify({ readyMs, extracted, heapMB: Math.round(mem.heapUsed / 1e6), rssMB: Math.round(mem.rss / 1e6) })}\n`);

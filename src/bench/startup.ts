// The startup the bot does, timed from process start: `node src/launch.mjs src/bench/startup.ts CORPUS DATA_DIR` loads the
// corpus through the caches in DATA_DIR, builds or loads the answer indexes, answers one question, and prints one
// JSON line ({ readyMs, loadedMs, readyCpuMs, readyProcessCpuMs, loadedCpuMs, extracted, heapMB, rssMB, peakRssMB }). The benchmark runs
// it in a fresh process, cold and warm.
import { runCli } from "../cli/run.ts";
import { log } from "../log.ts";
import { openKnowledge } from "../pipeline/open.ts";
import { mainThreadCpu } from "../util/threadCpu.ts";

// No top-level await: the launcher runs this entry point from its bundle (src/launchBundle.mjs: CommonJS has none),
// as it runs the bot's.
runCli("bench:startup", async () => {
  const [corpus, dataDir] = process.argv.slice(2);
  if (!corpus || !dataDir) throw new Error("usage: startup.ts CORPUS DATA_DIR");
  const { kb, answers, extracted, flush, snapshot } = await openKnowledge(corpus, { dataDir, log, progress: { bar: false, everySeconds: 3600 } });
  answers.who(kb.people[0]?.name ?? "nobody");
  const readyMs = Math.round(performance.now());
  // The main thread's own CPU time to that answer: on a machine others share, wall time also counts their turns.
  const readyCpuMs = mainThreadCpu();
  // And every thread's (a module loader's thread counts here, not above).
  const { user, system } = process.cpuUsage();
  const readyProcessCpuMs = Math.round((user + system) / 1000);
  // A warm start loads the saved event, quote and sentence indexes after its first answer: when they all are.
  await snapshot.indexes.postings.loaded;
  const loadedMs = Math.round(performance.now());
  const loadedCpuMs = mainThreadCpu();
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
  process.stdout.write(`${JSON.stringify({ readyMs, loadedMs, readyCpuMs, readyProcessCpuMs, loadedCpuMs, extracted, heapMB: mb(mem.heapUsed), rssMB: mb(mem.rss), peakRssMB })}\n`);
});

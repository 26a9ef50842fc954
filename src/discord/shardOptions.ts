// How the supervisor (shards.ts) starts a shard process: the entry it runs, its Node options and its environment.
// Apart from shards.ts, which loads discord.js: the benches of a shard process (src/bench/shardProcess.ts) start
// themselves with these options before they load anything of the bot, as a shard does.

/**
 * What each shard process runs: this process's own entry point, run the same way. Under src/launch.mjs (npm start)
 * the entry is TypeScript that node cannot run by itself, so each shard goes through the launcher too.
 */
export function shardEntry(argv = process.argv, launcher = process.env[LAUNCHER_KEY]): { file: string; args: string[] } {
  const entry = argv[1] as string;
  if (launcher && entry.endsWith(".ts")) return { file: launcher, args: [entry, ...argv.slice(2)] };
  return { file: entry, args: argv.slice(2) };
}

// A shard that answers from the database holds a heap of some 75 MB at 50,000 articles, and V8's new space (two
// semi-spaces of 16 MB by default) was a third of it again in RSS. With 4 MB semi-spaces a shard measured 30 MB less
// RSS after 600 answers (296-304 MB against 327-332) for 1-11 % more CPU on them and no slower p99 (bench:shard-start,
// load 12-14). An embedded shard builds its indexes in memory and keeps V8's default.
const SHARD_SEMI_SPACE_MB = 4;

/**
 * The Node options of a shard process: this process's own, and for one reading the database a smaller new space
 * (unless given) and --expose-gc. The second lets the shard collect its start's garbage once the knowledge base is read
 * (src/util/collectGarbage.ts): V8 left it in place, 320 MB of RSS at 50,000 articles against some 205 MB collected.
 * Given to the shard processes alone: no other process (the embedded bot, the console, the supervisor, the tests) has
 * a global gc, and none collects. A bot of one process on the database has no supervisor: the README says to set all
 * three of a shard's settings where it is started (NODE_OPTIONS="--max-semi-space-size=4 --expose-gc" and
 * MALLOC_MMAP_THRESHOLD_=131072). --expose-gc alone was measured to give nothing back (the read's buffers stay in
 * glibc's arenas); the three took some 70-80 MB of RSS off at 10,000 articles (docs/scaling.md).
 */
export function shardExecArgv(execArgv: readonly string[], database: boolean): string[] {
  if (!database) return [...execArgv];
  const given = (flag: RegExp): boolean => execArgv.some((a) => flag.test(a));
  return [
    ...(given(/^--max[-_]semi[-_]space[-_]size\b/) ? [] : [`--max-semi-space-size=${SHARD_SEMI_SPACE_MB}`]),
    ...(given(/^--expose[-_]gc$/) ? [] : ["--expose-gc"]),
    ...execArgv,
  ];
}

// glibc's malloc raises the size from which it maps an allocation on its own (128 KB at first) to the largest such
// block freed, up to 32 MB: after a shard's start, blocks of a few MB (array buffers of rows read, of the tables of
// integers) came from its arenas, and their freed space stayed in the process. Fixed at 128 KB, each is unmapped
// when freed: a shard at 50,000 articles held 15-28 MB less RSS after its start and after 200 answers, with no more
// CPU on them seen (bench:shard-start, load 11-13), and the leader's writes at 10,000 took no more CPU within the
// noise (bench:leader-update). Ignored by other C libraries.
const SHARD_MALLOC_MMAP_THRESHOLD = "131072";

/** What a shard process reading the database adds to its environment (nothing where the admin set glibc's malloc). */
export function shardEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (Object.keys(env).some((k) => k.startsWith("MALLOC_") || k === "GLIBC_TUNABLES")) return {};
  return { MALLOC_MMAP_THRESHOLD_: SHARD_MALLOC_MMAP_THRESHOLD };
}

/** Set by src/launch.mjs to its own path. */
const LAUNCHER_KEY = "NEWSDESK_LAUNCHER";

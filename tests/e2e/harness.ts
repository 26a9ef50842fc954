// Starts the real bot the way `npm start` does (`node src/launch.mjs src/main.ts`) against a FakeDiscord.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { ROOT, seedCorpus, tempDir } from "../support/files.ts";
import { APP_ID, FakeDiscord, type FakeInteraction, type FakeMessage } from "./fakeDiscord.ts";

export const FAKE_TOKEN = "fake-bot-token.for-tests.only";

/**
 * The identify window (FakeDiscord's identifyIntervalMs) of a fake Discord whose bot a test stops and starts again.
 * Discord's is 5 s per bucket: a bot started again at once identifies within it, is refused (op 9), and waits out
 * discord.js's 5 s throttle before its next try, about 5 s per restart that test nothing the tests of the limit itself
 * (shardIdentify, shards, fakeGateway) and of op 9 (gatewayFaults) do not. Half a second still refuses a bot that
 * identifies again at once.
 */
export const RESTART_IDENTIFY_MS = 500;

/**
 * How long a process under test may take to start (node, the modules, the corpus: about 1.5 s of CPU for a bot).
 * Generous because a loaded machine slows every start several times over, and how fast the bot starts is measured by
 * `npm run bench`, not by these tests. The e2e tests' own timeouts (vitest.config.ts) leave room for it.
 */
export const START_TIMEOUT_MS = 60_000;

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/**
 * A fresh DATA_DIR, so no test sees another's state (or the developer's ./data). It holds no state file, only the
 * caches of the seed corpus (tests/support/seedCaches.ts), as a bot's DATA_DIR does after its first start: the bot
 * extracts only the articles it has not seen. `{ caches: false }`: an empty one, for a first start.
 */
export function tempDataDir(options: { caches?: boolean } = {}): string {
  const dir = tempDir("newsdesk-data-");
  const seeded = inject("seedCachesDir");
  if (options.caches !== false && seeded) cpSync(path.join(seeded, "cache"), path.join(dir, "cache"), { recursive: true });
  return dir;
}

/**
 * The default CORPUS_WARM_WORKER (true), which botEnv turns off: for the tests that change the corpus while the bot
 * runs, so that they run it as a server does, its worker thread started with it.
 */
export const WARM_WORKER = { CORPUS_WARM_WORKER: "" };

const OWN_KEYS = /^(DISCORD_|ANNOUNCE_|DIGEST_|CORPUS_|FEED|FOLLOW_|RATE_LIMIT_|SHARD)|^(DATA_DIR|LOG_LEVEL|DATABASE_URL)$/;

/** Every config key set explicitly, so a developer's .env (which never overrides the environment) plays no part. */
export function botEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const keep = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWN_KEYS.test(k)));
  return {
    ...keep,
    DISCORD_TOKEN: "",
    DISCORD_CLIENT_ID: "",
    DISCORD_GUILD_ID: "",
    DISCORD_API_BASE: "",
    CORPUS_DIR: "corpus",
    DATA_DIR: overrides.DATA_DIR ?? tempDataDir(),
    ANNOUNCE_CHANNEL_IDS: "",
    ANNOUNCE_EXISTING: "",
    DIGEST_CRON: "",
    FEEDS: "",
    FEEDS_FILE: "",
    FEED_INTERVAL_MINUTES: "",
    FEED_START_SPREAD_SECONDS: "",
    LOG_LEVEL: "info",
    // Off: these tests ask many questions as one user (tests/e2e/rateLimit.test.ts sets its own limits).
    RATE_LIMIT_COMMANDS: "0",
    RATE_LIMIT_WINDOW_SECONDS: "",
    SHARDS: "",
    DATABASE_URL: "",
    // Off: the worker thread that applies corpus changes starts at the first change, so a bot whose corpus does not
    // change never loads the extractors (a second or more of CPU per start). The tests that change the corpus while
    // the bot runs keep the default, as a server runs it (WARM_WORKER).
    CORPUS_WARM_WORKER: "false",
    ...overrides,
  };
}

// Every process started here that has not exited yet. One a test leaves behind (a start that timed out, an assertion
// that failed before its stop) is killed once the file's tests are done, and waited for: a bot must not outlive its
// test run (retrying its login for ever and loading the machine for every run after it), nor write into its DATA_DIR
// while tests/support/cleanup.ts removes it, nor stay unreaped.
const running = new Map<ChildProcess, Promise<unknown>>();
afterAll(async () => {
  const exits = [...running.values()];
  for (const child of running.keys()) child.kill("SIGKILL");
  await Promise.all(exits);
});

export function run(script: string, env: NodeJS.ProcessEnv, args: string[] = [], input?: string): Spawned {
  // As the npm scripts run it (src/launch.mjs: compiled ahead of time), which costs a start about 1 s less CPU than tsx.
  const child = spawn(process.execPath, ["src/launch.mjs", script, ...args], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.set(child, new Promise((resolve) => child.on("exit", resolve)));
  child.on("exit", () => running.delete(child));
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  if (input !== undefined) child.stdin?.end(input);
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

export async function stop(p: Spawned): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), 3000);
  await p.exit;
  clearTimeout(timer);
}

/**
 * Starts the real bot on Discord (the fake one) with `env` on top of the Discord keys, and waits until `ready`
 * shows in its log (by default, that it connected). A failure carries the bot's log.
 */
export async function startBot(fake: FakeDiscord, env: Record<string, string> = {}, ready = "connected to Discord", timeoutMs = START_TIMEOUT_MS): Promise<Spawned> {
  const p = run("src/main.ts", botEnv({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APP_ID, DISCORD_API_BASE: fake.apiBase, ...env }));
  await fake.waitFor(() => p.stderr().includes(ready), timeoutMs, "the bot to start").catch((err: Error) => {
    p.child.kill("SIGKILL");
    throw new Error(`${err.message}\n${p.stderr()}`);
  });
  return p;
}

/**
 * How long a test waits for the bot to react to something (a file written into its corpus, a command): generous,
 * because on a loaded machine a reload that takes a fraction of a second idle can take many seconds. What must be
 * fast is measured by `npm run bench`; a reaction that never comes still fails the test.
 */
export const REACTION_TIMEOUT_MS = 60_000;

/**
 * Waits for the interaction's final message: the reply, or the deferred reply once edited, or the private note that
 * replaces a public deferred reply whose command failed (deleted, then a followup: src/discord/errorBoundary.ts). A
 * command that fails after it was deferred does so only when it is slow, as on a loaded machine.
 */
export function answered(fake: FakeDiscord, i: FakeInteraction, timeoutMs = REACTION_TIMEOUT_MS): Promise<FakeMessage> {
  return fake.waitFor(() => {
    if (!i.ack) return undefined;
    if (i.ack.type !== 5) return i.original;
    if (i.responses.some((r) => r.kind === "edit" && r.status === 200)) return i.original;
    return i.responses.some((r) => r.kind === "delete" && r.status < 300) ? i.followups.at(-1) : undefined;
  }, timeoutMs, `an answer to interaction ${i.id}`);
}

/**
 * One test file's bot: the real bot on a corpus of one seed article against a FakeDiscord, started before the file's
 * tests and stopped after them. `restart()` stops and starts it again on the same corpus and DATA_DIR, as a restart
 * under a process manager would.
 */
export class SeededBot {
  fake!: FakeDiscord;
  bot?: Spawned;
  readonly corpus = seedCorpus(["rust-goes-mainstream-in-the-linux-kernel"]);
  readonly dataDir = tempDataDir();

  constructor(private readonly env: Record<string, string>) {
    beforeAll(async () => {
      this.fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 2000, identifyIntervalMs: RESTART_IDENTIFY_MS }).start();
      await this.start();
    });
    afterAll(async () => {
      if (this.bot) await stop(this.bot);
      await this.fake?.stop();
    });
  }

  async restart(): Promise<void> {
    if (this.bot) await stop(this.bot);
    await this.start();
  }

  /** Waits for the interaction's final message (see `answered`). */
  answered(i: FakeInteraction): Promise<FakeMessage> {
    return answered(this.fake, i);
  }

  private async start(): Promise<void> {
    this.bot = await startBot(this.fake, { CORPUS_DIR: this.corpus, DATA_DIR: this.dataDir, ...this.env });
  }
}

// Starts the real bot the way `npm start` does (src/main.ts under tsx) against a FakeDiscord.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT, tempDir } from "../support/files.ts";
import { APP_ID, type FakeDiscord, type FakeInteraction, type FakeMessage } from "./fakeDiscord.ts";

export const FAKE_TOKEN = "fake-bot-token.for-tests.only";

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** A fresh, empty DATA_DIR, so no test sees another's state (or the developer's ./data). */
export function tempDataDir(): string {
  return tempDir("newsdesk-data-");
}

const OWN_KEYS = /^(DISCORD_|ANNOUNCE_|DIGEST_|CORPUS_|FEED|RATE_LIMIT_)|^(DATA_DIR|LOG_LEVEL)$/;

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
    LOG_LEVEL: "info",
    // Off: these tests ask many questions as one user (tests/e2e/rateLimit.test.ts sets its own limits).
    RATE_LIMIT_COMMANDS: "0",
    RATE_LIMIT_WINDOW_SECONDS: "",
    ...overrides,
  };
}

export function run(script: string, env: NodeJS.ProcessEnv, args: string[] = [], input?: string): Spawned {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
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
export async function startBot(fake: FakeDiscord, env: Record<string, string> = {}, ready = "connected to Discord"): Promise<Spawned> {
  const p = run("src/main.ts", botEnv({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APP_ID, DISCORD_API_BASE: fake.apiBase, ...env }));
  await fake.waitFor(() => p.stderr().includes(ready), 25_000, "the bot to start").catch((err: Error) => {
    throw new Error(`${err.message}\n${p.stderr()}`);
  });
  return p;
}

/** Waits for the interaction's final message: the reply, or the deferred reply once edited. */
export function answered(fake: FakeDiscord, i: FakeInteraction): Promise<FakeMessage> {
  return fake.waitFor(() => {
    if (!i.ack) return undefined;
    if (i.ack.type === 5) return i.responses.some((r) => r.kind === "edit" && r.status === 200) ? i.original : undefined;
    return i.original;
  }, 5000, `an answer to interaction ${i.id}`);
}

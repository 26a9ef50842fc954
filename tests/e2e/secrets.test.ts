// The bot token never reaches any output: the real bot, with a token shaped like Discord's and every log level on,
// through a startup, an interaction whose handler fails, a shutdown, and a login Discord refuses; all stdout and
// stderr is searched for the token, each of its parts and its base64 forms. Also: .env is ignored by git, and a
// .env other users can read gets one warning line at startup.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SEED_CORPUS, tempDir } from "../support/files.ts";
import { APP_ID, FakeDiscord, user } from "./fakeDiscord.ts";
import { botEnv, run, startBot } from "./harness.ts";

// Discord's shape: base64 of the bot's id, a timestamp part, an HMAC part.
const TOKEN = `${Buffer.from(APP_ID).toString("base64")}.GqZ7Xw.Vb3kq9LmT2xR8sYw4nHp0dJf6cUa1eKoI5tZgQ`;
const traces = (token: string): string[] => [
  token,
  ...token.split("."),
  Buffer.from(token).toString("base64"),
  Buffer.from(token).toString("base64url"),
  Buffer.from(`Bot ${token}`).toString("base64"),
];
const leaks = (output: string): string[] => traces(TOKEN).filter((t) => output.includes(t));

describe.concurrent("the token stays secret", () => {
  it("through startup, a failing handler and a shutdown, at LOG_LEVEL=trace", async () => {
    // The fake takes this token, but answers every interaction callback with 10062 (as Discord does when a reply
    // comes too late), so the handler throws a DiscordAPIError carrying the request and its URL.
    const fake = await new FakeDiscord({ token: TOKEN, heartbeatMs: 2000, responseDeadlineMs: -1 }).start();
    try {
      const bot = await startBot(fake, { DISCORD_TOKEN: TOKEN, LOG_LEVEL: "trace" });
      fake.command("who", [{ name: "name", type: 3, value: "Linus Torvalds" }], user("555555555555555555", "alice"));
      await fake.waitFor(() => bot.stderr().includes("could not tell the user about the error"), 10_000, "the handler error");
      bot.child.kill("SIGTERM");
      expect(await bot.exit).toBe(0);
      const output = bot.stdout() + bot.stderr();
      expect(output).toContain("interaction failed");
      expect(output).toContain("Unknown interaction");
      expect(leaks(output)).toEqual([]);
    } finally {
      await fake.stop();
    }
  });

  it("through a login Discord refuses (401)", async () => {
    const fake = await new FakeDiscord({ token: "the-token-the-fake-accepts" }).start();
    try {
      const p = run("src/main.ts", botEnv({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: APP_ID, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: "trace" }), [], "");
      expect(await p.exit).toBe(2);
      const output = p.stdout() + p.stderr();
      expect(output).toContain("DISCORD_TOKEN was rejected");
      expect(fake.errors.some((e) => e.status === 401)).toBe(true);
      expect(leaks(output)).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});

describe(".env", () => {
  it("is ignored by git", () => {
    expect(readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n")).toContain(".env");
    if (existsSync(path.join(ROOT, ".git"))) {
      // Exits 0 when the path is ignored (it need not exist).
      execFileSync("git", ["check-ignore", "-q", ".env"], { cwd: ROOT });
    }
  });

  /**
   * `npm start` in a folder holding `.env` with `mode` and `content`: the console (no token), which ends on empty
   * input. `env` on top of the test environment; a key set to undefined is left to `.env`.
   */
  const startIn = async (
    mode: number,
    content = `DISCORD_TOKEN=${TOKEN}\n`,
    overrides: Record<string, string | undefined> = { LOG_LEVEL: "info" },
  ): Promise<{ code: number | null; lines: Record<string, unknown>[]; output: string }> => {
    const dir = tempDir("newsdesk-env-");
    writeFileSync(path.join(dir, ".env"), content);
    chmodSync(path.join(dir, ".env"), mode);
    // DISCORD_TOKEN is set (empty) in the environment, which .env never overrides: the console starts.
    const env = botEnv({ CORPUS_DIR: SEED_CORPUS });
    for (const [key, value] of Object.entries(overrides)) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    // As `npm start` runs it (src/launch.mjs), from the folder holding .env.
    const child = spawn(process.execPath, [path.join(ROOT, "src/launch.mjs"), path.join(ROOT, "src/main.ts")], { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.stdin.end("");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    const lines = output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code, lines, output };
  };

  it.concurrent("readable by other users: one warning line at startup, which still goes on; 0600: no warning", async () => {
    const [open, closed] = await Promise.all([startIn(0o644), startIn(0o600)]);
    expect(open.code, open.output).toBe(0);
    const warnings = open.lines.filter((l) => String(l.msg).includes(".env can be read by other users"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, mode: "644" });
    expect(leaks(open.output)).toEqual([]);
    expect(closed.code, closed.output).toBe(0);
    expect(closed.output).not.toContain(".env can be read");
  });

  it.concurrent("a fresh copy of .env.example: LOG_LEVEL filled in there is used, and no mode warning while it holds no token", async () => {
    const example = readFileSync(path.join(ROOT, ".env.example"), "utf8");
    const [fresh, unknown] = await Promise.all([
      startIn(0o644, example.replace(/^LOG_LEVEL=$/m, "LOG_LEVEL=debug"), { LOG_LEVEL: undefined }),
      startIn(0o600, "", { LOG_LEVEL: "loud" }),
    ]);
    expect(fresh.code, fresh.output).toBe(0);
    expect(fresh.lines.some((l) => l.level === 20 && l.msg === "corpus loaded")).toBe(true);
    expect(fresh.output).not.toContain(".env can be read");
    // An unknown level: one line naming the key, not a stack trace.
    expect(unknown.code, unknown.output).toBe(2);
    expect(unknown.output).toBe("start: config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent\n");
  });
});

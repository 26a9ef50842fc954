import { execFile } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDataDir } from "../e2e/harness.ts";
import { ROOT } from "../support/files.ts";

const run = promisify(execFile);

/**
 * A DATA_DIR (not the developer's ./data) holding the facts the seed articles' extraction left in the run's caches
 * (tests/support/seedCaches.ts), but not the build of the corpus made from them: the first command builds and saves it.
 */
function factsOnlyDataDir(): string {
  const dir = tempDataDir();
  rmSync(path.join(dir, "cache", "startup.json"), { force: true });
  return dir;
}

// One DATA_DIR for the file's runs: the first builds the corpus, the others load that build.
const dataDir = factsOnlyDataDir();

/** Runs `script` as its npm script does (`node src/launch.mjs`: compiled ahead of time), with its caches in `data`. */
async function cli(script: string, args: string[], input?: string, data = dataDir) {
  const child = run(process.execPath, ["src/launch.mjs", script, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent", DATA_DIR: data } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}

describe("kb command", () => {
  it("prints the knowledge base as one JSON document, the same every time", async () => {
    const first = await cli("src/cli/kb.ts", ["--corpus", "corpus"]);
    const second = await cli("src/cli/kb.ts", ["--corpus", "corpus"]);
    expect(first.stdout).toBe(second.stdout);
    const kb = JSON.parse(first.stdout);
    expect(kb.articles).toHaveLength(5);
    expect(kb.articles[0]).toEqual(expect.objectContaining({ article: expect.any(String), title: expect.any(String), published: expect.any(String) }));
    expect(kb.people.length).toBeGreaterThan(10);
    expect(kb.events.every((e: { date: string }) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(e.date))).toBe(true);
  });

  it("names the missing corpus directory and exits 2", async () => {
    await expect(cli("src/cli/kb.ts", ["--corpus", "no-such-dir"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no-such-dir"),
    });
  });
});

describe("ask --jsonl", () => {
  it("answers one JSON line per input line, in order, with an error line for a bad request", async () => {
    const input = [
      { command: "who", query: "Linus Torvalds" },
      { command: "when", query: "no such happening anywhere" },
      "not json",
      { command: "quote", query: "religious war" },
      { command: "fly", query: "x" },
    ]
      .map((l) => (typeof l === "string" ? l : JSON.stringify(l)))
      .join("\n");
    const { stdout } = await cli("src/cli/ask.ts", ["--jsonl", "--corpus", "corpus"], input + "\n");
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ command: "who", query: "Linus Torvalds", person: { name: "Linus Torvalds" } });
    expect(lines[0].person.facts[0].source).toEqual(expect.objectContaining({ article: expect.any(String), outlet: expect.any(String) }));
    expect(lines[1]).toEqual({ command: "when", query: "no such happening anywhere", events: [] });
    expect(lines[2].error).toBeDefined();
    expect(lines[3].command).toBe("quote");
    expect(lines[4].error).toMatch(/command must be/);
  });

  it("prints a readable answer for one question, and keeps its caches in DATA_DIR: a second ask over the same corpus loads the saved build and answers the same", async () => {
    const data = factsOnlyDataDir();
    const saved = path.join(data, "cache", "startup.json");
    const first = await cli("src/cli/ask.ts", ["who", "Torvalds", "--corpus", "corpus"], undefined, data);
    expect(first.stdout).toMatch(/^Linus Torvalds/);
    expect(first.stdout).toMatch(/as of 5 articles/);
    expect(existsSync(saved)).toBe(true); // built from the facts and saved
    const written = statSync(saved).mtimeMs;
    const second = await cli("src/cli/ask.ts", ["who", "Torvalds", "--corpus", "corpus"], undefined, data);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(saved).mtimeMs).toBe(written); // read, not built and written again
    const kb = await cli("src/cli/kb.ts", ["--corpus", "corpus"], undefined, data);
    expect(JSON.parse(kb.stdout).articles).toHaveLength(5);
  });
});

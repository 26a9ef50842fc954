// Hostile corpus folders: the bot must keep serving the valid articles and name each bad file once.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { open, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { log } from "../../src/log.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";

const GOOD = articleFile({ title: "Harbour tram opens", body: 'Mayor Ingrid Solberg, who leads the council, opened the line on Jan. 2, 2025. "It moves," Solberg said.' });
const frontMatter = (yaml: string) => `---\n${yaml}\n---\nA body that is never reached.\n`;

let dir: string;
let warnings: string[];
beforeEach(async () => {
  dir = tempDir("corpus-faults-");
  await writeFile(path.join(dir, "good.md"), GOOD);
  warnings = [];
  vi.spyOn(log, "warn").mockImplementation(((_o: unknown, msg: string) => void warnings.push(msg)) as never);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Loads the folder as the bot does and checks it still answers about the good article. */
async function servesTheGoodArticle(): Promise<void> {
  const { kb, corpus } = await loadKnowledge(dir, { log });
  expect(corpus.articles.map((a) => a.id)).toEqual(["good"]);
  expect(createAnswers(kb).who("Ingrid Solberg").person?.name).toBe("Ingrid Solberg");
}

const linesAbout = (name: string) => warnings.filter((w) => w.startsWith(`skipped ${name}:`));

describe("a corpus folder with bad files in it", () => {
  it("skips a file of random bytes", async () => {
    await writeFile(path.join(dir, "noise.md"), randomBytes(64 * 1024));
    await servesTheGoodArticle();
    expect(linesAbout("noise.md")).toHaveLength(1);
  });

  it("skips a 50 MB file without reading it into memory", async () => {
    const handle = await open(path.join(dir, "huge.md"), "w");
    await handle.truncate(50 * 1024 * 1024);
    await handle.close();
    await servesTheGoodArticle();
    expect(linesAbout("huge.md")).toEqual(["skipped huge.md: larger than 5 MB"]);
  });

  it("skips deeply nested YAML, an alias bomb and an enormous front matter", async () => {
    await writeFile(path.join(dir, "nested.md"), frontMatter(`title: ${"[".repeat(20_000)}${"]".repeat(20_000)}`));
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 12 }, (_, i) => `${"b".repeat(i + 1)}: &b${i} [${Array(9).fill(i === 0 ? "*a" : `*b${i - 1}`).join(", ")}]`)];
    await writeFile(path.join(dir, "bomb.md"), frontMatter(bomb.join("\n")));
    const keys = Array.from({ length: 150_000 }, (_, i) => `key${i}: value ${i}`).join("\n");
    await writeFile(path.join(dir, "enormous.md"), frontMatter(keys));
    const started = Date.now();
    await servesTheGoodArticle();
    expect(Date.now() - started).toBeLessThan(15_000);
    for (const name of ["nested.md", "bomb.md", "enormous.md"]) expect(linesAbout(name)).toHaveLength(1);
  });

  it("skips a symlink loop and a dangling link", async () => {
    await symlink(path.join(dir, "loop.md"), path.join(dir, "loop.md"));
    await symlink(path.join(dir, "gone.md"), path.join(dir, "dangling.md"));
    await symlink(dir, path.join(dir, "again.md"));
    await servesTheGoodArticle();
    expect(linesAbout("loop.md")).toEqual(["skipped loop.md: unreadable (ELOOP)"]);
    expect(linesAbout("dangling.md")).toHaveLength(1);
    expect(linesAbout("again.md")).toEqual(["skipped again.md: not a regular file"]);
  });

  it("skips a named pipe without waiting for a writer", async () => {
    execFileSync("mkfifo", [path.join(dir, "pipe.md")]);
    await servesTheGoodArticle();
    expect(linesAbout("pipe.md")).toEqual(["skipped pipe.md: not a regular file"]);
  });

  it("survives files deleted while the folder is being read", async () => {
    const names = Array.from({ length: 300 }, (_, i) => `vanishing-${i}.md`);
    for (const name of names) await writeFile(path.join(dir, name), GOOD.replace("Harbour tram", `Tram ${name}`));
    // Every other one is deleted once the folder has been listed, just before the loader reaches it (it asks
    // knownFile about each file before reading it): deterministic, where deleting alongside the load raced the listing.
    const deleted = new Set<string>();
    const knownFile = (name: string): undefined => {
      if (names.indexOf(name) % 2 === 1) {
        unlinkSync(path.join(dir, name));
        deleted.add(name);
      }
      return undefined;
    };
    const { articles, skipped } = await loadCorpus(dir, { knownFile });
    expect(articles.map((a) => a.id)).toContain("good");
    expect(deleted.size).toBe(150);
    // A file that vanished is skipped with one reason, one still there is loaded: never both, never neither.
    for (const name of names) {
      const loaded = articles.some((a) => `${a.id}.md` === name);
      const gone = skipped.filter((s) => path.basename(s.file) === name);
      expect({ name, loaded, gone: gone.length }).toEqual({ name, loaded: !deleted.has(name), gone: deleted.has(name) ? 1 : 0 });
    }
  });
});

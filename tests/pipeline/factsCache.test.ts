import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import { EXTRACTION_VERSION } from "../../src/extract/index.ts";
import { encodeEntry, openFactsCache } from "../../src/pipeline/factsCache.ts";
import { loadKnowledge } from "../../src/pipeline/open.ts";
import type { Logger } from "../../src/log.ts";

const seed = path.resolve(import.meta.dirname, "../../corpus");

function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), "facts-cache-"));
  const corpus = path.join(root, "corpus");
  cpSync(seed, corpus, { recursive: true });
  const dataDir = path.join(root, "data");
  const lines: string[] = [];
  const note = (_o: unknown, msg?: string) => void lines.push(String(msg));
  const log = { info: note, warn: note, error: note, debug: () => undefined } as unknown as Logger;
  const own = path.join(dataDir, "cache", `facts-v${EXTRACTION_VERSION}`);
  const cacheFiles = () => readdirSync(own).filter((n) => n.endsWith(".json"));
  const load = () => loadKnowledge(corpus, { dataDir, log });
  return { corpus, dataDir, own, lines, log, cacheFiles, load };
}

describe("the facts cache in DATA_DIR", () => {
  it("reuses every unchanged article on the next start, with the same answers", async () => {
    const t = setup();
    const first = await t.load();
    expect(first.extracted).toBe(5);
    expect(t.cacheFiles()).toHaveLength(5);
    const second = await t.load();
    expect(second.extracted).toBe(0);
    expect(second.kb).toEqual(first.kb);
    expect(createAnswers(second.kb).who("Linus Torvalds")).toEqual(createAnswers(first.kb).who("Linus Torvalds"));
  });

  it("extracts again only the article whose file changed, and forgets its old facts", async () => {
    const t = setup();
    await t.load();
    const file = path.join(t.corpus, readdirSync(t.corpus).sort()[0] as string);
    writeFileSync(file, `${readFileSync(file, "utf8")}\nMayor Hilde Brekke, the harbour chief, said "the ferries run late" on March 3, 2025.\n`);
    const after = await t.load();
    expect(after.extracted).toBe(1);
    expect(t.cacheFiles()).toHaveLength(5);
    expect(createAnswers(after.kb).quote({ speaker: "Hilde Brekke" }).quotes.map((q) => q.text)).toContain("the ferries run late");
  });

  it("ignores a damaged cache file with a log line and extracts that article again", async () => {
    const t = setup();
    const first = await t.load();
    const [damaged, truncated] = t.cacheFiles();
    writeFileSync(path.join(t.own, damaged as string), "not json at all");
    const text = readFileSync(path.join(t.own, truncated as string), "utf8");
    writeFileSync(path.join(t.own, truncated as string), text.slice(0, text.length - 40));
    writeFileSync(path.join(t.own, "v2-123.json.4141"), "left over by a write cut short");
    const again = await t.load();
    expect(again.extracted).toBe(2);
    expect(again.kb).toEqual(first.kb);
    expect(t.lines.filter((l) => /facts cache: ignored 3 file/.test(l))).toHaveLength(1);
    expect(t.cacheFiles()).toHaveLength(5);
  });

  it("never trusts an entry that names another article or another extractor version", async () => {
    const t = setup();
    const first = await t.load();
    const [a, b] = t.cacheFiles() as [string, string];
    const entryOf = (name: string) => JSON.parse(readFileSync(path.join(t.own, name), "utf8").split("\n")[1] as string);
    // b's content under a's name (a valid checksum, the wrong key) and a's content stamped with an older version.
    writeFileSync(path.join(t.own, a), encodeEntry(b.replace(".json", ""), entryOf(b)));
    writeFileSync(path.join(t.own, b), encodeEntry(b.replace(".json", ""), entryOf(b), EXTRACTION_VERSION - 1));
    const again = await t.load();
    expect(again.extracted).toBe(2);
    expect(again.kb).toEqual(first.kb);
  });

  it("ignores and removes the cache of another extractor version, extracting everything once", async () => {
    const t = setup();
    const cacheDir = path.join(t.dataDir, "cache");
    const old = openFactsCache(cacheDir, t.log, { version: EXTRACTION_VERSION - 1 });
    const warm = await loadKnowledge(t.corpus, { store: old, log: t.log });
    await old.flush();
    expect(warm.extracted).toBe(5);
    const fresh = await t.load();
    expect(fresh.extracted).toBe(5);
    expect(t.lines.some((l) => l.includes(`extractor version ${EXTRACTION_VERSION - 1} ignored`))).toBe(true);
    expect(existsSync(path.join(cacheDir, `facts-v${EXTRACTION_VERSION - 1}`))).toBe(false);
    expect((await t.load()).extracted).toBe(0);
  });
});

import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import { codeFingerprints } from "../../src/pipeline/codeFingerprint.ts";
import { encodeEntry, openFactsCache } from "../../src/pipeline/factsCache.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { ROOT, seedCorpus, tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

const sources = path.join(ROOT, "src");

function setup() {
  const corpus = seedCorpus();
  const dataDir = tempDir("facts-cache-");
  // What it logs at info and above.
  const { log, messages: lines } = recordingLog("info");
  const own = path.join(dataDir, "cache", `facts-${codeFingerprints().extraction.slice(0, 16)}`);
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
    writeFileSync(path.join(t.own, `${"0".repeat(64)}.json.4141`), "left over by a write cut short");
    const again = await t.load();
    expect(again.extracted).toBe(2);
    expect(again.kb).toEqual(first.kb);
    expect(t.lines().filter((l) => /facts cache: ignored 3 file/.test(l))).toHaveLength(1);
    expect(t.cacheFiles()).toHaveLength(5);
  });

  it("lists its folder in the background soon after opening (a live update then lists nothing on the answering thread)", async () => {
    const t = setup();
    await t.load();
    const leftover = path.join(t.own, `${"0".repeat(64)}.json.4242`);
    writeFileSync(leftover, "left over by a write cut short");
    openFactsCache(path.join(t.dataDir, "cache"), t.log);
    // Nothing was read from the cache, yet the listing found and removed the cut-short write.
    await expect.poll(() => existsSync(leftover), { timeout: 10_000, interval: 100 }).toBe(false);
  });

  it("never trusts an entry that names another article or was written by other extraction code", async () => {
    const t = setup();
    const first = await t.load();
    const [a, b] = t.cacheFiles() as [string, string];
    const entryOf = (name: string) => JSON.parse(readFileSync(path.join(t.own, name), "utf8").split("\n")[1] as string);
    // b's content under a's name (a valid checksum, the wrong key) and b's content stamped with other code.
    writeFileSync(path.join(t.own, a), encodeEntry(b.replace(".json", ""), entryOf(b)));
    writeFileSync(path.join(t.own, b), encodeEntry(b.replace(".json", ""), entryOf(b), "f".repeat(64)));
    const again = await t.load();
    expect(again.extracted).toBe(2);
    expect(again.kb).toEqual(first.kb);
  });

  it("ignores and removes the cache of other extraction code, extracting everything once", async () => {
    const t = setup();
    const cacheDir = path.join(t.dataDir, "cache");
    const old = openFactsCache(cacheDir, t.log, { code: "0".repeat(64) });
    const warm = await loadKnowledge(t.corpus, { store: old, log: t.log });
    await old.flush();
    expect(warm.extracted).toBe(5);
    mkdirSync(path.join(cacheDir, "facts-v2")); // an earlier release's folder, named by a hand-bumped version
    const fresh = await t.load();
    expect(fresh.extracted).toBe(5);
    expect(t.lines().filter((l) => l.includes("facts cache of other extraction code ignored"))).toHaveLength(2);
    expect(existsSync(path.join(cacheDir, `facts-${"0".repeat(16)}`))).toBe(false);
    expect(existsSync(path.join(cacheDir, "facts-v2"))).toBe(false);
    expect((await t.load()).extracted).toBe(0);
  });

  it("misses once an extractor's source changes, and hits while the code is the same", async () => {
    const t = setup();
    const copy = path.join(tempDir("facts-cache-code-"), "src");
    cpSync(sources, copy, { recursive: true });
    const cacheDir = path.join(t.dataDir, "cache");
    const loadWith = async (code: string) => {
      const store = openFactsCache(cacheDir, t.log, { code });
      const loaded = await loadKnowledge(t.corpus, { store, log: t.log });
      await store.flush();
      return loaded.extracted;
    };
    expect(await loadWith(codeFingerprints(copy).extraction)).toBe(5);
    expect(await loadWith(codeFingerprints(copy).extraction)).toBe(0);
    appendFileSync(path.join(copy, "extract", "quotes", "cues.ts"), "\n// one more speech verb\n");
    expect(await loadWith(codeFingerprints(copy).extraction)).toBe(5);
  });
});

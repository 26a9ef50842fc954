import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { indexFingerprint, openIndexCache } from "../../src/answer/indexCache.ts";
import { createAnswers } from "../../src/answer/index.ts";
import { loadKnowledge } from "../../src/kb/load.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import type { Logger } from "../../src/log.ts";

const { kb } = await loadKnowledge(path.resolve(import.meta.dirname, "../../corpus"));

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "index-cache-"));
  const warnings: string[] = [];
  const log = { warn: (_o: unknown, msg: string) => void warnings.push(msg), info: () => undefined } as unknown as Logger;
  const cache = openIndexCache(dir, log);
  const reads = vi.spyOn(cache, "read");
  const writes = vi.spyOn(cache, "write");
  return { file: path.join(dir, "indexes.json"), cache, reads, writes, warnings };
}

/** Answers to one question of every kind, as a user would see them. */
const sample = (answers: ReturnType<typeof createAnswers>) => [
  answers.who("Linus Torvalds"),
  answers.when("Rust merged"),
  answers.quote({ text: "religious war" }),
  answers.search("memory safety"),
];

describe("saved answer indexes", () => {
  it("are saved by the first build and loaded by the next start, with the same answers", async () => {
    const t = setup();
    const built = createAnswers(kb, { indexCache: t.cache });
    await t.cache.flush();
    expect(t.writes).toHaveBeenCalledTimes(1);
    const loaded = createAnswers(kb, { indexCache: t.cache });
    expect(t.writes).toHaveBeenCalledTimes(1); // loaded, not built and saved again
    expect(t.reads.mock.results[1]?.value).toBeDefined();
    expect(sample(loaded)).toEqual(sample(built));
    expect(sample(loaded)).toEqual(sample(createAnswers(kb)));
  });

  it("are not used for a knowledge base that differs in any indexed text", async () => {
    const t = setup();
    createAnswers(kb, { indexCache: t.cache });
    await t.cache.flush();
    const changed: KnowledgeBase = structuredClone(kb);
    const [first] = changed.articles;
    if (first?.sentences[0]) first.sentences[0].text += " The harbour ferry was renamed Aurora.";
    expect(indexFingerprint(changed)).not.toBe(indexFingerprint(kb));
    const answers = createAnswers(changed, { indexCache: t.cache });
    expect(t.writes).toHaveBeenCalledTimes(2);
    expect(answers.search("ferry Aurora").hits).toHaveLength(1);
    expect(t.warnings).toEqual([]); // another corpus is expected, not a problem
  });

  it("ignore a damaged file with a warning and build the indexes instead", async () => {
    const t = setup();
    const built = createAnswers(kb, { indexCache: t.cache });
    await t.cache.flush();
    const text = readFileSync(t.file, "utf8");
    writeFileSync(t.file, text.slice(0, text.length - 100));
    const rebuilt = createAnswers(kb, { indexCache: t.cache });
    expect(t.warnings).toEqual(["saved indexes ignored: checksum mismatch (truncated or damaged); building them instead"]);
    expect(sample(rebuilt)).toEqual(sample(built));
  });
});

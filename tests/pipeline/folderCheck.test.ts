// The worker thread that checks a corpus folder at a warm start computes file signatures in plain JavaScript, a twin
// of the loader's: if the two ever disagreed, every warm start would find every file changed (or miss a change).
import { appendFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.ts";
import { checkFolder } from "../../src/pipeline/folderCheck.ts";
import { seedCorpus } from "../support/files.ts";

const listOf = (articles: { file: string; signature: string }[]): Uint8Array =>
  Buffer.from(JSON.stringify({ names: articles.map((a) => path.basename(a.file)), signatures: articles.map((a) => a.signature) }));

describe("the warm start's folder check", () => {
  it("finds no difference with the loader's own signatures, and names a file changed since", async () => {
    const dir = seedCorpus();
    const { articles } = await loadCorpus(dir);
    expect(await checkFolder(dir, listOf(articles))).toEqual([]);
    const changed = articles[0]?.file as string;
    appendFileSync(changed, "\nOne more sentence.\n");
    expect(await checkFolder(dir, listOf(articles))).toEqual([path.basename(changed)]);
  });
});

import { describe, expect, it, onTestFinished } from "vitest";
import { loadCorpus } from "../../src/corpus/load.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { extractInWorkers } from "../../src/extract/pool.ts";
import { extractAll } from "../../src/pipeline/extractAll.ts";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

describe("extraction on worker threads", () => {
  it("gives exactly the facts of extraction on the main thread, in input order", async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    const progress: number[] = [];
    const outcomes = await extractInWorkers(articles, { workers: 2, batchSize: 2, onProgress: (n) => progress.push(n) });
    expect(outcomes).toEqual(articles.map((a) => ({ facts: extractArticle(a) })));
    expect(progress.at(-1)).toBe(articles.length);
  }, 30_000);

  // The run's workers run the compiled sources (tests/support/compiledTree.ts), as a launched bot's do; this test's run
  // TypeScript through tsx, as they do in a process that runs no compiled tree (`node --import tsx`, the launcher's
  // fallback), so both ways are covered.
  it("reports progress as log lines when there is no terminal, and fills the store (workers running through tsx)", async () => {
    const tree = process.env.NEWSDESK_COMPILED_TREE;
    delete process.env.NEWSDESK_COMPILED_TREE;
    onTestFinished(() => {
      if (tree !== undefined) process.env.NEWSDESK_COMPILED_TREE = tree;
    });
    const { articles } = await loadCorpus(SEED_CORPUS);
    const { log, messages } = recordingLog();
    const store = createMemoryFactsStore();
    const options = { workers: 2, parallelFrom: 1, progressFrom: 1, progress: { bar: false, everySeconds: 0 } };
    const result = await extractAll(articles, store, log, options);
    expect(result.extracted).toBe(articles.length);
    expect(result.facts.map((f) => f.article)).toEqual(articles.map((a) => a.id));
    expect(messages("warn")).toEqual([]); // no fallback to the main thread
    expect(messages("info").at(-1)).toBe(`extracting: ${articles.length} of ${articles.length} articles (100 %)`);
    expect((await extractAll(articles, store, log, options)).extracted).toBe(0);
  }, 30_000);
});

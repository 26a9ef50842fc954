// The seed corpus's knowledge base as a start builds it (facts extracted, people merged), with what the PostgreSQL
// store needs beside it: each article's facts and hash.
import type { Article } from "../../src/corpus/types.ts";
import type { ArticleFacts } from "../../src/extract/types.ts";
import { buildKnowledgeBase } from "../../src/kb/build.ts";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { recordingLog } from "../support/log.ts";

export interface BuiltCorpus {
  articles: Article[];
  kb: KnowledgeBase;
  facts: Map<string, ArticleFacts>;
  hashes: Map<string, string>;
}

export async function buildCorpus(dir: string): Promise<BuiltCorpus> {
  const loaded = await loadKnowledge(dir, { store: createMemoryFactsStore(), log: recordingLog("warn").log });
  return corpusOf(loaded.corpus.articles, loaded.facts ?? []);
}

let seed: Promise<BuiltCorpus> | undefined;
/** The seed corpus built once per worker (unit test files share their worker's modules: vitest.config.ts). */
export function seedBuilt(dir: string): Promise<BuiltCorpus> {
  return (seed ??= buildCorpus(dir));
}

/** The same corpus without the articles `drop` (their facts are not extracted again). */
export function without(corpus: BuiltCorpus, drop: readonly string[]): BuiltCorpus {
  const kept = corpus.articles.filter((a) => !drop.includes(a.id));
  return corpusOf(kept, kept.map((a) => corpus.facts.get(a.id) as ArticleFacts));
}

function corpusOf(articles: Article[], facts: ArticleFacts[]): BuiltCorpus {
  return {
    articles,
    kb: buildKnowledgeBase(articles, facts),
    facts: new Map(facts.map((f) => [f.article, f])),
    hashes: new Map(articles.map((a) => [a.id, a.hash])),
  };
}

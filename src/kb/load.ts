import { loadCorpus, type LoadedCorpus } from "../corpus/load.ts";
import { extractArticle } from "../extract/index.ts";
import { buildKnowledgeBase } from "./build.ts";
import type { KnowledgeBase } from "./types.ts";

export interface LoadedKnowledge {
  corpus: LoadedCorpus;
  kb: KnowledgeBase;
}

/** Loads a corpus directory and extracts its knowledge base. */
export async function loadKnowledge(dir: string): Promise<LoadedKnowledge> {
  const corpus = await loadCorpus(dir);
  const facts = corpus.articles.map(extractArticle);
  return { corpus, kb: buildKnowledgeBase(corpus.articles, facts) };
}

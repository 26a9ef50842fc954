// One consistent state of the corpus: the articles, their knowledge base and the answer indexes over it. A
// snapshot is built completely before anyone sees it, and never changes afterwards.
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import { extractAll } from "./extractAll.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";

export interface Snapshot {
  articles: Article[];
  kb: KnowledgeBase;
  answers: Answers;
  /** Article id → content hash: what a later snapshot compares against to tell changed articles. */
  hashes: ReadonlyMap<string, string>;
}

export interface BuildResult {
  snapshot: Snapshot;
  /** How many articles were extracted (not found in the facts store). */
  extracted: number;
}

// Imported lazily: the answer module pulls in the search indexes, which main.ts loads after config validation.
type CreateAnswers = (kb: KnowledgeBase) => Answers | Promise<Answers>;

/**
 * Builds a snapshot, reusing stored facts for unchanged articles (src/pipeline/extractAll.ts: the event loop is released
 * between extractions on this thread, so interactions keep being answered from the previous snapshot).
 */
export async function buildSnapshot(
  candidates: Article[],
  store: FactsStore,
  createAnswers: CreateAnswers,
  log: Logger,
): Promise<BuildResult> {
  const { articles, facts, extracted } = await extractAll(candidates, store, log);
  const hashes = new Map(articles.map((a) => [a.id, a.hash]));
  const { buildKnowledgeBase } = await import("../kb/build.ts"); // not loaded by a start that reuses a saved build
  const kb = buildKnowledgeBase(articles, facts);
  return { snapshot: { articles, kb, answers: await createAnswers(kb), hashes }, extracted };
}

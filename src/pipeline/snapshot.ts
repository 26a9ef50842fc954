// One consistent state of the corpus: the articles, their knowledge base and the answer indexes over it. A
// snapshot is built completely before anyone sees it, and never changes afterwards. buildKnowledge is the one place
// where articles become a knowledge base (facts from the store or extracted, then merged); every build uses it.
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { extractAll, type ExtractAllOptions } from "./extractAll.ts";

export interface Snapshot {
  articles: Article[];
  kb: KnowledgeBase;
  answers: Answers;
  /** Article id → content hash: what a later snapshot compares against to tell changed articles. */
  hashes: ReadonlyMap<string, string>;
}

export function snapshotOf(articles: Article[], kb: KnowledgeBase, answers: Answers): Snapshot {
  return { articles, kb, answers, hashes: new Map(articles.map((a) => [a.id, a.hash])) };
}

export interface BuiltKnowledge {
  /** The articles in the knowledge base: the candidates less those whose extraction failed. */
  articles: Article[];
  kb: KnowledgeBase;
  /** How many articles were extracted (not found in the facts store). */
  extracted: number;
}

/**
 * Builds the knowledge base of these articles, reusing stored facts for unchanged ones (extractAll.ts: the event
 * loop is released between extractions on this thread, so a running bot keeps answering meanwhile).
 */
export async function buildKnowledge(candidates: readonly Article[], store: FactsStore, log: Logger, options: ExtractAllOptions = {}): Promise<BuiltKnowledge> {
  const { articles, facts, extracted } = await extractAll(candidates, store, log, options);
  // Imported only to build: merging people needs the name lexicon, a third of a second to load, which a start that
  // reuses a saved build never pays.
  const { buildKnowledgeBase } = await import("../kb/build.ts");
  return { articles, kb: buildKnowledgeBase(articles, facts), extracted };
}

export interface BuildResult {
  snapshot: Snapshot;
  /** How many articles were extracted (not found in the facts store). */
  extracted: number;
}

// Passed in: the answer module pulls in the search indexes, which main.ts loads after config validation.
type CreateAnswers = (kb: KnowledgeBase) => Answers | Promise<Answers>;

/** Builds a snapshot of these articles (a live rebuild: the startup build is open.ts's). */
export async function buildSnapshot(candidates: Article[], store: FactsStore, createAnswers: CreateAnswers, log: Logger): Promise<BuildResult> {
  const { articles, kb, extracted } = await buildKnowledge(candidates, store, log);
  return { snapshot: snapshotOf(articles, kb, await createAnswers(kb)), extracted };
}

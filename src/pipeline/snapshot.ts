// One consistent state of the corpus: the articles, their knowledge base and the answer indexes over it. A
// snapshot is built completely before anyone sees it, and never changes afterwards. buildKnowledge is the one place
// where articles become a knowledge base (facts from the store or extracted, then merged); every build uses it.
import type { AnswerSet } from "../answer/index.ts";
import type { Indexes } from "../answer/indexes.ts";
import type { Answers } from "../answer/types.ts";
import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";
import type { FactsStore } from "../kb/store.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { eachSliced, runAtOnce, type Sliced } from "../util/slices.ts";
import { extractAll, type ExtractAllOptions } from "./extractAll.ts";

export interface Snapshot {
  articles: Article[];
  kb: KnowledgeBase;
  answers: Answers;
  /** The indexes the answers query (a live corpus updates their large ones in place: src/live/). */
  indexes: Indexes;
  /** Article id → content hash: what a later snapshot compares against to tell changed articles. */
  hashes: ReadonlyMap<string, string>;
}

export function snapshotOf(articles: Article[], kb: KnowledgeBase, set: AnswerSet): Snapshot {
  return runAtOnce(snapshotSliced(articles, kb, set));
}

/** The same, in slices (a live corpus makes one for every change while it answers). */
export function* snapshotSliced(articles: Article[], kb: KnowledgeBase, { answers, indexes }: AnswerSet): Sliced<Snapshot> {
  const hashes = new Map<string, string>();
  yield* eachSliced(articles, (a) => hashes.set(a.id, a.hash), 4096);
  return { articles, kb, answers, indexes, hashes };
}

export interface BuiltKnowledge {
  /** The articles in the knowledge base: the candidates less those whose extraction failed. */
  articles: Article[];
  /** Their facts, at the same index. */
  facts: ArticleFacts[];
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
  return { articles, facts, kb: buildKnowledgeBase(articles, facts), extracted };
}

export interface BuildResult {
  snapshot: Snapshot;
  /** The facts of the snapshot's articles, in their order. */
  facts: ArticleFacts[];
  /** How many articles were extracted (not found in the facts store). */
  extracted: number;
}

// Passed in: the answer module pulls in the search indexes, which main.ts loads after config validation.
type CreateAnswers = (kb: KnowledgeBase) => AnswerSet | Promise<AnswerSet>;

/** Builds a snapshot of these articles (a live rebuild: the startup build is open.ts's). */
export async function buildSnapshot(candidates: Article[], store: FactsStore, createAnswers: CreateAnswers, log: Logger, options: ExtractAllOptions = {}): Promise<BuildResult> {
  const { articles, facts, kb, extracted } = await buildKnowledge(candidates, store, log, options);
  return { snapshot: snapshotOf(articles, kb, await createAnswers(kb)), facts, extracted };
}

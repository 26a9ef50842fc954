// The embedded engine: MiniSearch indexes of the whole corpus in this process's memory (src/answer/indexes.ts).
// Nothing is ever missing from its scope, so an answer through it runs once, synchronously underneath.
import { createCorpusView } from "../answer/context.ts";
import { buildIndexes, type Indexes } from "../answer/indexes.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { QueryScope, SearchEngine } from "./engine.ts";

export function miniSearchEngine(kb: KnowledgeBase, built?: Indexes): SearchEngine {
  const view = createCorpusView(kb);
  const scope: QueryScope = { indexes: built ?? buildIndexes(kb, view), incomplete: false, complete: async () => undefined };
  return { view, scope: () => scope };
}

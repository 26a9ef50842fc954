// The texts of articles' sentences (src/kb/articleTexts.ts) for a PostgreSQL engine opened without them (texts
// "database"): read by the sentences' stable ids, as the engine reads those its answers need, so that a duty reads the
// texts of the knowledge base it holds (an article the leader wrote again since has new sentence rows: its old ones
// read "", as in the answers) and shares the engine's cache of texts read lately (the articles just added, which the
// announcement, the channels' filters and the follows each read, are asked of the database once).
import { readTextsWith, type ArticleTextReader } from "../../kb/articleTexts.ts";
import { sentenceCount } from "../../kb/sentenceStore.ts";
import { AnswersUnavailable } from "../../render/errors.ts";
import type { PostgresEngine } from "./engine.ts";

/** Sentences asked for in one statement: the first start that announces a whole corpus reads every article. */
const BATCH = 20_000;

/** Reads the texts of the engine's knowledge base through the engine (registered with that knowledge base). */
export function readTextsThrough(engine: PostgresEngine): void {
  readTextsWith(engine.view.kb, storedTexts(engine));
}

export function storedTexts(engine: PostgresEngine): ArticleTextReader {
  return {
    read: async (articleIds) => {
      const positions = new Map<string, number[]>();
      for (const id of articleIds) {
        const article = engine.view.article(id);
        const count = article ? sentenceCount(article) : 0;
        const at: number[] = [];
        for (let i = 0; i < count; i++) at.push(engine.base.sentencePosition({ article: id, sentence: i }) ?? -1);
        positions.set(id, at);
      }
      const texts = new Map<number, string>();
      const missing: number[] = [];
      for (const at of positions.values()) {
        for (const p of at) {
          const kept = p < 0 ? "" : engine.texts.keptText(p);
          if (kept === undefined) missing.push(p);
          else texts.set(p, kept);
        }
      }
      for (let from = 0; from < missing.length; from += BATCH) {
        for (const [p, text] of await unavailableOnFailure(() => engine.texts.read(missing.slice(from, from + BATCH)))) texts.set(p, text);
      }
      return new Map([...positions].map(([id, at]) => [id, at.map((p) => texts.get(p) ?? "")]));
    },
  };
}

/**
 * A read that fails (the database restarting, out of reach) is the user-facing AnswersUnavailable, as an answer's
 * lookup is (src/search/engine.ts): /announce preview on a shard then says the articles cannot be looked up right now.
 */
async function unavailableOnFailure<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw new AnswersUnavailable({ cause: err });
  }
}

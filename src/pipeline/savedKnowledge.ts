// The knowledge base and answer indexes as the startup cache's file holds them (startupFile.ts): read back from its
// sections, the large indexes each read when it loads, and made into sections for the next save.
import type { SavedIndexes } from "../answer/indexes.ts";
import type { SavedCounts } from "../answer/rareLead.ts";
import { EventTable, type SavedEvents } from "../kb/eventTable.ts";
import { unpackSentences, withoutSentences, type ArticleWithoutSentences } from "../kb/sentenceStore.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { COUNTS, EAGER, jsonOf, LAZY, PACKED, type SavedFile, type SectionName } from "./startupFile.ts";

export interface SavedKnowledge {
  kb: KnowledgeBase;
  indexes: SavedIndexes;
}

/** The knowledge base as saved: its articles without their sentences (saved packed), its events as their table. */
export type StoredKb = Omit<KnowledgeBase, "articles" | "events"> & { articles: ArticleWithoutSentences[]; events: SavedEvents };

/**
 * The knowledge base and indexes of the file `saved` (at `file`, for the log), its large indexes read when each
 * loads: one found damaged then is logged and throws. `kbMeta` sees the stored knowledge base before its sentences
 * are unpacked onto the same objects.
 */
export function knowledgeOf(saved: SavedFile, file: string, log: Logger, kbMeta?: (stored: StoredKb) => void): SavedKnowledge {
  const parse = (name: SectionName): unknown => jsonOf(saved.section(name));
  const eager = Object.fromEntries(
    EAGER.filter((name) => name !== "articles" && !PACKED.has(name)).map((name) => [name, COUNTS.has(name) ? countsWhenUsed(saved.section(name)) : parse(name)]),
  ) as Record<(typeof EAGER)[number], unknown>;
  const stored = eager.kb as StoredKb;
  kbMeta?.(stored); // before the sentences are unpacked onto the same objects
  const kb: KnowledgeBase = {
    ...stored,
    articles: unpackSentences(stored.articles, { table: saved.section("sentenceTable"), text: saved.section("sentenceText") }),
    events: EventTable.fromJSON(stored.events),
  };
  const { eventTerms, sentenceTerms, quoteFrequencies, names } = eager;
  const indexes = { eventTerms, sentenceTerms, quoteFrequencies, names } as SavedIndexes;
  // The indexes read when each loads: each read and parsed by its loader, once, its bytes let go of then; the file is closed
  // after the last.
  let unread = LAZY.length;
  for (const name of LAZY) {
    let taken = false;
    Object.defineProperty(indexes, name, {
      enumerable: true,
      get: () => {
        if (taken) throw new Error(`startup cache: section "${name}" was already read`);
        taken = true;
        try {
          return parse(name);
        } catch (err) {
          const problem = err instanceof SyntaxError ? "not JSON" : (err as Error).message;
          log.warn({ file }, `saved ${name} index ignored: ${problem}; building it instead`);
          throw err;
        } finally {
          if (--unread === 0) saved.close();
        }
      },
    });
  }
  return { kb, indexes };
}

/** What a JSON section of the knowledge is saved from (the article list is not the knowledge's: startupCache.ts). */
export function savedValue(saved: SavedKnowledge, name: Exclude<SectionName, "articles" | "sentenceTable" | "sentenceText">): unknown {
  return name === "kb" ? { ...saved.kb, articles: withoutSentences(saved.kb.articles) } : saved.indexes[name];
}

/** Saved term counts whose JSON is parsed when they are first read (src/answer/rareLead.ts reads them when first used). */
function countsWhenUsed(bytes: Buffer): SavedCounts {
  let unparsed: Buffer | undefined = bytes;
  let parsed: SavedCounts | undefined;
  const value = (): SavedCounts => {
    parsed ??= jsonOf(unparsed as Buffer) as SavedCounts;
    unparsed = undefined;
    return parsed;
  };
  return {
    get counts() {
      return value().counts;
    },
    get documents() {
      return value().documents;
    },
  };
}

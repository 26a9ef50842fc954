// What the last startup build made, saved beside the facts cache (`<dir>/startup.json`): the knowledge base and
// the answer indexes. A restart over an unchanged corpus loads them and is done; it reads no article's facts,
// merges no people and builds no index. The file is named by the corpus it was built from (every article's id
// and file hash, in order) and by the code that built it (the pipeline's fingerprint from codeFingerprint.ts, so an
// upgrade never serves answers the new code would not give); any difference and it is not used. A damaged file is ignored
// with a log line, and the next build replaces it. Only a build at startup writes it: rewriting it after every
// live reload would block the event loop for seconds while the bot is answering.
// The file's format is startupFile.ts; the knowledge in it savedKnowledge.ts; the article list savedList.ts.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { KnownFile } from "../corpus/load.ts";
import type { Article, ArticleMeta } from "../corpus/types.ts";
import { packSentences, type PackedSentences } from "../kb/sentenceStore.ts";
import type { Logger } from "../log.ts";
import { removeStaleTemporaries } from "../util/staleTemporaries.ts";
import { checkFolder } from "./folderCheck.ts";
import { knowledgeOf, savedValue, type SavedKnowledge, type StoredKb } from "./savedKnowledge.ts";
import { learnFiles, metaById, savedArticles, savedListOf, type KnownArticles, type SavedList } from "./savedList.ts";
import { codeFingerprint, fileBytes, jsonBytes, jsonOf, openSaved, startupKey, type SectionName } from "./startupFile.ts";

/** A saved build used before the folder is checked (StartupCache.start). */
export interface SavedStart extends SavedKnowledge {
  /** The articles the build was made from, in corpus order (a file is read only when its text is asked for). */
  articles: Article[];
  /**
   * The folder checked against the saved file list, on a worker thread: resolves to the names of the files that
   * are new, changed or gone since (none: the saved build is the folder's); rejects when the check could not be made.
   */
  check: Promise<string[]>;
  /**
   * Whether the saved build is that of these articles, as read from the folder after the check found files that
   * differ (a file that is no article, or one rewritten with the same bytes, changes no article): the saved file is
   * closed when not.
   */
  madeOf(articles: readonly Article[]): boolean;
}

export interface StartupCache {
  /** Front matter of an article the saved build holds, by file hash (so the corpus load need not parse it). */
  knownMeta(hash: string): ArticleMeta | undefined;
  /** What the saving start read from a file of this name (a file still the same need not be read again). */
  knownFile(name: string): KnownFile | undefined;
  /**
   * The saved knowledge, if it was built from exactly these articles by this code; read once, at startup. Its
   * event, quote and sentence indexes are read from the file when first touched: one found damaged then is
   * logged and throws (the caller builds that index instead).
   */
  read(articles: readonly Article[]): SavedKnowledge | undefined;
  /**
   * The saved knowledge, if it was built from the folder `dir` by this code, read at once while a worker thread
   * checks the folder's files (see SavedStart.check); read once, at startup, instead of `read`. Whoever uses it must
   * wait for the check before answering, or bring the knowledge up to date with the files it names. Optional: a
   * cache that never offers a saved build (the corpus writer's list of files seen) has none.
   */
  start?(dir: string): SavedStart | undefined;
  write(articles: readonly Article[], saved: SavedKnowledge): void;
  /** Resolves when the last write is on disk. */
  flush(): Promise<void>;
}

export function openStartupCache(dir: string, log: Logger): StartupCache {
  const file = path.join(dir, "startup.json");
  let found = openSaved(file);
  const ignore = (problem: string): undefined => {
    log.warn({ file }, `saved knowledge ignored: ${problem}; building it instead`);
    if (typeof found === "object") found.close();
    found = undefined;
    return undefined;
  };
  if (typeof found === "string") ignore(found);
  const problemOf = (err: unknown): string => (err instanceof SyntaxError ? "a section is not JSON" : (err as Error).message);
  // What the saving start read of each article file, by hash and by file name.
  let known: KnownArticles | undefined;
  const learn = (list: SavedList, kbMeta: ReadonlyMap<string, ArticleMeta>): void => {
    known = { byHash: new Map(), byName: new Map() };
    learnFiles(known, list, kbMeta);
  };
  // The list a start read (start), learnt from only if the folder turns out changed.
  let unlearnt: { list: SavedList; kbMeta: ReadonlyMap<string, ArticleMeta> } | undefined;
  const knownArticles = (): KnownArticles => {
    if (unlearnt) learn(unlearnt.list, unlearnt.kbMeta);
    unlearnt = undefined;
    if (known) return known;
    known = { byHash: new Map(), byName: new Map() };
    // Front matter read by other code may not be what this code reads: only the same code's is reused.
    if (typeof found !== "object" || found.header.code !== codeFingerprint()) return known;
    try {
      const saved = found;
      const list = jsonOf(saved.section("articles")) as SavedList;
      learn(list, metaById((jsonOf(saved.section("kb")) as StoredKb).articles));
    } catch (err) {
      ignore(problemOf(err));
    }
    return known ?? { byHash: new Map(), byName: new Map() };
  };
  // A start killed while saving leaves write-file-atomic's temporary file (as large as the cache): removed here.
  let writing: Promise<void> = removeStaleTemporaries(file);
  return {
    knownMeta: (hash) => knownArticles().byHash.get(hash),
    knownFile: (name) => knownArticles().byName.get(name),
    read: (articles) => {
      const saved = found;
      found = undefined; // read once: nothing of the file is kept past startup
      known = undefined;
      unlearnt = undefined;
      if (typeof saved !== "object") return undefined;
      if (saved.header.key !== startupKey(articles)) return void saved.close();
      try {
        return knowledgeOf(saved, file, log);
      } catch (err) {
        found = saved;
        return ignore(problemOf(err));
      }
    },
    start: (corpusDir) => {
      const saved = found;
      const abs = path.resolve(corpusDir);
      if (typeof saved !== "object" || saved.header.code !== codeFingerprint() || saved.header.corpus !== abs) return undefined;
      let list: SavedList;
      let check: Promise<string[]>;
      let knowledge: SavedKnowledge;
      let kbMeta = new Map<string, ArticleMeta>();
      try {
        const bytes = saved.section("articles");
        check = checkFolder(abs, bytes);
        check.catch(() => undefined); // the caller may stop waiting for it (a damaged file below)
        list = jsonOf(bytes) as SavedList;
        knowledge = knowledgeOf(saved, file, log, (stored) => (kbMeta = metaById(stored.articles)));
      } catch (err) {
        return ignore(problemOf(err));
      }
      // Read once (as `read`); what the files held is kept for a start that finds the folder changed.
      found = undefined;
      unlearnt = { list, kbMeta };
      const articles = savedArticles(abs, list, kbMeta);
      if (saved.header.key !== startupKey(articles)) {
        saved.close();
        return undefined;
      }
      const madeOf = (read: readonly Article[]): boolean => {
        if (saved.header.key === startupKey(read)) return true;
        saved.close();
        return false;
      };
      return { ...knowledge, articles, check, madeOf };
    },
    write: (articles, saved) => {
      const list = savedListOf(articles, new Set(saved.kb.articles.map((a) => a.id)));
      // One section at a time (an index's plain copy is made when it is read: finishIndexes.ts), so that one section's
      // copy and JSON text are held at a time beside the bytes already made.
      let packed: PackedSentences;
      try {
        packed = packSentences(saved.kb.articles);
      } catch (err) {
        return void log.warn({ err, file }, "could not save the knowledge base and indexes (the next start builds them)");
      }
      const bytesOf = (name: SectionName): Buffer =>
        name === "sentenceTable" ? packed.table : name === "sentenceText" ? packed.text : jsonBytes(name === "articles" ? list : savedValue(saved, name));
      const body = fileBytes(articles, articles[0] ? path.dirname(articles[0].file) : "", bytesOf);
      writing = writing
        .then(() => mkdir(dir, { recursive: true }))
        .then(() => writeFileAtomic(file, body, { fsync: false }))
        .catch((err: unknown) => log.warn({ err, file }, "could not save the knowledge base and indexes (the next start builds them)"));
    },
    flush: () => writing,
  };
}

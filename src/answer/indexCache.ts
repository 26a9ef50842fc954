// The answer indexes saved beside the facts cache (`<dir>/indexes.json`), so that a restart over an unchanged
// corpus loads them (about 2.6 times faster than building them at 10,000 articles) instead of building them.
// The file names the knowledge base it was built from by a fingerprint of everything the indexes hold (sentence
// texts, people, quotes, events) and of how text is tokenised; any difference, or any damage, and it is ignored
// with a log line and the indexes are built afresh. Only a build at startup writes it: rewriting it after every
// live reload would block the event loop for seconds while the bot is answering.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import type { SavedIndexes } from "./indexes.ts";
import { indexTerm, indexTokenize } from "./text.ts";

const KIND = "newsdesk-indexes";
/** Bumped when what the indexes hold, or how they are built, changes in a way the fingerprint cannot see. */
const FORMAT = 2;
// Tokenised into the fingerprint, so that a change to tokens, stop words or stems invalidates saved indexes.
const PROBE = "Resignations: the Leader's 2nd O'Brien-led re-run of v6.13 and I/O — naïve “quotes” in Kraków, 2024.";

export interface IndexCache {
  read(fingerprint: string): SavedIndexes | undefined;
  write(fingerprint: string, saved: SavedIndexes): void;
  /** Resolves when the last write is on disk. */
  flush(): Promise<void>;
}

/** Identifies the knowledge base the indexes are built from, and the tokeniser they are built with. */
export function indexFingerprint(kb: KnowledgeBase): string {
  const hash = createHash("sha256").update(`${KIND}:${FORMAT}\n`);
  hash.update(JSON.stringify(indexTokenize(PROBE).map(indexTerm)));
  for (const a of kb.articles) {
    hash.update(`\u0001${a.id}`);
    for (const s of a.sentences) hash.update(`\u0002${s.paragraph}\u0003${s.text}`);
  }
  hash.update(JSON.stringify(kb.people.map((p) => [p.name, p.description])));
  hash.update(JSON.stringify(kb.quotes.map((q) => [q.article, q.sentence, q.text])));
  hash.update(JSON.stringify(kb.events.map((e) => [e.article, e.sentence, e.date])));
  return hash.digest("hex");
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

const SECTIONS = ["descriptions", "events", "quotes", "sentences", "eventTerms", "sentenceTerms", "quoteFrequencies", "eventFrequencies"] as const;

function lazySections(lines: string[]): SavedIndexes {
  const saved = {} as SavedIndexes;
  SECTIONS.forEach((key, i) => Object.defineProperty(saved, key, { enumerable: true, get: () => JSON.parse(lines[i] ?? "null") as unknown }));
  return saved;
}

export function openIndexCache(dir: string, log: Logger): IndexCache {
  const file = path.join(dir, "indexes.json");
  let writing: Promise<void> = Promise.resolve();
  return {
    read: (fingerprint) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        return undefined; // no saved indexes yet
      }
      const newline = text.indexOf("\n");
      let header: { kind?: string; format?: number; fingerprint?: string; sha256?: string } = {};
      try {
        header = JSON.parse(text.slice(0, Math.max(0, newline))) as typeof header;
      } catch {
        // reported below, like any other mismatch
      }
      const body = text.slice(newline + 1);
      const problem =
        header.kind !== KIND || header.format !== FORMAT
          ? "not an index file of this format"
          : header.fingerprint !== fingerprint
            ? undefined // another corpus: expected after any change, not worth a warning
            : sha256(body) !== header.sha256
              ? "checksum mismatch (truncated or damaged)"
              : "";
      if (problem === undefined) return undefined;
      if (problem) {
        log.warn({ file }, `saved indexes ignored: ${problem}; building them instead`);
        return undefined;
      }
      return lazySections(body.split("\n"));
    },
    write: (fingerprint, saved) => {
      // One section per line, parsed only when its index is loaded: the peak memory of a start is then one
      // parsed section at a time, not all of them at once.
      const body = SECTIONS.map((key) => JSON.stringify(saved[key])).join("\n");
      const header = JSON.stringify({ kind: KIND, format: FORMAT, fingerprint, sha256: sha256(body) });
      mkdirSync(dir, { recursive: true });
      writing = writing
        .then(() => writeFileAtomic(file, `${header}\n${body}`, { fsync: false }))
        .catch((err: unknown) => log.warn({ err, file }, "could not save the indexes (the next start builds them)"));
    },
    flush: () => writing,
  };
}

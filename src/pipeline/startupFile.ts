// The startup cache's file (startupCache.ts says what it is for): a JSON header naming the code and corpus it was
// built from and each section's length and CRC-32, then the sections, each followed by a newline. Opening it reads
// the header only; each section is read, and checked against its checksum, when it is used.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { endianness } from "node:os";
import { crc32 } from "node:zlib";
import type { Article } from "../corpus/types.ts";
import { codeFingerprints } from "./codeFingerprint.ts";

const KIND = "newsdesk-startup";
// Format 4: the knowledge base's sentences are saved packed (src/kb/sentenceStore.ts: a table of integers in this
// machine's byte order, and their text), not as JSON objects. Format 5: the header names the corpus folder, and the
// article list is columns of names, signatures and hashes, with the front matter only of articles the knowledge
// base does not hold (the others' is in the knowledge base); the name index is saved (src/answer/name-index.ts).
// Format 6: the JSON sections are ASCII, every other character escaped (see jsonBytes). Format 7: the knowledge
// base's events are its packed table (src/kb/eventTable.ts: its strings and integers), not a list of objects.
const FORMAT = 7;
/** The sections every warm start reads at once: checked before the saved build is used, so damage means a rebuild. */
export const EAGER = ["articles", "kb", "sentenceTable", "sentenceText", "eventTerms", "sentenceTerms", "quoteFrequencies", "names"] as const;
/** The term counts: read and checked with the others, parsed when first used (no first answer needs them). */
export const COUNTS = new Set<SectionName>(["eventTerms", "sentenceTerms", "quoteFrequencies"]);
/** The sections that are not JSON: the packed sentences. */
export const PACKED = new Set<SectionName>(["sentenceTable", "sentenceText"]);
/**
 * The indexes read when each loads (after the first answers; the descriptions index is read by role questions only):
 * a damaged one is built instead. Which sections are read at once is no part of the format (the header places each).
 */
export const LAZY = ["descriptions", "quotes", "events", "sentences"] as const;
export const SECTIONS = [...EAGER, ...LAZY] as const;
export type SectionName = (typeof SECTIONS)[number];

// A section's checksum finds a file cut short or damaged on disk (the file is this machine's own, not an input to
// trust): CRC-32 does that at a third of SHA-256's cost (the 23 MB a warm start reads at 10,000 articles: 5 ms
// instead of 15 ms of CPU, and 10 ms saved again as the large indexes load).
const checksum = (data: Uint8Array): number => crc32(data);

export const codeFingerprint = (): string => codeFingerprints().pipeline;

// The JSON sections are saved as ASCII, every other character escaped ("\u00e9"), and read as Latin-1: a few dozen
// accented letters or curly quotes among 8 MB made the whole text of the knowledge base a two-byte string, decoded
// from UTF-8 at a fifth of the speed and parsed more slowly (30-50 ms of a warm start's 0.9 s at 10,000 articles).
const NOT_ASCII = /[\u0080-\uffff]/g;
const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
export const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value).replace(NOT_ASCII, escaped), "latin1");
export const jsonOf = (bytes: Buffer): unknown => JSON.parse(bytes.toString("latin1"));

/** Names the saved knowledge: the code, then each article (id and file hash) in corpus order. */
export function startupKey(articles: readonly Article[]): string {
  const hash = createHash("sha256").update(`${KIND}:${FORMAT}:${endianness()}:${codeFingerprint()}`);
  for (const a of articles) hash.update(`\u0001${a.id}\u0002${a.hash}`);
  return hash.digest("hex");
}

interface Header {
  kind?: string;
  format?: number;
  /** The code fingerprint of the saving start (also part of `key`). */
  code?: string;
  /** The corpus folder it was built from (absolute). */
  corpus?: string;
  key?: string;
  /** Each section's name, length in bytes and CRC-32, in file order (each is followed by a newline). */
  sections?: [name: string, length: number, checksum: number][];
}

/**
 * The file opened and its header read: each section is read (and checked against its own checksum) only when it is
 * used, so a start never holds the whole file, and the large indexes are read after the first answers. The file
 * stays open until every section is read, so a start saving a new file meanwhile (renamed over this one) changes
 * nothing under it.
 */
export interface SavedFile {
  header: Header;
  /** The bytes of a section, checked; throws (naming the problem) when they are not what the header says. */
  section(name: SectionName): Buffer;
  close(): void;
}

const HEADER_LIMIT = 1 << 16;

/** The file opened (undefined: there is none; a string: the problem that makes it unusable). */
export function openSaved(file: string): SavedFile | string | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined; // nothing saved yet
  }
  const fail = (problem: string): string => {
    closeSync(fd);
    return problem;
  };
  const size = fstatSync(fd).size;
  const start = Buffer.alloc(Math.min(size, HEADER_LIMIT));
  const newline = start.subarray(0, readSync(fd, start, 0, start.length, 0)).indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(start.subarray(0, newline < 0 ? 0 : newline).toString("utf8")) as Header;
  } catch {
    return fail("the header is not JSON");
  }
  if (header.kind !== KIND || header.format !== FORMAT || !Array.isArray(header.sections)) return fail("not a startup cache file of this format");
  const at = new Map<string, { offset: number; length: number; checksum: number }>();
  let offset = newline + 1;
  for (const [name, length, hash] of header.sections) {
    at.set(name, { offset, length, checksum: hash });
    offset += length + 1;
  }
  if (SECTIONS.some((name) => !at.has(name))) return fail("not a startup cache file of this format");
  if (offset !== size) return fail("its length is not its sections' (truncated or damaged)");
  let open = true;
  return {
    header,
    section: (name) => {
      const where = at.get(name);
      if (!open || !where) throw new Error(`the section "${name}" cannot be read again`);
      const bytes = Buffer.allocUnsafeSlow(where.length);
      if (readSync(fd, bytes, 0, where.length, where.offset) !== where.length || checksum(bytes) !== where.checksum) throw new Error("checksum mismatch (truncated or damaged)");
      return bytes;
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** The whole file: the header (naming the articles' corpus folder and key) and every section's bytes, in order. */
export function fileBytes(articles: readonly Article[], corpus: string, bytesOf: (name: SectionName) => Buffer): Buffer {
  const sections = SECTIONS.map((name) => ({ name, bytes: bytesOf(name) }));
  const header = JSON.stringify({
    kind: KIND,
    format: FORMAT,
    code: codeFingerprint(),
    corpus,
    key: startupKey(articles),
    sections: sections.map(({ name, bytes }) => [name, bytes.length, checksum(bytes)]),
  });
  return Buffer.concat([Buffer.from(`${header}\n`), ...sections.flatMap(({ bytes }) => [bytes, NEWLINE])]);
}

const NEWLINE = Buffer.from("\n");

// What one question's scope (scope.ts) asks the database for, and where each index's fields are in kb_term's counts:
// shared by the fetches (scopeFetches.ts) and by the small indexes over the documents they bring (scopeIndex.ts).
import type { Options } from "minisearch";
import { indexOptions, termSetOptions } from "../../answer/search-index.ts";
import { COUNT_COLUMNS } from "./documents.ts";
import type { DocumentSet, Kind } from "./postings.ts";

export type { Kind } from "./postings.ts";
export const KINDS: Kind[] = ["sentences", "events", "quotes"];

/** Something an answer needs fetched: a term's counts, its prefix or typo neighbours in the vocabulary, its documents. */
export type Lookup =
  | { kind: "counts"; term: string }
  | { kind: Kind; term: string; prefix?: true; distance?: number }
  | { kind: Kind; term: string; every: true }
  | { kind: Kind; term: string; all: string[][] };
export const keyOf = (l: Lookup): string =>
  `${l.kind}\u0000${l.term}\u0000${"prefix" in l ? "*" : ""}${"distance" in l ? l.distance : ""}${"every" in l ? "#" : ""}${"all" in l ? "&" : ""}`;
/** The documents holding a word, by field of their index (one set per field). */
export type Holding = DocumentSet[];

/** Per index: its MiniSearch options, the kb_term columns of each field's document frequency and of its share. */
export const LAYOUT: Record<Kind, { options: Options; fields: number[]; share: number }> = {
  sentences: { options: termSetOptions("text", (t) => t, []), fields: [0], share: 0 },
  events: { options: indexOptions(["text", "context"]), fields: [4, 5], share: 1 },
  quotes: { options: indexOptions(["text"]), fields: [3], share: 2 },
};
/** kb_term's counts as one array, selected beside a term. */
export const COUNTS = `ARRAY[${COUNT_COLUMNS.join(", ")}] AS counts`;

export const TABLE: Record<Kind, string> = { sentences: "kb_sentence", events: "kb_event", quotes: "kb_quote" };

import type { Paragraph } from "./paragraphs.ts";
import type { Sentence } from "./sentences.ts";

/** What every extractor reads: one article's normalised text, cut into paragraphs and sentences. */
export interface ArticleText {
  /** Article id (file name without .md). */
  id: string;
  /** The normalised text; all offsets below are into it. */
  text: string;
  /** Publication date of the article, "YYYY", "YYYY-MM" or "YYYY-MM-DD": the anchor for relative dates. */
  published: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

/** One place in the text that names (or, for pronouns resolved by an extractor, refers to) a person. */
export interface PersonMention {
  start: number;
  end: number;
  /** The surface text, e.g. "Hellwig", "Boqun Feng", "Rostedt's". */
  text: string;
  /** Index into ArticlePeople.people. */
  person: number;
}

/** A person as one article presents them. People are merged across articles later, in the knowledge base. */
export interface LocalPerson {
  /** Canonical name: the fullest form the article uses ("Wedson Almeida Filho"). */
  name: string;
  /** Other forms the article uses: surname, first name, reversed order, variant spellings. */
  aliases: string[];
  /** Role or affiliation as the text states it ("a maintainer for Btrfs and the block device I/O controller"); "" if none. */
  description: string;
  /** Indices of the sentences that mention them, in order. */
  sentences: number[];
}

export interface ArticlePeople {
  people: LocalPerson[];
  /** Every mention, sorted by start offset. */
  mentions: PersonMention[];
  /** Per person (same index as `people`), every role or title the article states for them, as written. */
  roles: string[][];
  /** The person a surface form refers to in this article ("Hellwig", "Mr. Hellwig", "Christoph"), or null. */
  resolve(surface: string): number | null;
}

export interface ExtractedQuote {
  /** The quoted words only, without the quote marks; split quotes joined with " ". */
  text: string;
  /** Offsets of the whole quote (first opening mark to last closing mark) in the normalised text. */
  start: number;
  end: number;
  /** Canonical name of the speaker (a LocalPerson name when the speaker is one), or null when the text does not name one. */
  speaker: string | null;
  /** Index of the sentence the quote starts in. */
  sentence: number;
}

/**
 * Quoted words inside the reporter's own sentence ('calling it a "global takeover"', 'risen to "almost religious war
 * undertones"'): not a direct quote, but the words are someone's. `speaker` is the sentence's reporting clause's
 * speaker, or null. Same shape as a quote; kept apart because they are not direct quotes.
 */
export type ExtractedFragment = ExtractedQuote;

export interface ExtractedDate {
  /** ISO date at the precision the text supports: "2013", "2024-08", "2021-09-20". */
  date: string;
  /** The date expression as written ("Sept. 20, 2021", "That March", "the summer of 2019"). */
  dateText: string;
  start: number;
  end: number;
  /** Index of the sentence holding the expression. */
  sentence: number;
}

export interface ArticleFacts {
  article: string;
  sentences: Sentence[];
  people: LocalPerson[];
  quotes: ExtractedQuote[];
  fragments: ExtractedFragment[];
  events: ExtractedDate[];
}

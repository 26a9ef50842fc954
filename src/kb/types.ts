import type { ArticleMeta } from "../corpus/types.ts";
import type { Sentence } from "../extract/sentences.ts";
import type { EventTable } from "./eventTable.ts";

/** Where a fact comes from: an article and one of its sentences. */
export interface SentenceRef {
  article: string;
  sentence: number;
}

export interface KbArticle extends ArticleMeta {
  id: string;
  sentences: Sentence[];
}

export interface KbPerson {
  /** Canonical name: the fullest form seen anywhere in the corpus. */
  name: string;
  description: string;
  /** Where the description was stated (for citing it), when it was. */
  descriptionSource?: SentenceRef;
  aliases: string[];
  /** Article ids, in corpus order. */
  articles: string[];
  /** Every sentence that mentions the person, in corpus order. */
  mentions: SentenceRef[];
}

export interface KbQuote extends SentenceRef {
  text: string;
  speaker: string | null;
}

export interface KbEvent extends SentenceRef {
  date: string;
  dateText: string;
}

export interface KnowledgeBase {
  articles: KbArticle[];
  people: KbPerson[];
  /** Direct quotes. */
  quotes: KbQuote[];
  /** Quoted words inside reporters' sentences (see ExtractedFragment): found by /quote, shown as part of their
   * sentence, never counted or announced as quotes. */
  fragments: KbQuote[];
  /** Dated events, packed (an event object is made when one is read: see eventTable.ts). */
  events: EventTable;
}

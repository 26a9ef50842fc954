/**
 * What extraction reads of one article, whatever the file holds. A news story is a few thousand characters, a long
 * feature fifty thousand; these bounds only stop an abnormal file (a book, a log, a run-on list of dates) from
 * costing more than its size. Documented in the README. (A module of its own: the pipeline reads them without
 * loading the extractors.)
 */
export const EXTRACTION_LIMITS = {
  /** Characters of an article's text that are read; the rest is cut (at a paragraph or a space), with a log line. */
  maxChars: 1_000_000,
  /** A longer article is read in sections of whole sentences of about this size (sections.ts). */
  sectionChars: 100_000,
  /** Dated events kept per sentence (the first ones): a list of dates is not that many events. */
  maxEventsPerSentence: 10,
} as const;

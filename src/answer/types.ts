// The answer shapes every front end renders (console, command line, Discord). Field names follow the contract in
// shared/eval/README.md, so `ask --jsonl` can print them as they are.

export interface Source {
  /** Article id. */
  article: string;
  title: string;
  outlet: string;
  published: string;
  url?: string;
}

/** A sentence of the corpus that supports an answer. */
export interface Fact {
  text: string;
  source: Source;
}

export interface Quote {
  text: string;
  speaker: string | null;
  source: Source;
  /** The sentence the quote stands in, for context. */
  context?: string;
  /** The words are a fragment quoted inside the reporter's sentence (`context`), not a direct quote. */
  fragment?: true;
}

export interface Event {
  /** ISO date at the precision the corpus supports. */
  date: string;
  /** The sentence that reports the event. */
  text: string;
  source: Source;
  /** Every article that reports the same event (the first is `source`). */
  sources: Source[];
  /**
   * The sentence of the same article that gives the date, when `text` states the event without one and a sentence
   * near it dates it ("… have filed a lawsuit against the city." … "The suit was filed on Monday.").
   */
  dateSentence?: string;
}

export interface Person {
  name: string;
  description: string;
  aliases: string[];
  /** Sentences about the person, best first. */
  facts: Fact[];
  quotes: Quote[];
  articles: Source[];
}

export interface SearchHit {
  text: string;
  /** The words of `text` that matched the query, as written there (front ends show them highlighted). */
  matched: string[];
  source: Source;
}

export interface AsOf {
  articles: number;
  /** Publication date of the newest article. */
  newest: string;
}

export interface WhoAnswer {
  person: Person | null;
  /** Nearest names when no person matched well. */
  suggestions: string[];
  asOf: AsOf;
}

export interface WhenAnswer {
  /** Dated events that match the query, best first. */
  events: Event[];
  /**
   * Sentences that state the event asked about without dating it, when no dated sentence states it as well: all the
   * corpus says is that it was reported by its article's publication date (`source.published`), which is not the
   * event's own date.
   */
  reported?: Fact[];
  /** When nothing matches: the dated events that come nearest, to offer instead. */
  nearest?: Event[];
  /** Set (and `events` empty) when every word of the query is in too many events to search for on its own. */
  tooCommon?: string[];
  asOf: AsOf;
}

export interface QuoteAnswer {
  quotes: Quote[];
  /** The person the query named, when it named one (their quotes only are returned). */
  speaker: string | null;
  asOf: AsOf;
}

export interface SearchAnswer {
  hits: SearchHit[];
  /** When every word of the query is in a large share of the corpus: those words (and no hits). */
  tooCommon?: string[];
  asOf: AsOf;
}

export interface TimelineAnswer {
  /** The person or topic the timeline is about; null for the whole corpus. */
  subject: string | null;
  events: Event[];
  asOf: AsOf;
}

/**
 * How words someone quotes stand in the corpus: word for word as a whole quote ("direct"), word for word as part of
 * a longer one ("partial"), only in other words ("paraphrase" of the nearest sentence), or not at all ("none").
 */
export type QuoteVerdict = "direct" | "partial" | "paraphrase" | "none";

/** The corpus sentence that holds words checked, or says the most like them. */
export interface CheckMatch {
  /** The whole sentence, as the article has it. */
  sentence: string;
  /** The quote it holds that the words match (null: they are the article's own words, not a quote). */
  quote: string | null;
  speaker: string | null;
  source: Source;
  /** Share of the words checked that this sentence (or quote) holds: in one run for word for word, as words else. */
  similarity: number;
}

export interface CheckAnswer {
  /** The words checked: the quoted part of the message, or all of it. */
  claim: string;
  /** The person the rest of the message gives as the speaker, as the corpus names them; null when it names none. */
  claimedSpeaker: string | null;
  verdict: QuoteVerdict;
  match: CheckMatch | null;
  /** When nothing matches: the sentences that come nearest, best first. */
  nearest: CheckMatch[];
  /** Too few words to check (fewer than three). */
  tooShort?: boolean;
  asOf: AsOf;
}

/** A person a message names whom the corpus knows. */
export interface MentionedPerson {
  name: string;
  description: string;
  /** The words of the message that name them ("Torvalds"). */
  as: string;
  /** One sentence about them, with its source: the one stating their role when there is one. */
  fact: Fact | null;
}

export interface MentionsAnswer {
  people: MentionedPerson[];
  asOf: AsOf;
}

export type SuggestKind = "person" | "event" | "article";

export interface Suggestion {
  /** What to show (at most 100 characters). */
  name: string;
  /** What to fill in as the option value (at most 100 characters). */
  value: string;
}

/** Everything the front ends can ask. Pure and synchronous over an in-memory knowledge base. */
export interface Answers {
  who(query: string): WhoAnswer;
  when(query: string): WhenAnswer;
  /** `speaker` and/or `text`; a plain string query is treated as either, whichever it names. */
  quote(query: string | { speaker?: string; text?: string }): QuoteAnswer;
  search(query: string): SearchAnswer;
  timeline(subject?: string): TimelineAnswer;
  suggest(kind: SuggestKind, prefix: string): Suggestion[];
  /** Whether, and how, the corpus holds the words a message quotes ("Check this quote"). */
  check(text: string): CheckAnswer;
  /** The people a message names whom the corpus knows ("Who is mentioned here?"). */
  mentioned(text: string): MentionsAnswer;
  asOf(): AsOf;
  /** What the corpus holds: counts and the articles (newest first). */
  about(): { articles: Source[]; people: number; quotes: number; events: number; asOf: AsOf };
}

/**
 * The answers as the bot and the console ask them: one shape for every engine. The embedded engine's resolve at
 * once (answersNow); the PostgreSQL engine's fetch the question's candidates first (src/search/engine.ts).
 */
export type AsyncAnswers = { [K in keyof Answers]: (...args: Parameters<Answers[K]>) => Promise<ReturnType<Answers[K]>> };

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
}

export interface Event {
  /** ISO date at the precision the corpus supports. */
  date: string;
  /** The sentence that reports the event. */
  text: string;
  source: Source;
  /** Every article that reports the same event (the first is `source`). */
  sources: Source[];
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
  events: Event[];
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
  asOf(): AsOf;
  /** What the corpus holds: counts and the articles (newest first). */
  about(): { articles: Source[]; people: number; quotes: number; events: number; asOf: AsOf };
}

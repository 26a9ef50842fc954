import type { CalendarValue, Day } from "./calendar.ts";

/** Rough tense of the sentence around an expression: decides whether "Friday" or "March" is the last or the next one. */
export type Tense = "past" | "present" | "future";

/** The publication date, the anchor of every expression relative to "now". */
export interface Anchor {
  value: CalendarValue;
  precision: "year" | "month" | "day";
  /** The anchor as a full day for arithmetic (the 15th / mid-year when the text only gives a month or a year). */
  day: Day;
}

export interface ResolveContext {
  anchor: Anchor;
  /** The date the narrative is currently at: the last self-dated expression or named day before this one. */
  narrative: CalendarValue | null;
  tense: Tense;
  /** The tense read with planning and deadline words too ("by February"), for months and days named without a year. */
  tenseWide: Tense;
}

/** A date expression found by a parser, not yet resolved: resolution runs in text order so the narrative year is known. */
export interface Candidate {
  /** Offsets into the article text. */
  start: number;
  end: number;
  /** Which parser found it (for debugging and for the overlap refiner's tie-break). */
  parser: string;
  /** Whether the expression states its own year ("in 2013", "Sept. 20, 2021"): such expressions move the narrative. */
  explicit: boolean;
  resolve(ctx: ResolveContext): CalendarValue | null;
}

/** One sentence as the parsers see it: its raw text (line breaks kept, so offsets stay exact) and where it starts. */
export interface SentenceView {
  index: number;
  text: string;
  offset: number;
}

export type Parser = (s: SentenceView) => Candidate[];

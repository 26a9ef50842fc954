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
  /**
   * The tense of the verb that governs the expression in its clause, when one was found (clauseTense.ts); `tense`
   * and `tenseWide` are then this tense too. Then a past clause means the past, not a few weeks ahead.
   */
  clause?: Tense;
}

/** A date expression found by a parser, not yet resolved: resolution runs in text order so the narrative year is known. */
export interface Candidate {
  /** Offsets into the article text. */
  start: number;
  end: number;
  /** The parser that found it: its traits decide how the expression is resolved, and some refiners ask which it was. */
  parser: DateParser;
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

/**
 * One kind of date expression ("Sept. 20, 2021", "last Friday", "the third quarter"): a file in parsers/ and an entry in
 * index.ts's PARSERS list.
 */
export interface DateParser {
  /** Its file's name; candidates carry the parser, for debugging and for the refiners that ask which one found them. */
  name: string;
  /**
   * A cheap test that a sentence may hold the expression: `parse` runs only on sentences that pass it, and a sentence
   * that passes no parser's gate is skipped whole (most sentences hold no date; skipping them keeps extraction well
   * above 1 MB/s). Every sentence `parse` can find something in must pass it. No `g` or `y` flag.
   */
  gate: RegExp;
  /** The candidates in one sentence that passed the gate. */
  parse(s: SentenceView): Candidate[];
  /**
   * Besides expressions that state their year (which always do), what it finds moves the narrative date that
   * anaphora ("that March", "the next day") count from: anaphora keep the narrative where they put it, and a named
   * day ("on Monday ... The next day") is what "the next day" counts from. Default false.
   */
  movesNarrative?: boolean;
  /**
   * Its expressions named without a year ("Friday", "Feb. 1") mean the same date each time an article repeats them,
   * so the first mention, usually the fuller sentence, decides for the later ones. Default false.
   */
  textStable?: boolean;
}

/** One concern applied to a sentence's candidates, in the order of index.ts's REFINERS: widen, filter or merge them. */
export type Refiner = (text: string, cands: Candidate[]) => Candidate[];

/**
 * Date extraction: every date expression in every sentence, resolved to an ISO date at the precision the text
 * supports. Parsers (one kind of expression each, in parsers/) propose candidates, refiners (in refiners/) widen,
 * filter and de-duplicate them, and resolution then runs in text order so that anaphoric expressions ("that
 * March", "the following year") can use the year the narrative is in.
 *
 * Adding a kind of date expression takes three steps:
 * 1. parsers/<name>.ts exports a DateParser (types.ts): its name, a cheap gate that every sentence holding the
 *    expression passes, parse, and its traits. scan.ts turns a regex's matches into candidates.
 * 2. One entry in PARSERS below. The sentence gate is built from the parsers' gates; where two parsers find
 *    expressions of the same extent, the one listed first is kept.
 * 3. tests/extract/dates/parsers/<name>.test.ts: what it finds, with testSingleCase (tests/extract/dates/testUtil.ts);
 *    what it must not find goes in tests/extract/dates/negative_cases.test.ts.
 * A refiner is likewise one file in refiners/ and one entry in REFINERS, in the order it must run.
 */
import type { ArticleText, ExtractedDate } from "../types.ts";
import { parseIso, toIso, type CalendarValue } from "./calendar.ts";
import { anyGate } from "./gate.ts";
import { anaphora } from "./parsers/anaphora.ts";
import { chronoDates } from "./parsers/chronoDates.ts";
import { holidays } from "./parsers/holidays.ts";
import { months } from "./parsers/months.ts";
import { later } from "./parsers/later.ts";
import { periods } from "./parsers/periods.ts";
import { present } from "./parsers/present.ts";
import { quarters } from "./parsers/quarters.ts";
import { relative } from "./parsers/relative.ts";
import { relativeDays } from "./parsers/relativeDays.ts";
import { seasons } from "./parsers/seasons.ts";
import { spelledYears } from "./parsers/spelledYears.ts";
import { weekdays } from "./parsers/weekdays.ts";
import { years } from "./parsers/years.ts";
import { dayBeforeAfter } from "./refiners/dayBeforeAfter.ts";
import { dropDurations } from "./refiners/durations.ts";
import { mergeAdjacent } from "./refiners/merge.ts";
import { extendModifiers } from "./refiners/modifiers.ts";
import { dropNonDates } from "./refiners/nonDates.ts";
import { removeOverlaps } from "./refiners/overlap.ts";
import { weekOfWeekday } from "./refiners/weekOfWeekday.ts";
import { dropSets } from "./refiners/sets.ts";
import { anchorFrom } from "./resolve.ts";
import { clauseTense } from "./clauseTense.ts";
import { tenseAround } from "./tense.ts";
import type { Candidate, DateParser, Refiner, SentenceView } from "./types.ts";

const PARSERS: readonly DateParser[] = [
  chronoDates, months, years, spelledYears, seasons, quarters, relativeDays, relative, periods, anaphora, weekdays,
  holidays, present, later,
];

/**
 * Filters first (links, recurring times, durations), then widening over modifiers, merging, the longest of overlaps,
 * then the weekdays whose week is named beside them, and last a day counted from another ("the day before Tuesday").
 */
const REFINERS: readonly Refiner[] = [dropNonDates, dropSets, dropDurations, extendModifiers, mergeAdjacent, removeOverlaps, weekOfWeekday, dayBeforeAfter];

/** Whether a sentence may hold any date expression: most hold none, and skipping them keeps extraction fast. */
const mayHoldDate = anyGate(PARSERS);

/** Finds date expressions and resolves them to ISO dates. */
export function extractDates(article: ArticleText): ExtractedDate[] {
  const dct = parseIso(article.published);
  // Without a publication date only expressions that state their own year can be resolved; the anchor is then a
  // placeholder no kept expression reads.
  const anchor = anchorFrom(dct ?? { year: 1970 });
  const { text } = article;
  let narrative: CalendarValue | null = null;
  const resolvedBefore = new Map<string, CalendarValue>();
  const out: ExtractedDate[] = [];
  for (const sentence of article.sentences) {
    const view: SentenceView = { index: sentence.index, text: text.slice(sentence.start, sentence.end), offset: sentence.start };
    if (!mayHoldDate(view.text)) continue;
    for (const c of refine(text, PARSERS.flatMap((p) => (p.gate.test(view.text) ? p.parse(view) : [])))) {
      if (!dct && !c.explicit) continue;
      const [from, to] = [c.start - view.offset, c.end - view.offset];
      const surface = text.slice(c.start, c.end).replace(/\s+/g, " ").toLowerCase();
      // An article that names "Friday" or "Feb. 1" twice means the same day both times; the first mention, usually
      // the fuller sentence, decides for a later one whose clause shows no verb to tell its tense. Anaphoric forms
      // ("that March") follow the narrative instead.
      const stable = c.parser.textStable && !c.explicit && !/^(?:that|the)\s/.test(surface);
      const clause = clauseTense(view.text, from, to);
      const value: CalendarValue | null =
        (stable && !clause ? resolvedBefore.get(surface) : undefined) ??
        c.resolve({
          anchor,
          narrative,
          tense: clause?.tense ?? tenseAround(view.text, from, to),
          tenseWide: clause?.tense ?? tenseAround(view.text, from, to, true),
          ...(clause?.strict && { clause: clause.tense }),
        });
      if (!value) continue;
      if (stable) resolvedBefore.set(surface, value);
      if (c.explicit || c.parser.movesNarrative) narrative = value;
      out.push({
        date: toIso(value),
        dateText: text.slice(c.start, c.end).replace(/\s+/g, " "),
        start: c.start,
        end: c.end,
        sentence: sentence.index,
      });
    }
  }
  return out;
}

function refine(text: string, cands: Candidate[]): Candidate[] {
  if (cands.length === 0) return cands;
  return REFINERS.reduce((kept, refiner) => refiner(text, kept), cands);
}

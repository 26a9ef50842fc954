/**
 * Date extraction: every date expression in every sentence, resolved to an ISO date at the precision the text
 * supports. Parsers (one kind of expression each, in parsers/) propose candidates, refiners (in refiners/) widen,
 * filter and de-duplicate them, and resolution then runs in text order so that anaphoric expressions ("that
 * March", "the following year") can use the year the narrative is in.
 */
import type { ArticleText, ExtractedDate } from "../types.ts";
import { parseIso, toIso, type CalendarValue } from "./calendar.ts";
import { anaphora } from "./parsers/anaphora.ts";
import { chronoDates } from "./parsers/chronoDates.ts";
import { holidays } from "./parsers/holidays.ts";
import { months } from "./parsers/months.ts";
import { periods } from "./parsers/periods.ts";
import { quarters } from "./parsers/quarters.ts";
import { relative } from "./parsers/relative.ts";
import { seasons } from "./parsers/seasons.ts";
import { spelledYears } from "./parsers/spelledYears.ts";
import { weekdays } from "./parsers/weekdays.ts";
import { years } from "./parsers/years.ts";
import { dropDurations } from "./refiners/durations.ts";
import { mergeAdjacent } from "./refiners/merge.ts";
import { extendModifiers } from "./refiners/modifiers.ts";
import { dropNonDates } from "./refiners/nonDates.ts";
import { removeOverlaps } from "./refiners/overlap.ts";
import { dropSets } from "./refiners/sets.ts";
import { anchorFrom } from "./resolve.ts";
import { tenseAround } from "./tense.ts";
import type { Candidate, Parser, SentenceView } from "./types.ts";

/** Parsers whose undated expressions mean the same date each time an article repeats them. */
/**
 * Besides expressions that state their year, these move the narrative: anaphora keep it where they put it, and a
 * named day ("on Monday ... The next day") is what "the next day" counts from.
 */
const NARRATIVE_MOVERS = new Set(["anaphora", "chrono", "weekdays", "holidays", "relative-day"]);
const TEXT_STABLE = new Set(["weekdays", "chrono", "months", "holidays"]);

/**
 * "now", "currently", "at present" are not here: TimeML marks them PRESENT_REF, which has no calendar value, and a
 * /when answer gains nothing from "now" dated to the publication day. Measured on TBAQ, emitting them as the
 * publication date raised extent F1 by 1.6 points but lowered value F1 by 1.1 (one in three is not annotated).
 */
const PARSERS: Parser[] = [
  chronoDates, months, years, spelledYears, seasons, quarters, relative, periods, anaphora, weekdays, holidays,
];

/**
 * Cheap test for a sentence that may hold a date expression; most sentences have none, and skipping them keeps
 * extraction well above 1 MB/s.
 */
const MAY_HOLD_DATE =
  /\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|\b(?:Thanksgiving|Christmas|New Year|Election Day|Independence Day|Memorial Day|Labou?r Day|Halloween|Valentine|nineteen|eighteen|thousand|weekend|today|tonight|yesterday|tomorrow|day|year|month|week|quarter|half|spring|summer|autumn|fall|winter|ago)/i;

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
    if (!MAY_HOLD_DATE.test(view.text)) continue;
    for (const c of refine(text, PARSERS.flatMap((p) => p(view)))) {
      if (!dct && !c.explicit) continue;
      const [from, to] = [c.start - view.offset, c.end - view.offset];
      const surface = text.slice(c.start, c.end).replace(/\s+/g, " ").toLowerCase();
      // An article that names "Friday" or "Feb. 1" twice means the same day both times; the first mention, usually
      // the fuller sentence, decides, so a later clause's tense cannot move it a week or a year. Anaphoric forms
      // ("that March") follow the narrative instead.
      const stable = TEXT_STABLE.has(c.parser) && !c.explicit && !/^(?:that|the)\s/.test(surface);
      const value: CalendarValue | null =
        (stable ? resolvedBefore.get(surface) : undefined) ??
        c.resolve({
          anchor,
          narrative,
          tense: tenseAround(view.text, from, to),
          tenseWide: tenseAround(view.text, from, to, true),
        });
      if (!value) continue;
      if (stable) resolvedBefore.set(surface, value);
      if (c.explicit || NARRATIVE_MOVERS.has(c.parser)) narrative = value;
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
  const kept = dropDurations(text, dropSets(text, dropNonDates(text, cands)));
  return removeOverlaps(mergeAdjacent(text, extendModifiers(text, kept)));
}

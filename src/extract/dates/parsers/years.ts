/**
 * Bare years: "in 2013", "2021 also saw", "fiscal 1989", "1990's". A four-digit number is a year only when nothing
 * around it says otherwise: not a version ("version 2013"), an amount ("$1990", "2,013", "2000 people"), a part of a
 * longer number or identifier ("6.2013", "2013-04" is chrono's), or a path ("/2025/02/"). Both years of a range
 * ("2015-2016") count.
 */
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { YEAR } from "../vocab.ts";
import { scan, textAfter, textBefore } from "./scan.ts";

// A hyphen before the year is allowed only after "mid", "pre"/"post" ("mid-1996") or another year (the second year
// of "2015-2016"), not in "555-2013" or "A-1990". After it, only a range's second year or "-99" may follow.
const RE = new RegExp(
  `(?:(?:[Ff]iscal|FY)\\s*)?(?:(?<=\\b(?:[Mm]id|[Pp]re|[Pp]ost|${YEAR})[-–])|(?<![\\w$€£¥#@/\\\\.,:'’–-]))${YEAR}(?![\\w%/\\\\@]|[.,:]\\d|[-–](?!(?:${YEAR}|\\d\\d)\\b))`,
  "g",
);

// Words before a number that make it an identifier or a count, not a year.
const NOT_YEAR_BEFORE =
  /\b(?:version|release|v|no|nos|number|route|highway|flight|room|page|pages|model|rfc|iso|code|suite|apartment|box|channel|rule|article|section|chapter|item|of|than|about|some|nearly|almost|over|under|approximately|roughly|around|least|most|to|and|or|by)\s+$/i;
// "to", "and", "of" open ranges and counts ("from 1990 to 2000" is fine, but "1,000 to 2000 people" is not): such a
// number is kept only when it is not followed by a noun, which NOT_YEAR_AFTER checks; these words alone do not drop it.
const WEAK_BEFORE = /\b(?:of|to|and|or|by)\s+$/i;
// Prepositions of time: after them a number is a year even when a plural noun follows ("In 2013 researchers found").
const TIME_BEFORE = /\b(?:in|since|from|during|until|till|through|before|after|by|circa|early|late|mid|of)\s+$/i;
// A following unit that makes the number a quantity whatever comes before it.
const UNIT_AFTER =
  /^\s+(?:percent|per\b|people|men|women|children|feet|foot|mph|km|kg|lb|tons?|acres?|miles?|meters?|metres?|dollars?|euros?|pounds?|yen|yuan|hours?|minutes?|seconds?|times|votes?|seats?|points?|troops|soldiers|residents|employees|workers|jobs|shares|units|barrels|cars|homes|copies|lines|words|calories|degrees|member|strong|year-old|years?\s+old)\b/;
// Any plural noun after a number with no preposition of time before it: "2000 lines", "1500 protesters".
const PLURAL_AFTER = /^\s+(?!(?:was|is|has|as|its|his|this|does|us|plus|versus|thus|also|always|levels)\b)[a-z]+s\b/;

export const years: DateParser = { name: "years", gate: /\d{4}/, parse };

function parse(s: SentenceView): Candidate[] {
  return scan(years, RE, s, (m) => {
    const whole = m[0];
    const year = Number(whole.slice(-4));
    const before = textBefore(s, m.index);
    const after = textAfter(s, m.index + whole.length);
    const fiscal = whole.length > 4;
    if (!fiscal) {
      if (NOT_YEAR_BEFORE.test(before) && !WEAK_BEFORE.test(before)) return null;
      if (UNIT_AFTER.test(after)) return null;
      if (PLURAL_AFTER.test(after) && !TIME_BEFORE.test(before)) return null;
      // Inside a markdown link target or a URL: "(https://example.com/2025/...)".
      if (/(?:https?:|www\.)\S*$/.test(before)) return null;
      // Times and scores: "2000 GMT", "1500 hours".
      if (/^\s*(?:GMT|UTC|EST|EDT|PST|PDT|CET|hrs|h\b)/.test(after)) return null;
    }
    return { explicit: true, resolve: () => ({ year }) };
  });
}

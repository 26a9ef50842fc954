/**
 * Month references without a day: "January 2025", "September of 2019", "in September", "last November",
 * "That March". Day dates are chrono's; when both match, the overlap refiner keeps the longer expression. Modifiers
 * ("late November", "the beginning of October") are added by the modifiers refiner.
 */
import { narrativeYear, yearForMonth } from "../resolve.ts";
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { EVENT_NOUNS, MONTH, YEAR, monthNumber } from "../vocab.ts";
import { scan, textAfter, textBefore } from "./scan.ts";

const REL = "(?:[Ll]ast|[Tt]his|[Nn]ext|[Tt]hat|[Tt]he\\s+same|[Tt]he\\s+following|[Tt]he\\s+previous|[Tt]he\\s+past)";
const RE = new RegExp(
  `(?:(${REL})\\s+)?(${MONTH})(?![\\w-])(?:(?:,?\\s+(?:of\\s+)?)(${YEAR})(?![\\w.,]\\d|\\w)|\\s+(?:of\\s+)?(this|last|next)\\s+year\\b)?`,
  "g",
);

// Month names that are also common words or first names: alone, they count only after a word that introduces a time.
const AMBIGUOUS = new Set([3, 4, 5, 6, 8]);
const TIME_WORD_BEFORE =
  /(?:\b(?:in|since|until|till|by|from|of|during|through|throughout|before|after|between|and|or|to|on|last|this|next|that|early|late|mid|end|beginning|start|middle|same|following|previous|past)\s+|mid-)$/i;

// "a March speech", "the June vote": a month naming when an event took place, before the event's noun. A month that is
// also a name or a verb qualifies a noun too ("the May government"), so only event nouns count.
const ATTRIBUTIVE = new RegExp(`\\b(?:a|an|the|his|her|its|their|this|that)\\s+\\S+\\s+(?:${EVENT_NOUNS})\\b`, "i");

export const months: DateParser = {
  name: "months",
  gate: /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC/,
  parse,
  textStable: true,
  // A month named moves the story there, year or not: "In March ... The following month" is April.
  movesNarrative: true,
};

function parse(s: SentenceView): Candidate[] {
  return scan(months, RE, s, (m) => {
    const [whole, rel, name = "", yearText, yearRel] = m;
    const month = monthNumber(name);
    if (month === null) return null;
    // "last Oct. 23": a month with its day is a day date (chronoDates'), whatever stands before it.
    if (!yearText && !yearRel && /^\.?\s*\d{1,2}(?!\d)/.test(textAfter(s, m.index + whole.length))) return null;
    // "Mar." alone is too likely an abbreviation of something else; "May" opening a sentence is the verb.
    if (!yearText && !yearRel && !rel && whole === name) {
      const before = textBefore(s, m.index);
      const after = textAfter(s, m.index + whole.length);
      if (AMBIGUOUS.has(month) || name.length <= 4) {
        if (!TIME_WORD_BEFORE.test(before) && !ATTRIBUTIVE.test(`${before}${whole}${after}`.slice(Math.max(0, before.length - 12)))) return null;
      }
      // "May's debt", "April's husband": a possessive month that is also a name is more often the name.
      if (AMBIGUOUS.has(month) && /^['’]s\b/.test(after)) return null;
      // A month name followed by a capitalised word is part of a name ("March Madness", "April Smith").
      if (/^\s+\p{Lu}\p{Ll}/u.test(after) && !/,\s*$/.test(before)) return null;
    }
    if (yearText) {
      const year = Number(yearText);
      return { explicit: true, resolve: () => ({ year, month }) };
    }
    if (yearRel) {
      // "January this year", "July last year": the year is relative to the publication date.
      const shift = yearRel.toLowerCase() === "last" ? -1 : yearRel.toLowerCase() === "next" ? 1 : 0;
      return { resolve: (ctx) => ({ year: ctx.anchor.day.year + shift, month }) };
    }
    const r = rel?.toLowerCase().replace(/\s+/g, " ");
    return {
      resolve: (ctx) => {
        const a = ctx.anchor.day;
        switch (r) {
          case "last":
          case "the past": {
            // The most recent such month before the publication month, skipping the month just gone, which news
            // calls "last month": "last February" in a March article is the February of the year before.
            const y = month < a.month - 1 ? a.year : a.year - 1;
            return { year: y, month };
          }
          case "next": {
            const y = month > a.month ? a.year : a.year + 1;
            return { year: y, month };
          }
          case "this":
            return { year: a.year, month };
          case "that":
          case "the same":
            return { year: narrativeYear(ctx), month };
          case "the following":
          case "the previous": {
            // Relative to the narrative's month when it has one: "In May 2019 ... the following March" is 2020-03.
            const base = ctx.narrative;
            if (base?.month === undefined) return { year: narrativeYear(ctx), month };
            if (r === "the following") return { year: base.year + (month <= base.month ? 1 : 0), month };
            return { year: base.year - (month >= base.month ? 1 : 0), month };
          }
          default:
            return { year: yearForMonth(ctx, month), month };
        }
      },
    };
  });
}

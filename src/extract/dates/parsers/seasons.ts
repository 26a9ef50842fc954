/**
 * Seasons: "the summer of 2019", "summer 2019", "this summer", "last fall", "that winter". TimeML gives them a
 * season value (2019-SU), which a calendar date cannot hold, so they resolve to the year: the precision the text
 * supports. A bare "spring" or "fall" is too often a noun or verb to count without a determiner or a year.
 */
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { SEASON, YEAR } from "../vocab.ts";
import { narrativeYear } from "../resolve.ts";
import { scan, textAfter, textBefore } from "./scan.ts";

const RE = new RegExp(
  `(?:\\b(this|last|next|that|the|early|late|mid|the\\s+same|the\\s+following|the\\s+previous|in|during)\\s+)?\\b(${SEASON})(?:\\s+(?:of\\s+)?(${YEAR})\\b)?`,
  "gi",
);
const ORDER: Record<string, number> = { winter: 0, spring: 1, summer: 2, autumn: 3, fall: 3 };

export const seasons: DateParser = { name: "seasons", gate: /spring|summer|autumn|fall|winter/i, parse };

function parse(s: SentenceView): Candidate[] {
  return scan(seasons, RE, s, (m) => {
    const [whole, detRaw, seasonRaw = "", yearText] = m;
    const det = detRaw?.toLowerCase().replace(/\s+/g, " ");
    const season = seasonRaw.toLowerCase();
    const after = textAfter(s, m.index + whole.length);
    // "the fall of Rome", "spring training", "winter storm": a season word followed by "of" + non-year, or used as a
    // modifier of a noun, is not a date.
    if (!yearText && /^\s+of\b/i.test(after)) return null;
    if (!yearText && !det) return null;
    if (!yearText && (det === "the" || det === "in" || det === "during") && /^\s*[a-z]/.test(after) && !/^\s+(?:of|and|or|when|as|to|before|after)\b/.test(after)) {
      return null;
    }
    // "the fall" alone is a season only after a preposition of time: "in the fall", not "blamed for the fall".
    if (!yearText && det === "the" && !/\b(?:in|during|since|by|until|till|through|throughout|over|before|after|from|into|of)\s+$/i.test(textBefore(s, m.index))) {
      return null;
    }
    // "Suddenly Last Summer": capitalised mid-sentence, a determiner and a season are a title.
    if (/^[A-Z]/.test(detRaw ?? "") && /^[A-Z]/.test(seasonRaw) && /\S/.test(textBefore(s, m.index).replace(/["'“‘(]+$/, ""))) return null;
    // "in" and "during" are context, not part of the expression: drop them from the extent.
    const lead = det === "in" || det === "during" ? whole.indexOf(seasonRaw) : 0;
    if (yearText) {
      const year = Number(yearText);
      return { explicit: true, resolve: () => ({ year }), lead };
    }
    return {
      lead,
      resolve: (ctx) => {
        const a = ctx.anchor.day;
        const now = a.month === 12 ? 0 : Math.floor(a.month / 3); // Dec-Feb winter, Mar-May spring...
        const which = ORDER[season] ?? 0;
        if (det === "last") return { year: which < now ? a.year : a.year - 1 };
        if (det === "next") return { year: which > now ? a.year : a.year + 1 };
        if (det === "that" || det === "the same") return { year: narrativeYear(ctx) };
        if (det === "the following") return { year: narrativeYear(ctx) + (ctx.narrative ? 1 : 0) };
        if (det === "the previous") return { year: narrativeYear(ctx) - (ctx.narrative ? 1 : 0) };
        return { year: a.year };
      },
    };
  });
}

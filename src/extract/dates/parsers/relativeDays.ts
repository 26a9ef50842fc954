/**
 * The days named relative to the publication date: "today", "tonight", "yesterday", "tomorrow", and the parts of the
 * publication day ("this morning", "this afternoon"; "last night" the day before). They resolve to the day, and never
 * finer than the publication date itself is known.
 */
import { relativeDay } from "../resolve.ts";
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { ERA_NOUNS } from "../vocab.ts";
import { scan, textAfter, textBefore } from "./scan.ts";

// "today's world is ...": a possessive day word heading a subject is generic, not the publication day.
const DAY_WORDS = /\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b(?!['’]s\s+\w+(?:\s+\w+)?\s+(?:is|are|was|were)\b)/gi;
const GENERIC_CONTRAST = /\b(?:today|yesterday)['’]s\b[^.]*\btomorrow['’]s\b/i;
// The era rather than the day: "today's youth", "in today's world" ...
const ERA_AFTER = new RegExp(`^['’]s\\s+(?:${ERA_NOUNS})\\b`, "i");
// ... "many of today's personal computers" (a share of all there are now) ...
const SHARE_BEFORE = /\b(?:many|most|some|all|few|much|several|none|half)\s+of\s+$/i;
// ... "the people of tomorrow": a noun's "of tomorrow", unless it is a part of the day ("the end of today") or "as of".
const OF_BEFORE = /\b(?!(?:as|ahead|instead|out|end|start|beginning|rest|middle|close|morning|afternoon|evening|night|part|course|hours)\s)[a-z]+\s+of\s+$/i;

export const relativeDays: DateParser = {
  name: "relativeDays",
  gate: /today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night/i,
  parse,
  // A named day is what "the next day" counts from: "yesterday ... the next day".
  movesNarrative: true,
};

/**
 * "the \"Today\" show", "USA Today", "anchor of Today": capitalised inside its sentence, or alone between quotation
 * marks, the word is a name.
 */
function isTitle(s: SentenceView, index: number, word: string): boolean {
  const before = textBefore(s, index);
  const after = textAfter(s, index + word.length);
  if (/["“'‘]$/.test(before) && /^["”'’]/.test(after)) return true;
  return /^[A-Z]/.test(word) && /[\p{L}\p{N},]\s*$/u.test(before);
}

function parse(s: SentenceView): Candidate[] {
  // "today's pipe dreams can become tomorrow's standard practice": the contrast makes both generic.
  const generic = GENERIC_CONTRAST.test(s.text);
  return scan(relativeDays, DAY_WORDS, s, (m) => {
    const w = m[0].toLowerCase();
    if (generic && /^['’]s/.test(textAfter(s, m.index + m[0].length))) return null;
    if (isTitle(s, m.index, m[0])) return null;
    if (/^to(?:day|morrow)$/.test(w) && namesEra(s, m.index, m[0])) return null;
    const n = w === "yesterday" || w.startsWith("last") ? -1 : w === "tomorrow" ? 1 : 0;
    return { resolve: (ctx) => relativeDay(ctx, n) };
  });
}

/** Whether "today" or "tomorrow" stands for the present or coming era, not a day. */
function namesEra(s: SentenceView, index: number, word: string): boolean {
  const before = textBefore(s, index);
  const after = textAfter(s, index + word.length);
  if (/^['’]s\b/.test(after)) return ERA_AFTER.test(after) || SHARE_BEFORE.test(before);
  return OF_BEFORE.test(before) && !/^\s*['’]/.test(after);
}

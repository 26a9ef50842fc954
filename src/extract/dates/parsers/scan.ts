import type { CalendarValue } from "../calendar.ts";
import type { Candidate, DateParser, ResolveContext, SentenceView } from "../types.ts";

export type Resolver = (ctx: ResolveContext) => CalendarValue | null;

/**
 * Runs a global regex over a sentence and turns each match into a candidate. `make` returns the resolver (and whether
 * the expression states its own year), or null to drop the match. The whole match is the expression: context that
 * must not be part of it ("in" before a year) belongs in a lookbehind, or is skipped with `lead` (characters to drop at
 * the start) when it must be matched to decide.
 */
export function scan(
  parser: DateParser,
  re: RegExp,
  s: SentenceView,
  make: (m: RegExpExecArray) => { resolve: Resolver; explicit?: boolean; lead?: number } | null,
): Candidate[] {
  const out: Candidate[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    const made = make(m);
    if (!made) continue;
    out.push({
      start: s.offset + m.index + (made.lead ?? 0),
      end: s.offset + m.index + m[0].length,
      parser,
      explicit: made.explicit ?? false,
      resolve: made.resolve,
    });
  }
  return out;
}

/**
 * The text just before / after a match, bounded so that the context tests stay linear on pathological sentences
 * (a table or a list with no full stop can make one "sentence" of many kilobytes).
 */
const CONTEXT = 80;
export const textBefore = (s: SentenceView, index: number): string => s.text.slice(Math.max(0, index - CONTEXT), index);
export const textAfter = (s: SentenceView, index: number): string => s.text.slice(index, index + CONTEXT);

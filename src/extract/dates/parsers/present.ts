/**
 * The present: "now", "currently", "at present", "right now". TimeML marks them PRESENT_REF; a /when answer dates
 * what they hold to the publication date ("Kellogg is now suspending work": as of the day it was reported). "Now"
 * that opens a sentence and a comma after it is a discourse marker ("Now, he says, ..."), not a time.
 */
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { scan, textAfter, textBefore } from "./scan.ts";

const RE = /\b(?:(?:right\s+)?now|currently|at\s+present)\b/gi;

export const present: DateParser = { name: "present", gate: /\b(?:now|currently|at present)\b/i, parse };

function parse(s: SentenceView): Candidate[] {
  return scan(present, RE, s, (m) => {
    const before = textBefore(s, m.index);
    const after = textAfter(s, m.index + m[0].length);
    if (/^now$/i.test(m[0]) && /^\W*$/.test(before) && /^\s*,/.test(after)) return null;
    return { resolve: (ctx) => ctx.anchor.value };
  });
}

/**
 * The present: "now", "currently", "at present", "nowadays". TimeML marks them as DATE with the value PRESENT_REF;
 * for the knowledge base they are the publication date, which is what "now" means in a news article.
 * "now" as a discourse marker ("Now, ...") opening a sentence is not a time and is left out.
 */
import type { Candidate, SentenceView } from "../types.ts";
import { scan } from "./scan.ts";

const RE = /\b(?:now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment)\b/gi;

/** Cheap test run first: most sentences hold none of these words, and the full patterns are slower. */
const GATE = /now|current|present|moment|these days/i;

export function present(s: SentenceView): Candidate[] {
  if (!GATE.test(s.text)) return [];
  return scan("present", RE, s, (m) => {
    const w = m[0].toLowerCase();
    const before = s.text.slice(0, m.index);
    const after = s.text.slice(m.index + m[0].length);
    if (w === "now") {
      // "Now, ..." and "now that ..." are discourse, "right now" keeps "now", "until now"/"by now" are spans.
      if (/^\W*$/.test(before) && /^\s*,/.test(after)) return null;
      if (/^\s+that\b/i.test(after)) return null;
      if (/\b(?:until|till|up\s+to|by|from|since)\s+$/i.test(before)) return null;
    }
    return { resolve: (ctx) => ctx.anchor.value };
  });
}

import { HONORIFICS } from "../../lexicon/people.ts";
import { isPersonNoun } from "../../lexicon/words.ts";

// Shared by the per-article choice and the corpus-wide merge, so both prefer the same kind of statement.


/**
 * How informative a description is: a role noun ("maintainer", "engineer") and an affiliation ("of the X project",
 * "Intel's", a capitalised name) each count; very short and very long phrases count less.
 */
export function descriptionScore(description: string): number {
  const d = description.trim();
  // An honorific says nothing about a role: never a description on its own.
  if (!d || HONORIFICS.has(d.toLowerCase().replace(/\.$/, ""))) return -1;
  const words = d.split(/\s+/);
  let score = 0;
  if (words.some((w) => isPersonNoun(w.replace(/[^\p{L}-]/gu, "")))) score += 2;
  if (/\b(?:of|for|at|on|with)\s/i.test(d) || words.slice(1).some((w) => /^\p{Lu}/u.test(w)) || /'s\b/.test(d)) score += 1;
  if (/^(?:who\s)?(?:leads|maintains|runs|heads|founded|created|manages|directs|oversees|chairs)\b/i.test(d)) score += 1;
  score += Math.min(words.length, 8) / 8;
  // "one of Linux kernel's most respected maintainers" says less than "the Linux stable release maintainer".
  if (/^one of\b|\bmost\b|\bbest\b|\b\p{Ll}+est\b/iu.test(d)) score -= 1.5;
  if (words.length > 14) score -= (words.length - 14) / 4;
  return score;
}

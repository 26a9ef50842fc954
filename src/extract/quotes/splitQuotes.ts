import type { Candidate } from "./candidate.ts";

/**
 * Joins `"A," Ojeda acknowledged, "B."` into one quote: the first part ends without a full stop, only the
 * attribution clause and a comma stand between the parts, so the sentence (and the utterance) continues.
 */
export function mergeSplitQuotes(text: string, candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const prev = out[out.length - 1];
    if (prev && continues(text, prev, c)) {
      out[out.length - 1] = { ...prev, end: c.end, text: `${prev.text} ${c.text}` };
      continue;
    }
    out.push(c);
  }
  return out;
}

function continues(text: string, first: Candidate, second: Candidate): boolean {
  if (first.paragraph !== second.paragraph || first.attributionSide !== "after" || !first.attribution) return false;
  if (first.attribution.form !== "direct" || second.attributionSide === "after") return false;
  const inner = text.slice(first.start, first.end).replace(/"\s*$/, "");
  if (/[.!?]$/.test(inner.trim())) return false;
  const between = text.slice(first.end + first.attribution.length, second.start);
  return /^\s*[,:]\s*$/.test(between);
}

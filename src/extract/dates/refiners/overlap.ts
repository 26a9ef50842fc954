/**
 * Keeps one expression where several overlap: the longest ("Sept. 20, 2021" over "2021", "late November 1999" over
 * "November"), then the earliest found. This is what chrono's own OverlapRemovalRefiner does, across our parsers.
 */
import type { Candidate } from "../types.ts";

export function removeOverlaps(cands: Candidate[]): Candidate[] {
  const byLength = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

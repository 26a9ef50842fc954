/**
 * Keeps one expression where several overlap: the longest ("Sept. 20, 2021" over "2021", "late November 1999" over
 * "November"), then the earliest found. This is what chrono's own OverlapRemovalRefiner does, across our parsers.
 * Candidates are first cut into runs that overlap each other, so the greedy choice stays cheap even when a
 * sentence is huge.
 */
import type { Candidate } from "../types.ts";

export function removeOverlaps(_text: string, cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let run: Candidate[] = [];
  let runEnd = -1;
  for (const c of sorted) {
    if (c.start >= runEnd && run.length) {
      kept.push(...longestFirst(run));
      run = [];
    }
    run.push(c);
    runEnd = Math.max(runEnd, c.end);
  }
  if (run.length) kept.push(...longestFirst(run));
  return kept;
}

function longestFirst(run: Candidate[]): Candidate[] {
  if (run.length === 1) return run;
  const byLength = [...run].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

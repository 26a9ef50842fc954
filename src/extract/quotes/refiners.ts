import type { Candidate } from "./candidate.ts";

const words = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Whether a candidate is reported speech worth keeping. */
export function keepQuote(c: Candidate): boolean {
  const n = words(c.text);
  if (n === 0) return false;
  // A fragment inside reported speech ("X said the plan was "a disaster"") is the reporter's sentence, not a quote.
  if (c.attribution?.form === "partial") return false;
  if (c.attribution) return true;
  return c.inherited && c.standalone && n >= 3;
}

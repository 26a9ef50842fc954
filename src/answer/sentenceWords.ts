/**
 * The words of a sentence as the /when rankers read them (folded tokens and their index terms), kept for the few
 * hundred sentences last read: one question reads the same sentences in several passes (dated, dateless, agreement).
 */
import { indexTerm, tokenize } from "./text.ts";

export interface SentenceWords {
  /** Folded tokens, as `tokenize` gives them. */
  tokens: string[];
  /** The index term of each token (null for a stop word). */
  terms: (string | null)[];
}

const MAX_KEPT = 512;
const kept = new Map<string, SentenceWords>();

export function sentenceWords(text: string): SentenceWords {
  let w = kept.get(text);
  if (w) return w;
  const tokens = tokenize(text);
  w = { tokens, terms: tokens.map(indexTerm) };
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(text, w);
  return w;
}

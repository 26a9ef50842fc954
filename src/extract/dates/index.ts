import type { ArticleText, ExtractedDate } from "../types.ts";

/** Finds date expressions and resolves them to ISO dates. (First version: finds none.) */
export function extractDates(_article: ArticleText): ExtractedDate[] {
  return [];
}

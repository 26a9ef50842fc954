import type { ArticlePeople, ArticleText, ExtractedQuote } from "../types.ts";

/** Finds direct quotes and their speakers. (First version: finds none.) */
export function extractQuotes(_article: ArticleText, _people: ArticlePeople): ExtractedQuote[] {
  return [];
}

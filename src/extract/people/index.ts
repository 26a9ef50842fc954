import type { ArticlePeople, ArticleText } from "../types.ts";

/** Finds the people an article names, with aliases, descriptions and mentions. (First version: finds none.) */
export function extractPeople(_article: ArticleText): ArticlePeople {
  return { people: [], mentions: [], resolve: () => null };
}

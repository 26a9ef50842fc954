import type { ArticleText } from "../types.ts";
import type { PersonDraft } from "./cluster.ts";

/** The role or affiliation the article states for the person ("" when none). First version: titles only. */
export function describe(_article: ArticleText, p: PersonDraft): string {
  return p.occurrences.find((o) => o.title)?.title ?? "";
}

import type { PersonMention } from "../types.ts";
import type { Candidate } from "./candidates.ts";
import type { PersonDraft } from "./cluster.ts";
import { foldName } from "../../lexicon/fold.ts";
import { isTitleWord } from "../../lexicon/people.ts";
import { sameFullName, stripPossessive } from "./names.ts";

/** Every occurrence of every person as a mention (surface text includes a possessive: "Rostedt's"), by offset. */
export function buildMentions(text: string, people: PersonDraft[]): PersonMention[] {
  const out: PersonMention[] = [];
  people.forEach((p, person) => {
    for (const o of p.occurrences) {
      const last = o.tokens[o.to - 1] as Candidate["tokens"][number];
      const end = last.end;
      out.push({ start: o.start, end, text: text.slice(o.start, end), person });
    }
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Folded words of a surface form with titles and possessive dropped: "Mr. Hellwig's" → ["hellwig"]. */
export function surfaceWords(surface: string): string[] {
  const words = foldName(surface)
    .split(/[\s]+/)
    .map((w) => stripPossessive(w.replace(/^[^\p{L}]+|[^\p{L}'-]+$/gu, "")))
    .filter(Boolean);
  while (words.length > 1 && isTitleWord(words[0] as string)) words.shift();
  // Initials do not decide identity: "Donald J. Trump" is "Donald Trump".
  return words.filter((w, i) => i === 0 || w.length > 1);
}

/**
 * Resolves a surface form to a person: exact forms first, then a compatible full name, then a unique surname or
 * first name; when several people share it, the one the article mentions most.
 */
export function makeResolver(people: PersonDraft[], forms: string[][]): (surface: string) => number | null {
  const exact = new Map<string, number>();
  forms.forEach((list, i) => {
    for (const f of list) {
      const key = surfaceWords(f).join(" ");
      if (!exact.has(key) || (people[exact.get(key) as number]?.occurrences.length ?? 0) < (people[i]?.occurrences.length ?? 0))
        exact.set(key, i);
    }
  });
  return (surface: string): number | null => {
    const words = surfaceWords(surface);
    if (words.length === 0) return null;
    const hit = exact.get(words.join(" "));
    if (hit !== undefined) return hit;
    const ranked = people.map((p, i) => ({ p, i })).sort((a, b) => b.p.occurrences.length - a.p.occurrences.length || a.i - b.i);
    if (words.length > 1) return ranked.find(({ p }) => sameFullName(words, p.words))?.i ?? null;
    const w = words[0] as string;
    const bySurname = ranked.find(({ p }) => p.words.slice(1).includes(w) || (p.words.length === 1 && p.words[0] === w));
    if (bySurname) return bySurname.i;
    return ranked.find(({ p }) => p.words[0] === w)?.i ?? null;
  };
}

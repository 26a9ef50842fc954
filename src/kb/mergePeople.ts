import type { LocalPerson } from "../extract/types.ts";
import type { KbPerson } from "./types.ts";

export interface ArticlePeopleInput {
  article: string;
  people: LocalPerson[];
}

export interface MergedPeople {
  people: KbPerson[];
  /** Canonical corpus-wide name for a local person name in an article. */
  canonical(article: string, localName: string): string;
}

/** Merges the people of every article into corpus-wide people. (First version: by identical name only.) */
export function mergePeople(inputs: ArticlePeopleInput[]): MergedPeople {
  const byName = new Map<string, KbPerson>();
  for (const { article, people } of inputs) {
    for (const p of people) {
      let person = byName.get(p.name);
      if (!person) {
        person = { name: p.name, description: p.description, aliases: [], articles: [], mentions: [] };
        byName.set(p.name, person);
      }
      if (!person.description && p.description) person.description = p.description;
      for (const a of p.aliases) if (!person.aliases.includes(a)) person.aliases.push(a);
      if (!person.articles.includes(article)) person.articles.push(article);
      for (const s of p.sentences) person.mentions.push({ article, sentence: s });
    }
  }
  return { people: [...byName.values()], canonical: (_article, name) => name };
}

// The people merge: every article's people made into corpus-wide people. The names as it compares them are
// nameForms.ts, its groups personGroups.ts, the people made of them mergedPeople.ts, what a live corpus keeps of
// one merge for the next mergeMemo.ts.
import { sameFullName } from "../extract/people/names.ts";
import { foldName } from "../lexicon/fold.ts";
import type { LocalPerson } from "../extract/types.ts";
import { build, type MergedPeople } from "./mergedPeople.ts";
import type { MergeMemo } from "./mergeMemo.ts";
import { misspelling, wordsOf } from "./nameForms.ts";
import { formsOf, GroupIndex, shareArticle, type Entry, type Group } from "./personGroups.ts";

export interface ArticlePeopleInput {
  article: string;
  people: LocalPerson[];
}

/**
 * Merges the people of every article into corpus-wide people: same or compatible full names ("Wedson Almeida" /
 * "Wedson Almeida Filho", "Feng Boqun" / "Boqun Feng"), small misspellings of a surname ("Rosted" / "Rostedt"),
 * then one-word people ("Torvalds") into the one full-named person they can only mean. Deterministic.
 */
export function mergePeople(inputs: ArticlePeopleInput[], memo?: MergeMemo): MergedPeople {
  const entries: Entry[] = [];
  inputs.forEach(({ article, people }, articleIndex) =>
    people.forEach((person) =>
      entries.push({ article, articleIndex, person, words: wordsOf(person).words, order: entries.length }),
    ),
  );
  const index = new GroupIndex();
  // Fullest names first, so that shorter forms meet the full name they belong to.
  const full = entries.filter((e) => e.words.length >= 2).sort((a, b) => b.words.length - a.words.length || a.order - b.order);
  for (const e of full) {
    const forms = formsOf(e);
    const home = index.near(forms).find((g) => g.forms.some((f) => forms.some((x) => sameFullName(x, f))));
    if (home) index.add(home, e);
    else index.create(e, forms);
  }
  // Misspellings: "Steven Rosted" joins "Steven Rostedt" when only that group is close enough, and the two never
  // appear in the same article (an article naming both "John Kerry" and "John Terry" means two people).
  for (const g of [...index.groups].reverse()) {
    const close = index
      .near(g.forms)
      .filter((h) => h !== g && g.forms.some((f) => h.forms.some((x) => misspelling(f, x))) && !shareArticle(g, h));
    if (close.length === 1) index.merge(g, close[0] as Group);
  }
  for (const e of entries.filter((x) => x.words.length < 2)) {
    const w = e.words[0] ?? "";
    // "J Robinson" can be Jason Robinson, not Andy Robinson.
    const initial = /^(\p{L})\.?\s/u.exec(foldName(e.person.name))?.[1];
    const near = index.near([[w]]).filter((g) => !initial || g.forms.some((f) => f.length >= 2 && f[0]?.startsWith(initial)));
    const bySurname = near.filter((g) => g.forms.some((f) => f.length >= 2 && f.slice(1).includes(w)));
    const byFirst = near.filter((g) => g.forms.some((f) => f.length >= 2 && f[0] === w));
    const only = bySurname.length === 1 ? bySurname[0] : bySurname.length === 0 && byFirst.length === 1 ? byFirst[0] : undefined;
    const same = near.find((g) => g.forms.some((f) => f.length === 1 && f[0] === w));
    if (only) index.add(only, e);
    else if (same) index.add(same, e);
    else index.create(e, [[w]]);
  }
  return build(index.groups, memo);
}

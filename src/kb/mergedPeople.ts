// The corpus-wide people made of the merge's groups (mergePeople.ts): each one's name, aliases, description,
// articles and mentions, and the name it goes by for each article's own name of it.
import { descriptionScore } from "../extract/people/descriptionScore.ts";
import { foldName } from "../lexicon/fold.ts";
import type { MergeMemo } from "./mergeMemo.ts";
import { isSuffix, nameWords } from "./nameForms.ts";
import type { Entry, Group } from "./personGroups.ts";
import type { KbPerson } from "./types.ts";

export interface MergedPeople {
  people: KbPerson[];
  /** Canonical corpus-wide name for a local person name in an article. */
  canonical(article: string, localName: string): string;
}

/** A form is a canonical-name candidate when at least 1/MIN_NAME_SUPPORT as many articles use it as the commonest. */
const MIN_NAME_SUPPORT = 4;

/** The people of the groups, in the order of their first article person, reusing what `memo` kept of the last merge. */
export function build(groups: Group[], memo?: MergeMemo): MergedPeople {
  const byLocal = new Map<string, string>();
  const people: { person: KbPerson; first: number }[] = groups.map((g) => {
    const entries = [...g.entries].sort((a, b) => a.order - b.order);
    const key = memo?.key(entries);
    const known = key === undefined ? undefined : memo?.get(key);
    if (known) {
      for (const e of entries) byLocal.set(`${e.article}\u0000${e.person.name}`, known.name);
      memo?.set(key as string, known);
      return { person: known, first: entries[0]?.order ?? 0 };
    }
    const name = canonicalName(entries);
    const aliases: string[] = [];
    const seen = new Set([foldName(name)]);
    for (const e of entries) {
      for (const n of [e.person.name, ...e.person.aliases]) {
        if (seen.has(foldName(n))) continue;
        seen.add(foldName(n));
        aliases.push(n);
      }
      byLocal.set(`${e.article}\u0000${e.person.name}`, name);
    }
    const description = chooseDescription(entries.map((e) => e.person.description));
    const articles = [...new Set(entries.map((e) => e.article))];
    const mentions = entries.flatMap((e) => e.person.sentences.map((s) => ({ article: e.article, sentence: s, at: e.articleIndex })));
    mentions.sort((a, b) => a.at - b.at || a.sentence - b.sentence);
    const unique = mentions.filter((m, i) => i === 0 || m.at !== mentions[i - 1]!.at || m.sentence !== mentions[i - 1]!.sentence);
    const articleOrder = new Map(entries.map((e) => [e.article, e.articleIndex]));
    articles.sort((a, b) => (articleOrder.get(a) ?? 0) - (articleOrder.get(b) ?? 0));
    const person = { name, description, aliases, articles, mentions: unique.map(({ article, sentence }) => ({ article, sentence })) };
    if (key !== undefined) memo?.set(key, person);
    return { person, first: entries[0]?.order ?? 0 };
  });
  memo?.done();
  people.sort((a, b) => a.first - b.first);
  return {
    people: people.map((p) => p.person),
    canonical: (article, localName) => byLocal.get(`${article}\u0000${localName}`) ?? localName,
  };
}

/**
 * The fullest form: most name words, then the form most articles use, then the first seen. A form only one article
 * in many uses is not a candidate: it is more likely a headline run ("Donald Trump Calls") than a fuller name.
 */
function canonicalName(entries: Entry[]): string {
  const support = new Map<string, Set<string>>();
  for (const e of entries) {
    let articles = support.get(e.person.name);
    if (!articles) support.set(e.person.name, (articles = new Set()));
    articles.add(e.article);
  }
  const most = Math.max(...[...support.values()].map((s) => s.size));
  const names = [...support.keys()].filter((n) => (support.get(n)?.size ?? 0) * MIN_NAME_SUPPORT >= most);
  const words = (n: string): number => nameWords(n).length + (isSuffix(foldName(n).split(" ").pop() ?? "") ? 0.5 : 0);
  const uses = (n: string): number =>
    entries.filter((e) => e.person.name === n).reduce((sum, e) => sum + Math.max(1, e.person.sentences.length), 0);
  return names.sort((a, b) => words(b) - words(a) || uses(b) - uses(a))[0] ?? "";
}

/**
 * The most informative description, counting how many articles state it: one article's long aside ("enthusiastic
 * proponent of talks to bring Turkey ...") should not beat what thirty articles say ("Prime Minister").
 */
function chooseDescription(descriptions: string[]): string {
  const counts = new Map<string, number>();
  for (const d of descriptions) if (d) counts.set(d.toLowerCase(), (counts.get(d.toLowerCase()) ?? 0) + 1);
  let best = "";
  let bestScore = -Infinity;
  for (const d of descriptions) {
    if (!d || descriptionScore(d) < 0) continue;
    const score = descriptionScore(d) + 1.5 * Math.log2(counts.get(d.toLowerCase()) ?? 1);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

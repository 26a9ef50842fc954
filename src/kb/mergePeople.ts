import { descriptionScore } from "../extract/people/descriptionScore.ts";
import { sameFullName } from "../extract/people/names.ts";
import { foldName } from "../lexicon/fold.ts";
import { NAME_SUFFIXES } from "../lexicon/people.ts";
import { editDistance } from "../util/editDistance.ts";
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

/** One article's view of a person, with the folded words used for matching. */
interface Entry {
  article: string;
  articleIndex: number;
  person: LocalPerson;
  /** Folded name words without initials and generational suffixes ("wedson", "almeida"). */
  words: string[];
  order: number;
}

interface Group {
  entries: Entry[];
  /** Every folded multi-word form the group's members use (names and aliases). */
  forms: string[][];
}

const isSuffix = (word: string): boolean => NAME_SUFFIXES.has(word.replace(/\.$/, ""));

/**
 * What the merge works out of one article's person and keeps while that object lives (a live corpus merges every
 * article's people again after each update, the same objects but for the articles that changed): the folded words
 * of its name and its multi-word forms. Never changed once made.
 */
interface PersonWords {
  words: string[];
  forms: string[][];
}
const personWords = new WeakMap<LocalPerson, PersonWords>();

function wordsOf(person: LocalPerson): PersonWords {
  let known = personWords.get(person);
  if (!known) {
    const words = nameWords(person.name);
    const forms = [words, ...person.aliases.map(nameWords).filter((w) => w.length >= 2)];
    personWords.set(person, (known = { words, forms }));
  }
  return known;
}

function nameWords(name: string): string[] {
  const words = foldName(name).split(" ").filter((w) => w && !/^\p{L}\.?$/u.test(w));
  while (words.length > 2 && isSuffix(words[words.length - 1] as string)) words.pop();
  return words;
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

/**
 * The people one merge made, by the article people each was made of, for the next merge of a live corpus: a person
 * whose group holds the same article people in the same order comes out the same, so it is taken as it was (a
 * change touches a few groups; making every person again was a third of a merge at 10,000 articles).
 */
export class MergeMemo {
  private readonly ids = new WeakMap<LocalPerson, number>();
  private next = 0;
  private previous = new Map<string, KbPerson>();
  private made = new Map<string, KbPerson>();

  /** The key of a group's entries (sorted by order): the identities of their article people. */
  key(entries: readonly Entry[]): string {
    let key = "";
    for (const e of entries) {
      let id = this.ids.get(e.person);
      if (id === undefined) this.ids.set(e.person, (id = this.next++));
      key += `${id},`;
    }
    return key;
  }

  get(key: string): KbPerson | undefined {
    return this.previous.get(key);
  }

  set(key: string, person: KbPerson): void {
    this.made.set(key, person);
  }

  /** Ends a merge: what it made is what the next one may reuse. */
  done(): void {
    this.previous = this.made;
    this.made = new Map();
  }
}

/**
 * The groups, indexed by every word of their forms, so each name is compared only with groups that share a word
 * (every merge rule needs one: first name, surname, or both reversed). Keeps large corpora near-linear.
 */
class GroupIndex {
  groups: Group[] = [];
  private byWord = new Map<string, Set<Group>>();
  private order = new Map<Group, number>();

  /** Groups sharing a word with the forms, in creation order (so the choice among them is deterministic). */
  near(forms: string[][]): Group[] {
    let found: Set<Group> | undefined;
    let only: Set<Group> | undefined;
    for (const f of forms) {
      for (const w of f) {
        const groups = this.byWord.get(w);
        if (!groups || groups.size === 0 || groups === only) continue;
        if (!only && !found) only = groups;
        else {
          found ??= new Set(only);
          for (const g of groups) found.add(g);
        }
      }
    }
    const list = found ? [...found] : only ? [...only] : [];
    return list.length > 1 ? list.sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0)) : list;
  }

  create(e: Entry, forms: string[][]): void {
    const g: Group = { entries: [e], forms };
    this.order.set(g, this.order.size);
    this.groups.push(g);
    this.indexForms(g, forms);
  }

  add(g: Group, e: Entry): void {
    g.entries.push(e);
    const added = formsOf(e).filter((f) => !g.forms.some((x) => x.join(" ") === f.join(" ")));
    g.forms.push(...added);
    this.indexForms(g, added);
  }

  /** Moves every entry of `from` into `into` and drops `from`. */
  merge(from: Group, into: Group): void {
    for (const e of from.entries) this.add(into, e);
    this.groups = this.groups.filter((g) => g !== from);
    for (const f of from.forms) for (const w of f) this.byWord.get(w)?.delete(from);
  }

  private indexForms(g: Group, forms: string[][]): void {
    for (const f of forms) {
      for (const w of f) {
        const set = this.byWord.get(w) ?? new Set<Group>();
        set.add(g);
        this.byWord.set(w, set);
      }
    }
  }
}

/** The entry's forms: a new list (a group's forms grow as entries join it), of words shared and never changed. */
function formsOf(e: Entry): string[][] {
  return [...wordsOf(e.person).forms];
}

/**
 * Same first name, surname one or two letters off, and long enough that such a slip is not a different name; or
 * the same long surname with a first name missing or doubling a final letter ("Barnet" / "Barnett").
 */
function misspelling(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  if (a[0] !== b[0]) {
    const [p, q] = [a[0] as string, b[0] as string];
    const [x, y] = q.length < p.length ? [q, p] : [p, q];
    if (!(x.length >= 5 && y.length === x.length + 1 && y.startsWith(x))) return false;
    return (a[a.length - 1] as string).length >= 5 && sameWords(a, b, 1, a.length);
  }
  if (!sameWords(a, b, 0, a.length - 1)) return false;
  const x = a[a.length - 1] as string;
  const y = b[b.length - 1] as string;
  // Two letters only in long surnames ("Khodorkovsky" / "Khordokovsky"); one in shorter ones ("Rostedt" /
  // "Rosted"), since "Blair" / "Bland", "Kelly" / "Kerry" or "Williams" / "Willis" are different names. Slips
  // keep the first letter.
  const longer = Math.max(x.length, y.length);
  return longer >= 5 && x[0] === y[0] && editDistance(x, y) <= (longer >= 10 ? 2 : 1);
}

/** Whether two forms have the same words from `from` to `to` (words hold no spaces: as their joined text). */
function sameWords(a: readonly string[], b: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A form is a canonical-name candidate when at least 1/MIN_NAME_SUPPORT as many articles use it as the commonest. */
const MIN_NAME_SUPPORT = 4;

function shareArticle(a: Group, b: Group): boolean {
  const articles = new Set(a.entries.map((e) => e.article));
  return b.entries.some((e) => articles.has(e.article));
}

function build(groups: Group[], memo?: MergeMemo): MergedPeople {
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

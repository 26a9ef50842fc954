// The groups of article people the merge (mergePeople.ts) makes, each one corpus-wide person, indexed by the words
// of their names so that a name is compared only with the groups it could belong to.
import type { LocalPerson } from "../extract/types.ts";
import { wordsOf } from "./nameForms.ts";

/** One article's view of a person, with the folded words used for matching. */
export interface Entry {
  article: string;
  articleIndex: number;
  person: LocalPerson;
  /** Folded name words without initials and generational suffixes ("wedson", "almeida"). */
  words: string[];
  order: number;
}

export interface Group {
  entries: Entry[];
  /** Every folded multi-word form the group's members use (names and aliases). */
  forms: string[][];
}

/**
 * The groups, indexed by every word of their forms, so each name is compared only with groups that share a word
 * (every merge rule needs one: first name, surname, or both reversed). Keeps large corpora near-linear.
 */
export class GroupIndex {
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
export function formsOf(e: Entry): string[][] {
  return [...wordsOf(e.person).forms];
}

/** Whether any article names a person of both groups. */
export function shareArticle(a: Group, b: Group): boolean {
  const articles = new Set(a.entries.map((e) => e.article));
  return b.entries.some((e) => articles.has(e.article));
}

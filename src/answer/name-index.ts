import type { KbPerson } from "../kb/types.ts";
import { nameTokens, tokenMatch } from "./names.ts";
import { editDistance } from "../util/editDistance.ts";
import { fold } from "./text.ts";
import { eachSliced, runAtOnce, sortedSliced, type Sliced } from "../util/slices.ts";

// A person's names as tokens, worked out once per person: a live corpus builds a name index for every snapshot, and
// keeps the objects of the people an update did not change.
const names = new WeakMap<KbPerson, { forms: string[][]; folded: string }>();

function namesOf(p: KbPerson): { forms: string[][]; folded: string } {
  let known = names.get(p);
  if (!known) names.set(p, (known = { forms: [p.name, ...p.aliases].map(nameTokens).filter((t) => t.length > 0), folded: fold(p.name) }));
  return known;
}

interface NameParts {
  forms: string[][][];
  folded: string[];
  byToken: Map<string, Set<number>>;
  tokens: string[];
  byShape: Map<string, string[]>;
}

function* nameParts(people: KbPerson[]): Sliced<NameParts> {
  const forms: string[][][] = [];
  const folded: string[] = [];
  const byToken = new Map<string, Set<number>>();
  yield* eachSliced(people, (p, person) => {
    const known = namesOf(p);
    forms.push(known.forms);
    folded.push(known.folded);
    for (const form of known.forms) {
      // "T'so" is also typed "tso": the spelling without apostrophes is a token of the name too.
      const spellings = [...form, form.join("")].flatMap((t) => (t.includes("'") ? [t, t.replace(/'/g, "")] : [t]));
      for (const t of spellings) {
        let set = byToken.get(t);
        if (!set) byToken.set(t, (set = new Set()));
        set.add(person);
      }
    }
  });
  const tokens = yield* sortedSliced([...byToken.keys()], (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byShape = new Map<string, string[]>();
  yield* eachSliced(tokens, (t) => {
    const key = `${t[0]}${t.length}`;
    const list = byShape.get(key);
    if (list) list.push(t);
    else byShape.set(key, [t]);
  }, 4096);
  return { forms, folded, byToken, tokens, byShape };
}

/** A name index as plain data (NameIndex.saved), for the startup cache: restoring it tokenises no name and sorts nothing. */
export interface SavedNames {
  forms: string[][][];
  folded: string[];
  /** Distinct name tokens, sorted. */
  tokens: string[];
  /** The people of each token, at the token's index. */
  people: number[][];
}

/**
 * Every name token of every person, indexed once, so a name query or an autocomplete prefix looks at the few
 * people whose names could match instead of scoring every person in the corpus.
 */
export class NameIndex {
  /** Per person: each of their names as tokens. */
  readonly forms: string[][][];
  /** Per person: the folded canonical name. */
  readonly folded: string[];
  private readonly byToken: Map<string, Set<number>>;
  /** Distinct name tokens, sorted, for prefix ranges. */
  private readonly tokens: string[];
  /**
   * Distinct name tokens by first letter and length: near misses are looked for only among tokens of a similar
   * length that start with the same letter (slips rarely hit the first letter, and scanning every token of a
   * large corpus for each typed word is what made name lookups slow).
   */
  private readonly byShape = new Map<string, string[]>();

  constructor(people: KbPerson[], parts: NameParts = runAtOnce(nameParts(people))) {
    ({ forms: this.forms, folded: this.folded, byToken: this.byToken, tokens: this.tokens, byShape: this.byShape } = parts);
  }

  /** The same index, built in slices (a live corpus builds one for every snapshot while the bot answers). */
  static *sliced(people: KbPerson[]): Sliced<NameIndex> {
    return new NameIndex(people, yield* nameParts(people));
  }

  /** The index as plain data (see SavedNames). */
  saved(): SavedNames {
    return { forms: this.forms, folded: this.folded, tokens: this.tokens, people: this.tokens.map((t) => [...(this.byToken.get(t) ?? [])]) };
  }

  /** The index saved from these people (what a warm start loads instead of building it: 0.1-0.2 s at 10,000 articles). */
  static restore(people: KbPerson[], saved: SavedNames): NameIndex {
    if (saved.forms.length !== people.length || saved.tokens.length !== saved.people.length) throw new Error("name index: the saved index is not of these people");
    const byToken = new Map<string, Set<number>>();
    const byShape = new Map<string, string[]>();
    saved.tokens.forEach((t, i) => {
      byToken.set(t, new Set(saved.people[i]));
      const key = `${t[0]}${t.length}`;
      const list = byShape.get(key);
      if (list) list.push(t);
      else byShape.set(key, [t]);
    });
    return new NameIndex(people, { forms: saved.forms, folded: saved.folded, byToken, tokens: saved.tokens, byShape });
  }

  /** Name tokens starting like `word` whose length is within `spread` of its length. */
  private *similar(word: string, spread: number): Iterable<string> {
    for (let l = Math.max(1, word.length - spread); l <= word.length + spread; l++) yield* this.byShape.get(`${word[0]}${l}`) ?? [];
  }

  /** People with a name token that `query` matches exactly, as a prefix, or within a letter or two. */
  peopleMatching(query: string): Set<number> {
    const out = new Set<number>();
    const add = (t: string) => this.byToken.get(t)?.forEach((p) => out.add(p));
    for (const t of this.withPrefix(query.length >= 3 ? query : `${query}\u0000`)) add(t);
    add(query);
    if (query.length >= 4) {
      for (const t of this.similar(query, 2)) if (tokenMatch(query, t) > 0) add(t);
    }
    return out;
  }

  /** People with `token` itself as a name token (or as one written without its apostrophes). */
  peopleNamed(token: string): ReadonlySet<number> | undefined {
    return this.byToken.get(token);
  }

  /** People every query token could belong to: the only ones worth scoring. */
  candidates(queryTokens: string[]): number[] {
    let result: number[] | undefined;
    for (const q of queryTokens) {
      const matching = this.peopleMatching(q);
      result = result === undefined ? [...matching] : result.filter((p) => matching.has(p));
      if (result.length === 0) return [];
    }
    return result ?? [];
  }

  /** People with a name token within `max` edits of `query` (same first letter), with the smallest distance found. */
  peopleNear(query: string, max: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const t of this.similar(query, max)) {
      const d = editDistance(query, t, max);
      if (d > max) continue;
      this.byToken.get(t)?.forEach((p) => out.set(p, Math.min(d, out.get(p) ?? d)));
    }
    return out;
  }

  /** Name tokens starting with `prefix` (a binary search, then a walk). */
  withPrefix(prefix: string): string[] {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tokens[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.tokens.length && (this.tokens[i] as string).startsWith(prefix); i++) out.push(this.tokens[i] as string);
    return out;
  }
}

/**
 * Role questions ("who leads the X project", "who is the governor of Indiana", "who is Clinton's campaign chairman"):
 * the person the text gives that role. A role is given next to a name: before it ("FBI Director James Comey", "Gov.
 * Mike Pence"), in an apposition after it ("Noah Oppenheim, the NBC executive in charge of Today"), in a relative
 * clause ("Miguel Ojeda, who leads this endeavour"), by the verb after it ("Wróbel designed the route"), or in the
 * person's stated description. A name in the possessive names the role's owner, not its holder ("Clinton's campaign
 * chairman John Podesta"). Words of the question stated elsewhere in the sentence, in the sentences around it or in
 * the article's title ("of Aer Lingus" in an article about it) count for less.
 */
import type { KbPerson } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { ownDescription, roleWindow, words, type Word } from "./roleWindow.ts";
import { abbreviable, spelledOut } from "./roleWords.ts";
import type { QueryPlan, QueryTerm } from "./queryPlan.ts";
import { matchPartially } from "./statements.ts";
import { indexTerm, tokenize } from "./text.ts";

export interface RoleHolder {
  index: number;
  person: KbPerson;
  score: number;
}

/** Share of the question's weight a role statement must hold; and how many sentences are read closely. */
const FLOOR = 0.6;
const READ = 40;
const MAX_CANDIDATES = 1500;
/** What a question's word counts for when found in the sentence or the article, but not next to the name. */
const NEARBY = 0.35;


export interface RoleQuestion extends QueryPlan {
  /**
   * The term of the role itself: the verb of "who leads X", or the last noun of "the chief financial officer of X"
   * before its complement. It must stand next to the name; the rest ("of Indiana") may be stated nearby.
   */
  head: string | undefined;
  /** The question with a run of its words abbreviated as the news writes them, to find the sentences that do. */
  abbreviated: QueryPlan[];
}

const BE = new Set(["is", "was", "are", "were", "'s", "s", "be", "been"]);
const COMPLEMENT = new Set(["of", "in", "at", "for", "from", "with", "on", "to", "behind", "over"]);

/**
 * The terms of a role question, each once, with initials spelled out ("CFO") and question words left out; and the
 * same question as the news may abbreviate it ("governor" as "Gov.", "chief financial officer" as "CFO"), since the
 * index holds the abbreviation as written.
 */
export function rolePlan(query: string, idf: (term: string) => number, questionWords: ReadonlySet<string>): RoleQuestion {
  const all = tokenize(query);
  const asked = all.filter((w) => !questionWords.has(w));
  // "who leads X": the verb; "who is the governor of X": the last word before the complement.
  const verbFirst = questionWords.has(all[0] ?? "") && asked[0] !== undefined && !BE.has(asked[0]) && indexTerm(asked[0]) !== null;
  const complement = asked.findIndex((w, i) => i > 0 && COMPLEMENT.has(w));
  const phrase = verbFirst ? asked.slice(0, 1) : asked.slice(0, complement > 0 ? complement : asked.length);
  const headWord = [...phrase].reverse().map((w) => spelledOut(w)?.at(-1) ?? w).find((w) => indexTerm(w) !== null);
  const spelled = asked.flatMap((w) => spelledOut(w) ?? [w]);
  const terms = termsOf(spelled, idf);
  const abbreviated = abbreviable(spelled).map(({ at, length, abbreviation }) => {
    const replaced = termsOf(spelled.slice(at, at + length), idf).reduce((sum, t) => sum + t.weight, 0);
    return { terms: termsOf([...spelled.slice(0, at), abbreviation, ...spelled.slice(at + length)], idf, { [abbreviation]: replaced }), total: 0 };
  });
  for (const variant of abbreviated) variant.total = variant.terms.reduce((sum, t) => sum + t.weight, 0);
  const head = headWord === undefined ? undefined : (indexTerm(headWord) ?? undefined);
  return { terms, total: terms.reduce((sum, t) => sum + t.weight, 0), head, abbreviated };
}

/** One term per distinct index term of the words, weighing by how rare it is (or as `weights` says, by word). */
function termsOf(ws: readonly string[], idf: (term: string) => number, weights: Record<string, number> = {}): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const w of ws) {
    const term = indexTerm(w);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    terms.push({ words: [w], terms: [term], people: [], weight: (Object.hasOwn(weights, w) ? weights[w] : undefined) ?? idf(term) });
  }
  return terms;
}

/** The person the corpus gives the role asked for, or null when no statement gives anyone enough of it. */
export function roleHolder(view: CorpusView, indexes: Indexes, plan: RoleQuestion): RoleHolder | null {
  if (plan.terms.length === 0) return null;
  const asked = new Set(plan.terms.flatMap((t) => t.terms));
  const best = new Map<number, number>();
  const credit = (person: number, score: number) => best.set(person, Math.max(best.get(person) ?? 0, score));
  const read = new Set<number>();
  for (const spelling of [plan, ...plan.abbreviated])
    for (const m of matchPartially(indexes.sentences, spelling, {
      floor: FLOOR / 2,
      lead: indexes.sentenceLead,
      field: "text",
      title: (id) => indexes.titleTermsAt(id),
      maxCandidates: MAX_CANDIDATES,
      limit: READ,
      mentioning: () => [],
    }))
      // The sentences around a match too: one may give the role of what the match is about ("The change touches the
      // DMA API. Its maintainer, ..., objected").
      for (let id = m.id - SCOPE; id <= m.id + SCOPE; id++)
        if (indexes.sentenceRef(id)?.article === indexes.sentenceRef(m.id)?.article && indexes.peopleIn.has(id)) read.add(id);
  for (const id of read) {
    const ref = indexes.sentenceRef(id);
    if (!ref) continue;
    const ws = words(view.sentence(ref));
    const near = nearbyTerms(view, indexes, id);
    const people = indexes.peopleIn.get(id) ?? [];
    for (const person of people) {
      const others = new Set(people.filter((p) => p !== person).flatMap((p) => (indexes.names.forms[p] ?? []).flat()));
      const window = roleWindow(ws, indexes.names.forms[person] ?? [], asked, others);
      if (window) credit(person, weigh(plan, window, near));
    }
  }
  // A stated description is a role statement of its own; the article it was stated in adds what it leaves out.
  const described = [plan, ...plan.abbreviated].flatMap((p) => p.terms.map((t) => t.words[0]));
  for (const h of indexes.descriptions.search([...new Set(described)].join(" "), { combineWith: "OR", fuzzy: false, prefix: false })) {
    const index = h.id as number;
    const person = view.kb.people[index] as KbPerson;
    const at = person.descriptionSource ? indexes.sentencePosition(person.descriptionSource) : undefined;
    const namesOther = (word: string) => [...(indexes.names.peopleNamed(word) ?? [])].some((p) => p !== index);
    credit(index, weigh(plan, ownDescription(words(person.description), namesOther), at === undefined ? new Set() : nearbyTerms(view, indexes, at)));
  }
  let holder: RoleHolder | null = null;
  for (const [index, score] of best) {
    const person = view.kb.people[index] as KbPerson;
    if (score <= 0) continue;
    if (!holder || score > holder.score || (score === holder.score && person.mentions.length > holder.person.mentions.length)) holder = { index, person, score };
  }
  return holder;
}

/** How many sentences before and after a statement set the scope of a role it gives ("the DMA API ... its maintainer"). */
const SCOPE = 2;

/** The terms around a sentence: its own, those of the sentences just before and after it, and its article's title. */
function nearbyTerms(view: CorpusView, indexes: Indexes, position: number): Set<string> {
  const ref = indexes.sentenceRef(position);
  const terms = new Set(indexes.titleTermsAt(position));
  for (let p = position - SCOPE; p <= position + SCOPE; p++) {
    const r = indexes.sentenceRef(p);
    if (r?.article !== ref?.article || !r) continue;
    for (const w of words(view.sentence(r))) for (const t of w.terms) terms.add(t);
  }
  return terms;
}

/**
 * How well a statement gives the role: the weighted share of the question's terms in the words next to the name (1)
 * or nearby (NEARBY), with the question's word order as a tie-break ("Linux's creator" over "created Rust for
 * Linux"). 0 unless the role itself stands next to the name and every other term is at least nearby, or the share
 * reaches the floor.
 */
function weigh(plan: RoleQuestion, window: Word[], near: ReadonlySet<string>): number {
  const held = new Set(window.flatMap((w) => w.terms));
  const credit = (term: string): number => (held.has(term) ? 1 : near.has(term) ? NEARBY : 0);
  const credits = plan.terms.map((t) => credit(t.terms[0] as string));
  if (plan.head !== undefined ? credit(plan.head) !== 1 : !credits.includes(1)) return 0;
  const share = credits.reduce((sum, c, i) => sum + c * (plan.terms[i] as QueryTerm).weight, 0) / plan.total;
  if (share < FLOOR && credits.includes(0)) return 0;
  const order = plan.terms.map((t) => t.terms[0] as string);
  const adjacent = new Set(window.slice(1).map((w, i) => `${window[i]?.term} ${w.term}`));
  const pairs = order.slice(1).filter((t, i) => adjacent.has(`${order[i]} ${t}`)).length;
  return share + (order.length > 1 ? (0.1 * pairs) / (order.length - 1) : 0);
}


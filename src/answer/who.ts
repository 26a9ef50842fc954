import type { KbPerson } from "../kb/types.ts";
import { ROLE_NOUNS, ROLE_VERBS } from "../lexicon/people.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { nameTokens, scoreName } from "./names.ts";
import { roleHolder, rolePlan } from "./roles.ts";
import { stem, tokenize } from "./text.ts";
import type { Fact, Person, Quote, WhoAnswer } from "./types.ts";

const QUESTION_WORDS = new Set(["who", "whom", "which", "what"]);
// Without a question word, a query is read as a role only when it names one ("Btrfs maintainer"); otherwise
// "Red Hat" would answer with whoever works there. The roles are the lexicon's role nouns and verbs, stemmed as
// the indexes stem them.
let roleStems: Set<string> | null = null;
const namesRole = (words: string[]): boolean => {
  roleStems ??= new Set([...ROLE_NOUNS, ...ROLE_VERBS].filter((w) => w.length > 3).map((w) => stem(w)));
  return words.some((w) => roleStems?.has(stem(w)));
};
const MAX_FACTS = 10;
const MAX_SUGGESTIONS = 5;

export interface PersonMatch {
  index: number;
  person: KbPerson;
  score: number;
}

/** The person a name query means, or null: every typed word must match one of their names. */
export function matchPersonByName(view: CorpusView, indexes: Indexes, query: string): PersonMatch | null {
  const tokens = nameTokens(query);
  if (tokens.length === 0) return null;
  let best: PersonMatch | null = null;
  for (const index of indexes.names.candidates(tokens).sort((a, b) => a - b)) {
    const person = view.kb.people[index] as KbPerson;
    const score = scoreName(tokens, indexes.names.forms[index] ?? []);
    if (score === 0) continue;
    // Ties (a shared surname) go to the person the corpus mentions most.
    if (!best || score > best.score || (score === best.score && person.mentions.length > best.person.mentions.length))
      best = { index, person, score };
  }
  return best;
}

/** A role question ("who leads the X project", "who maintains Btrfs"): the person the text gives that role (roles.ts). */
function matchPersonByRole(view: CorpusView, indexes: Indexes, query: string): PersonMatch | null {
  const words = tokenize(query);
  const isQuestion = QUESTION_WORDS.has(words[0] ?? "");
  const content = words.filter((w) => !QUESTION_WORDS.has(w));
  if (!isQuestion && !namesRole(content)) return null;
  return roleHolder(view, indexes, rolePlan(query, indexes.sentenceIdf, QUESTION_WORDS));
}

export function findPerson(view: CorpusView, indexes: Indexes, query: string): PersonMatch | null {
  return matchPersonByName(view, indexes, query) ?? matchPersonByRole(view, indexes, query);
}

/** Names close to what was typed, for "did you mean". */
function suggestNames(view: CorpusView, indexes: Indexes, query: string): string[] {
  const distance = new Map<number, number>();
  for (const q of nameTokens(query).slice(0, 5))
    for (const [p, d] of indexes.names.peopleNear(q, 3)) distance.set(p, Math.min(d, distance.get(p) ?? d));
  return [...distance]
    .map(([p, d]) => ({ person: view.kb.people[p] as KbPerson, d }))
    .sort((a, b) => a.d - b.d || b.person.mentions.length - a.person.mentions.length)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.person.name);
}

export function personCard(view: CorpusView, person: KbPerson, quotes: Quote[]): Person {
  const seen = new Set<string>();
  const facts: (Fact & { rank: number })[] = [];
  const fullName = person.name.toLowerCase();
  person.mentions.forEach((m, order) => {
    const text = view.sentence(m);
    const key = `${m.article}#${m.sentence}`;
    if (!text || seen.has(key)) return;
    seen.add(key);
    const isDescription =
      person.descriptionSource?.article === m.article && person.descriptionSource.sentence === m.sentence;
    // Statements about the person beat passing mentions: the description's sentence, then the full name.
    const rank = (isDescription ? 4 : 0) + (text.toLowerCase().includes(fullName) ? 1 : 0) - order / 1e4;
    facts.push({ text, source: view.source(m.article), rank });
  });
  facts.sort((a, b) => b.rank - a.rank);
  return {
    name: person.name,
    description: person.description,
    aliases: person.aliases,
    facts: facts.slice(0, MAX_FACTS).map(({ text, source }) => ({ text, source })),
    quotes,
    articles: person.articles.map((id) => view.source(id)),
  };
}

export function who(view: CorpusView, indexes: Indexes, query: string, quotesOf: (name: string) => Quote[]): WhoAnswer {
  const match = findPerson(view, indexes, query);
  if (!match) return { person: null, suggestions: suggestNames(view, indexes, query), asOf: view.asOf };
  return { person: personCard(view, match.person, quotesOf(match.person.name)), suggestions: [], asOf: view.asOf };
}

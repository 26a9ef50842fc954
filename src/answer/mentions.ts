// "Who is mentioned here?": the people a message names whom the corpus knows, each with their role and one cited
// sentence. A message is matched against the names the knowledge base holds (each person's canonical name and the
// other forms the articles use, as the people extractor and merging left them), not run through the extractor: a
// chat line has too little context to find new names in, and only people the corpus knows can be answered about.
import type { KbPerson } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import type { NameIndex } from "./name-index.ts";
import { nameTokens } from "./names.ts";
import { STOP_WORDS } from "./text.ts";
import type { MentionedPerson, MentionsAnswer } from "./types.ts";
import { personCard } from "./who.ts";

/** Names are at most this many words ("Wedson Almeida Filho"). */
const LONGEST_NAME = 4;
export const MAX_MENTIONED = 10;

/** A person named in a text: their index in the knowledge base and the words that name them. */
export interface NameInText {
  person: number;
  as: string;
  /** Where the words start in the text. */
  at: number;
}

interface Word {
  /** The name tokens of one word as written ("Kroah-Hartman": kroah, hartman). */
  tokens: string[];
  text: string;
  at: number;
  capitalised: boolean;
}

// Each index's names by their folded tokens ("linus torvalds" -> people), built at the first message it reads.
const formsOf = new WeakMap<NameIndex, Map<string, number[]>>();

function namesByForm(names: NameIndex): Map<string, number[]> {
  let map = formsOf.get(names);
  if (map) return map;
  map = new Map();
  names.forms.forEach((forms, person) => {
    for (const form of forms) {
      if (form.length === 0 || form.length > LONGEST_NAME) continue;
      const key = form.join(" ");
      const list = map?.get(key);
      if (!list) map?.set(key, [person]);
      else if (!list.includes(person)) list.push(person);
    }
  });
  formsOf.set(names, map);
  return map;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019\u2010-\u2015-][\p{L}\p{N}]+)*/gu)) {
    const tokens = nameTokens(m[0]);
    if (tokens.length > 0) words.push({ tokens, text: m[0], at: m.index, capitalised: /^\p{Lu}/u.test(m[0]) });
  }
  return words;
}

/**
 * The people `text` names, in the order it names them, each once. A name of two words or more matches whatever its
 * case ("linus torvalds"); one word alone ("Torvalds") only when written with a capital and not a common word, so
 * that "will" is never Will Smith. One word that several people share goes to the one the message also names in
 * full, else to the one the corpus mentions most.
 */
export function namesIn(kb: { people: KbPerson[] }, names: NameIndex, text: string): NameInText[] {
  const byForm = namesByForm(names);
  const words = wordsOf(text);
  const found: NameInText[] = [];
  const single: { people: number[]; word: Word }[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(LONGEST_NAME, words.length - i); n >= 1 && matched === 0; n--) {
      const span = words.slice(i, i + n);
      const people = byForm.get(span.flatMap((w) => w.tokens).join(" "));
      if (!people) continue;
      const first = span[0] as Word;
      if (n === 1) {
        const token = first.tokens.join(" ");
        if (!first.capitalised || STOP_WORDS.has(token) || token.length < 2) continue;
        single.push({ people, word: first });
      } else {
        const last = span[n - 1] as Word;
        found.push({ person: mostMentioned(kb, people), as: text.slice(first.at, last.at + last.text.length), at: first.at });
      }
      matched = n;
    }
    i += Math.max(1, matched);
  }
  for (const { people, word } of single) {
    const named = people.find((p) => found.some((f) => f.person === p));
    found.push({ person: named ?? mostMentioned(kb, people), as: word.text, at: word.at });
  }
  const seen = new Set<number>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((f) => !seen.has(f.person) && seen.add(f.person));
}

function mostMentioned(kb: { people: KbPerson[] }, people: number[]): number {
  return people.reduce((best, p) => ((kb.people[p]?.mentions.length ?? 0) > (kb.people[best]?.mentions.length ?? 0) ? p : best));
}

export function mentioned(view: CorpusView, indexes: Indexes, text: string): MentionsAnswer {
  const people: MentionedPerson[] = namesIn(view.kb, indexes.names, text)
    .slice(0, MAX_MENTIONED)
    .map(({ person, as }) => {
      const p = view.kb.people[person] as KbPerson;
      // The first fact of the person's card is the sentence that states their role, when one does.
      const fact = personCard(view, p, []).facts[0] ?? null;
      return { name: p.name, description: p.description, as, fact };
    });
  return { people, asOf: view.asOf };
}

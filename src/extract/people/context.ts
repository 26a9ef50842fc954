// Context cues around one occurrence of a name: what the words before and after it say about whether it is a
// person. Each cue is small and generic; evidence.ts weighs them.
import type { Candidate } from "./candidates.ts";
import { GROUP_PRONOUNS } from "../../lexicon/grammar.ts";
import { ROLE_NOUNS, ROLES_OF_ORGANISATIONS_TOO } from "../../lexicon/people.ts";
import { SPEECH_VERBS, STANCE_VERBS } from "../../lexicon/speech.ts";
import { isPersonNoun, lexTags } from "../../lexicon/words.ts";
import type { Token } from "./tokens.ts";

/** A verb that makes its subject someone: speech ("said", "implored") or stance ("believes", "criticised"). */
export const isCueVerb = (w: string): boolean => SPEECH_VERBS.has(w) || STANCE_VERBS.has(w);

const LOCATIVE = new Set(["in", "at", "near", "across", "throughout", "outside", "inside"]);
// A lone capitalised word after "from"/"to"/"into" is far more often a place than a surname.
const SINGLE_LOCATIVE = new Set([...LOCATIVE, "from", "to", "into"]);


/** "in Virginia", "at Capitol Hill", "in the Rose Garden": places, not people (possessives aside: "in Trump's view"). */
export function locative(c: Candidate): boolean {
  let prev = c.tokens[c.lead - 1];
  if (prev && /^(?:the|a)$/i.test(prev.word) && c.lead >= 2) prev = c.tokens[c.lead - 2];
  const places = c.to - c.from === 1 ? SINGLE_LOCATIVE : LOCATIVE;
  return !!prev && !c.title && /^\s+$/.test(prev.after) && places.has(prev.word) && !(c.tokens[c.to - 1] as Token).possessive;
}

function inList(c: Candidate): boolean {
  const prev = c.tokens[c.lead - 1];
  return !!prev && (/^(?:and|or)$/.test(prev.word) || prev.after.includes(","));
}

const PERSONAL_PRONOUNS = new Set(["he", "his", "him", "she", "her", "himself", "herself"]);

/**
 * "Gingrich's inclusion of it in his 1994 contract": he/his/she/her soon after, before any other name, is a
 * person cue (+1); "its"/"their" is a cue for an organisation or group (-1).
 */
export function pronounAfter(c: Candidate): number {
  for (let k = c.to; k < Math.min(c.tokens.length, c.to + 12); k++) {
    const t = c.tokens[k] as Token;
    if (t.cap && k > c.to) return 0;
    if (PERSONAL_PRONOUNS.has(t.word)) return 1;
    // In a list ("..., and Danilo Krummrich, placing their contributions") "their" is the whole list's.
    if (GROUP_PRONOUNS.has(t.word)) return inList(c) ? 0 : -1;
  }
  return 0;
}

/** "X said", "X told", "said X", "according to X". */
export function speaks(c: Candidate): boolean {
  const next = c.tokens[c.to];
  const last = c.tokens[c.to - 1] as Token;
  // Not across a comma: "known as Queen of the Sky, wrote" is the apposition's end, and the writer is someone else.
  if (next && !last.possessive && /^\s+$/.test(last.after) && isCueVerb(next.word.toLowerCase())) return true;
  // "X, who ..., said" is handled by apposition; "said X" and "according to X":
  const prev = c.tokens[c.from - 1];
  const prev2 = c.tokens[c.from - 2];
  if (prev && /^\s+$/.test(prev.after) && isCueVerb(prev.word.toLowerCase())) return true;
  // "noted NBC's Dante Chinni": a possessive outlet or employer between the verb and the name.
  if (prev?.possessive && prev2 && isCueVerb(prev2.word.toLowerCase())) return true;
  // A quote signed with a dash: '"... this low?" ― Jacklyn Ashley'.
  if (prev && /["']\s*[\u2015\u2014\u2013-]+\s*$/.test(prev.after)) return true;
  return prev?.word.toLowerCase() === "to" && prev2?.word.toLowerCase() === "according";
}

/** "kernel maintainer Christoph Hellwig", "developer Nelson Elhage". */
export function roleBefore(c: Candidate): boolean {
  const prev = c.tokens[c.from - 1];
  return !!prev && /^\s+$/.test(prev.after) && !prev.cap && isPersonNoun(prev.word);
}

/** "Trump's Indiana chairman, Rex Early, a former ...": a role, then the name set off by commas on both sides. */
export function roleApposedBefore(c: Candidate): boolean {
  const prev = c.tokens[c.from - 1];
  const last = c.tokens[c.to - 1] as Token;
  const role = prev?.word.toLowerCase() ?? "";
  return !!prev && /^\s*,\s*$/.test(prev.after) && /^\s*,/.test(last.after) && !prev.cap && ROLE_NOUNS.has(role) && !ROLES_OF_ORGANISATIONS_TOO.has(role);
}

/** "Dan Williams, senior principal engineer ...", "Wolfram Sang, who maintains ...", "X, a kernel maintainer". */
export function appositionAfter(c: Candidate): number {
  const last = c.tokens[c.to - 1] as Token;
  const next = c.tokens[c.to];
  if (!next || !/^\s*,\s*$/.test(last.after) || last.possessive) return 0;
  const w = next.word.toLowerCase();
  if (w === "who" || w === "whose") return 3;
  // "the 1994 Crime Bill, which prompted ...": things take "which".
  if (w === "which") return -2;
  // "Quina Jones, 25, said": only people are given an age.
  if (/^\d{1,3}$/.test(w) && /^\s*,/.test(next.after)) return 3;
  for (let k = c.to; k < Math.min(c.tokens.length, c.to + 8); k++) {
    const t = c.tokens[k] as Token;
    if (!t.cap && isRoleHead(c.tokens, k)) return 2;
    if (/[,;:.]/.test(t.after)) break;
  }
  return 0;
}

/** "Asahi Linux lead developer Hector Martin", "Red Hat engineer Danilo": the name qualifies someone's role. */
export function modifiesRole(c: Candidate): boolean {
  const last = c.tokens[c.to - 1] as Token;
  if (!/^\s+$/.test(last.after) || last.possessive) return false;
  let roleEnds = false;
  for (let k = c.to; k < Math.min(c.tokens.length, c.to + 6); k++) {
    const t = c.tokens[k] as Token;
    if (t.cap) return roleEnds;
    const w = t.word.toLowerCase();
    roleEnds = ROLE_NOUNS.has(w);
    if (!/^\s+$/.test(t.after)) return false;
    // Adverbs and verbs ("cynically dismissed NATO member Estonia") mean the name is a subject, not a modifier.
    if (!roleEnds && (/(?:ly|ed)$/.test(w) || !/^\p{Ll}/u.test(t.word))) return false;
    // Only nouns and adjectives sit between an organisation and a role ("kernel security engineer").
    if (!roleEnds && lexTags(w).some((tag) => /Tense|Gerund|Infinitive|Modal|Preposition|Determiner|Conjunction|Pronoun/.test(tag)))
      return false;
  }
  return false;
}

/**
 * A role noun heading its phrase ("maintainer for Btrfs", "chief executive"), not modifying another noun
 * ("head scarves", "leader board").
 */
export function isRoleHead(tokens: Token[], k: number): boolean {
  const t = tokens[k] as Token;
  if (!isPersonNoun(t.word)) return false;
  const next = tokens[k + 1];
  if (!next || next.cap || t.possessive || !/^\s+$/.test(t.after) || ROLE_NOUNS.has(next.word.toLowerCase())) return true;
  const tags = lexTags(next.word);
  return tags.length > 0 && tags.every((x) => !/^(?:Singular|Plural|Noun|Uncountable)$/.test(x));
}

import type { Candidate } from "./candidates.ts";
import { isCommonWord, isFirstName, isKnownName, isLastName, isOrganisation, isPlace, lexTags } from "./lexicon.ts";
import type { Token } from "./tokens.ts";
import { AFFILIATIONS, CUE_VERBS, NAME_PARTICLES, NAME_SUFFIXES, ORG_WORDS, PLACE_PREFIXES, ROLE_NOUNS } from "./vocabulary.ts";

/** How strongly one occurrence says "this is a person": positive for person cues, negative for non-person cues. */
export function occurrenceScore(c: Candidate): number {
  c.score ??= computeScore(c);
  return c.score;
}

function computeScore(c: Candidate): number {
  const words = nameWords(c);
  if (words.some((w) => ORG_WORDS.has(w.toLowerCase()) || isOrganisation(w))) return -10;
  if (modifiesRole(c)) return -5;
  // "in Virginia", "at Capitol Hill", "near Aleppo": places, not people (possessives aside: "in Trump's view").
  // "in the Rose Garden": skip one article.
  let prev = c.tokens[c.lead - 1];
  if (prev && /^(?:the|a)$/i.test(prev.word) && c.lead >= 2) prev = c.tokens[c.lead - 2];
  const places = c.to - c.from === 1 ? SINGLE_LOCATIVE : LOCATIVE;
  if (prev && !c.title && /^\s+$/.test(prev.after) && places.has(prev.word) && !(c.tokens[c.to - 1] as Token).possessive) return -3;
  let score = 0;
  // Titles, a role noun right before ("maintainer Christoph Hellwig") and "X, who" are near-certain; speech verbs
  // and role appositions are shared with organisations ("Google said", "Intel, a chip maker,").
  if (c.title) score += 3;
  if (roleBefore(c)) score += 3;
  if (speaks(c)) score += 2;
  score += appositionAfter(c);
  score += pronounAfter(c);
  // A generational suffix ("Jr.", "III", "Filho") only follows personal names.
  if (c.tokens.slice(c.from + 1, c.to).some((t) => NAME_SUFFIXES.has(t.word.toLowerCase()) || /^(?:II|III|IV)$/.test(t.word))) score += 2;
  return score;
}

// Offices, as opposed to ranks that are also surnames (King, Justice, Baron).
const OFFICES = new Set(
  "speaker minister secretary president chairman chairwoman chair governor mayor senator chancellor commissioner director leader premier ambassador spokesman spokeswoman".split(" "),
);
const LOCATIVE = new Set(["in", "at", "near", "across", "throughout", "outside", "inside"]);
// A lone capitalised word after "from"/"to"/"into" is far more often a place than a surname.
const SINGLE_LOCATIVE = new Set([...LOCATIVE, "from", "to", "into"]);

/** How much the name's own words look like a personal name (independent of context). */
export function shapeScore(words: string[]): number {
  if (words.length === 0) return -10;
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  if (words.some((w) => ORG_WORDS.has(w.toLowerCase()) || isOrganisation(w))) return -10;
  if (words.length === 1) return isKnownName(first) ? 0 : -1;
  if (knownNonPerson(words)) return -10;
  if (words.length > 4) return -3;
  let score = 0;
  if (isFirstName(first)) score += 2;
  // Surnames the lexicon knows as names ("Kelly", "Thomas", "Jones") after an unfamiliar first name.
  if (isLastName(last) || (!isFirstName(first) && isKnownName(last))) score += 1;
  if (words.some((w) => isPlace(w)) && !isFirstName(first)) score -= 2;
  if (PLACE_PREFIXES.has(first.toLowerCase())) score -= 3;
  // "Commons Speaker", "Foreign Minister": a title at the end names an office, not its holder.
  if (OFFICES.has(last.toLowerCase()) && !isFirstName(first)) score -= 3;
  // "La Traviata", "El Nino": a particle opening the run without a first name before it.
  if (NAME_PARTICLES.has(first.toLowerCase())) score -= 2;
  // A plural last word ("Carolina Panthers", "Virginia Democrats") names a team or a group.
  // ("Gennifer Flowers" and "Sanders" are fine: after a known first name a plural-looking word is a surname.)
  if (!isFirstName(first) && (lexTags(last).includes("Plural") || (/[^s]s$/.test(last) && isCommonWord(last.slice(0, -1))))) score -= 3;
  // Ordinary vocabulary in a name ("Rust Kernel Policy") argues against it; surnames can be words ("Kees Cook"),
  // so a word after a known first name is not counted.
  for (let k = 0; k < words.length; k++) {
    if (k > 0 && isKnownName(first)) break;
    // Surnames are often ordinary words ("Cook", "Gross"); a first word that is one is the stronger signal.
    if (isCommonWord(words[k] as string) && !isKnownName(words[k] as string)) score -= k === 0 ? 2 : 1;
  }
  return score;
}

/**
 * The lexicon's multi-word entries ("Sri Lanka", "West Virginia", "Carolina Panthers") and group words
 * ("Virginia Democrats") mark a run as a place, team or group, whatever its first word looks like.
 */
export function knownNonPerson(words: string[]): boolean {
  if (AFFILIATIONS.has((words[words.length - 1] as string).toLowerCase())) return true;
  for (let k = 0; k + 1 < words.length; k++) {
    const pair = `${words[k]} ${words[k + 1]}`;
    if (isPlace(pair) || isOrganisation(pair)) return true;
  }
  return words.length > 2 && (isPlace(words.join(" ")) || isOrganisation(words.join(" ")));
}

/** The name's words without particles, initials and suffixes. */
export function nameWords(c: Candidate): string[] {
  if (c.words) return c.words;
  const out: string[] = [];
  for (let k = c.from; k < c.to; k++) {
    const w = (c.tokens[k] as Token).word;
    if (NAME_PARTICLES.has(w) || NAME_SUFFIXES.has(w.toLowerCase()) || /^\p{Lu}$/u.test(w)) continue;
    out.push(w);
  }
  c.words = out;
  return out;
}

function inList(c: Candidate): boolean {
  const prev = c.tokens[c.lead - 1];
  return !!prev && (/^(?:and|or)$/.test(prev.word) || prev.after.includes(","));
}

const PERSONAL_PRONOUNS = new Set(["he", "his", "him", "she", "her", "himself", "herself"]);
const GROUP_PRONOUNS = new Set(["its", "itself", "their", "they", "them", "themselves"]);

/**
 * "Gingrich's inclusion of it in his 1994 contract": he/his/she/her soon after, before any other name, is a
 * person cue (+1); "its"/"their" is a cue for an organisation or group (-1).
 */
function pronounAfter(c: Candidate): number {
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
function speaks(c: Candidate): boolean {
  const next = c.tokens[c.to];
  const last = c.tokens[c.to - 1] as Token;
  if (next && !last.possessive && /^\s*,?\s*$/.test(last.after) && CUE_VERBS.has(next.word.toLowerCase())) return true;
  // "X, who ..., said" is handled by apposition; "said X" and "according to X":
  const prev = c.tokens[c.from - 1];
  const prev2 = c.tokens[c.from - 2];
  if (prev && /^\s+$/.test(prev.after) && CUE_VERBS.has(prev.word.toLowerCase())) return true;
  // "noted NBC's Dante Chinni": a possessive outlet or employer between the verb and the name.
  if (prev?.possessive && prev2 && CUE_VERBS.has(prev2.word.toLowerCase())) return true;
  // A quote signed with a dash: '"... this low?" ― Jacklyn Ashley'.
  if (prev && /["']\s*[\u2015\u2014\u2013-]+\s*$/.test(prev.after)) return true;
  return prev?.word.toLowerCase() === "to" && prev2?.word.toLowerCase() === "according";
}

/** "kernel maintainer Christoph Hellwig", "developer Nelson Elhage". */
function roleBefore(c: Candidate): boolean {
  const prev = c.tokens[c.from - 1];
  return !!prev && /^\s+$/.test(prev.after) && !prev.cap && ROLE_NOUNS.has(prev.word.toLowerCase());
}

/** "Dan Williams, senior principal engineer ...", "Wolfram Sang, who maintains ...", "X, a kernel maintainer". */
function appositionAfter(c: Candidate): number {
  const last = c.tokens[c.to - 1] as Token;
  const next = c.tokens[c.to];
  if (!next || !/^\s*,\s*$/.test(last.after) || last.possessive) return 0;
  const w = next.word.toLowerCase();
  if (w === "who" || w === "whose") return 3;
  // "Quina Jones, 25, said": only people are given an age.
  if (/^\d{1,3}$/.test(w) && /^\s*,/.test(next.after)) return 3;
  for (let k = c.to; k < Math.min(c.tokens.length, c.to + 8); k++) {
    const t = c.tokens[k] as Token;
    if (ROLE_NOUNS.has(t.word.toLowerCase()) && !t.cap) return 2;
    if (/[,;:.]/.test(t.after)) break;
  }
  return 0;
}

/**
 * Share of the occurrences where the word directly modifies a following lower-case noun ("Linux kernel",
 * "Rust code"): typical of products and organisations, rare for surnames, which are followed by verbs.
 */
export function attributiveShare(occurrences: Candidate[]): number {
  let attributive = 0;
  for (const c of occurrences) {
    const last = c.tokens[c.to - 1] as Token;
    const next = c.tokens[c.to];
    if (!next || next.cap || last.possessive || !/^ +$/.test(last.after)) continue;
    const tags = lexTags(next.word);
    if ((tags.length === 0 && !/(?:ly|ed|s)$/.test(next.word)) || tags.some((t) => /^(?:Singular|Plural|Noun|Uncountable|Adjective|Actor)$/.test(t))) attributive++;
  }
  return occurrences.length ? attributive / occurrences.length : 0;
}

/** "Asahi Linux lead developer Hector Martin", "Red Hat engineer Danilo": the name qualifies someone's role. */
function modifiesRole(c: Candidate): boolean {
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

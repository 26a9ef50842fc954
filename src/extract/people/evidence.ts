import type { Candidate } from "./candidates.ts";
import { appositionAfter, locative, modifiesRole, pronounAfter, roleApposedBefore, roleBefore, speaks } from "./context.ts";
import { ORG_ENDINGS, ORG_WORDS, PLACE_PREFIXES, SURNAME_ORG_WORDS } from "../../lexicon/organisations.ts";
import { AFFILIATIONS, NAME_PARTICLES, NAME_SUFFIXES, OFFICES, ROLE_NOUNS } from "../../lexicon/people.ts";
import { isCommonWord, isFirstName, isKnownName, isLastName, isOrganisation, isPlace, lexTags } from "../../lexicon/words.ts";
import type { Token } from "./tokens.ts";

/** How strongly one occurrence says "this is a person": positive for person cues, negative for non-person cues. */
export function occurrenceScore(c: Candidate): number {
  c.score ??= computeScore(c);
  return c.score;
}

function computeScore(c: Candidate): number {
  const words = nameWords(c);
  if (orgWord(words)) return -10;
  // Company names that are also surnames ("Doug Ford", "Anne-Marie Dupont"): only without a first name or title.
  if (words.some(isOrganisation) && !c.title && !isFirstName(words[0] as string)) return -10;
  if (modifiesRole(c)) return -5;
  if (locative(c)) return -3;
  let score = 0;
  // Titles, a role noun right before ("maintainer Christoph Hellwig") and "X, who" are near-certain; speech verbs
  // and role appositions are shared with organisations ("Google said", "Intel, a chip maker,").
  if (c.title) score += 3;
  if (roleBefore(c) || roleApposedBefore(c)) score += 3;
  if (speaks(c)) score += 2;
  score += appositionAfter(c);
  score += pronounAfter(c);
  // A generational suffix ("Jr.", "III", "Filho") only follows personal names.
  if (c.tokens.slice(c.from + 1, c.to).some((t) => NAME_SUFFIXES.has(t.word.toLowerCase()) || /^(?:II|III|IV)$/.test(t.word))) score += 2;
  return score;
}

/** A word that names an organisation, event, product or place is in the name ("Apple Computer", "Adam Air Flight"),
 * unless it is a known first name's surname that is also an organisation word ("Jim Press"). */
function orgWord(words: string[]): boolean {
  return words.some((w, i) => {
    const lower = w.toLowerCase();
    if (!ORG_WORDS.has(lower)) return false;
    return !(i === words.length - 1 && words.length === 2 && SURNAME_ORG_WORDS.has(lower) && isFirstName(words[0] as string));
  });
}

/** How much the name's own words look like a personal name (independent of context). */
export function shapeScore(words: string[]): number {
  if (words.length === 0) return -10;
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  if (orgWord(words)) return -10;
  if (words.some(isOrganisation) && !isFirstName(first)) return -10;
  // "Sun Microsystems", "Qwest Communications": a compound ending in an organisation word.
  if (ORG_ENDINGS.test(last)) return -10;
  if (words.length === 1) return isKnownName(first) ? 0 : -1;
  if (knownNonPerson(words)) return -10;
  if (words.length > 4) return -3;
  let score = 0;
  if (isFirstName(first)) score += 2;
  // Surnames the lexicon knows as names ("Kelly", "Thomas", "Jones") after an unfamiliar first name.
  if (isLastName(last) || (!isFirstName(first) && isKnownName(last))) score += 1;
  if (words.some((w) => isPlace(w)) && !isFirstName(first)) score -= 2;
  if (PLACE_PREFIXES.has(first.toLowerCase())) score -= 3;
  // "Commons Speaker", "Foreign Minister", "Operating Officer": a title or role at the end names an office, not its
  // holder.
  if ((OFFICES.has(last.toLowerCase()) || ROLE_NOUNS.has(last.toLowerCase())) && !isFirstName(first)) score -= 3;
  // "La Traviata", "El Nino": a particle opening the run without a first name before it.
  if (NAME_PARTICLES.has(first.toLowerCase())) score -= 2;
  // A plural last word ("Carolina Panthers", "Virginia Democrats") names a team or a group.
  // ("Gennifer Flowers" and "Sanders" are fine: after a known first name a plural-looking word is a surname.)
  // Plural abstract nouns ("Retail Decisions", "Exhibitor Relations", "Roma Czechs") are not surnames either.
  if (!isFirstName(first) && /\p{Ll}(?:ions|ments|ics|ists|ities|ances|ences)$/u.test(last)) score -= 3;
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
  const last = (words[words.length - 1] as string).toLowerCase();
  // "Virginia Democrats" is a group; "John Tory" is a man named Tory.
  if ((AFFILIATIONS.has(last) || AFFILIATIONS.has(last.replace(/s$/, ""))) && !isFirstName(words[0] as string)) return true;
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

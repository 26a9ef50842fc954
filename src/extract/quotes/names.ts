import { STATE_ABBREVIATIONS } from "../../lexicon/abbreviations.ts";
import { NAME_MODIFIERS, NOT_NAMES, PREPOSITIONS, SUBJECT_PRONOUNS } from "../../lexicon/grammar.ts";
import { AFFILIATIONS, isTitleWord, NAME_PARTICLES, NAME_SUFFIXES, ROLE_NOUNS, TITLE_QUALIFIERS } from "../../lexicon/people.ts";

// Proper-name detection inside a speaker phrase ("Sen. Ted Cruz (R-Tex.)", "Trump campaign manager Kellyanne
// Conway", "a spokesman for Mr. Obama"). Works without the people extractor: the phrase is short and the
// attribution pattern has already said where the speaker is, so capitalisation is a reliable enough signal.

const PARTICLES = NAME_PARTICLES;
const SUFFIXES = NAME_SUFFIXES;
export const PRONOUNS = SUBJECT_PRONOUNS;

const bare = (t: string): string => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, "");
const key = (t: string): string => bare(t).replace(/\.$/, "").toLowerCase();
const isCapital = (t: string): boolean => /^\p{Lu}/u.test(bare(t));
const isPossessive = (t: string): boolean => /\p{L}'s?$/u.test(t);
// Abbreviated titles that are also ordinary words or particles without their period ("Del." but "del Toro").
const DOTTED_TITLES = new Set(["Del.", "Pres.", "Supt.", "Insp.", "Det.", "Amb."]);
/** A word that belongs to a title chain before a name: a title or honorific, a role, an affiliation, a qualifier
 * ("former", "House", "Campaign"). */
export const isTitle = (t: string): boolean => {
  const k = key(t);
  return isTitleWord(k) || ROLE_NOUNS.has(k) || AFFILIATIONS.has(k) || TITLE_QUALIFIERS.has(k) || DOTTED_TITLES.has(bare(t));
};
export const isNotName = (t: string): boolean => NOT_NAMES.has(key(t));

/** A speaker phrase classified: a proper name, a pronoun to resolve, a description that names no one (its words
 * kept: "the Labour MP for Birkenhead" can still point at someone the article names), or the subject of the quote's
 * own sentence when the clause has none of its own ("..., when questioned, asserting, "..."). */
export type SpeakerPhrase =
  | { kind: "name"; name: string }
  | { kind: "pronoun"; pronoun: string }
  | { kind: "description"; text: string }
  | { kind: "subject" };

/** What the phrase after a cue says about who spoke: the first comma piece that names someone. */
export function classifySpeaker(phrase: string): SpeakerPhrase {
  return speakerInPieces(phrase, "first");
}

// Party-and-state tags ("R-Ky.", "(D-N.C.)") sit where appositions do but name no one.
const PARTY_TAG = /\([^)]*\)|\[[^\]]*\]|\b[RDI]-[A-Z][A-Za-z.]*/g;

/** Splits a speaker phrase at commas and dashes and returns the first (or last) piece that is a name or pronoun. */
export function speakerInPieces(phrase: string, order: "first" | "last"): SpeakerPhrase {
  const pieces = phrase
    .replace(PARTY_TAG, " ")
    .split(/,|\s[\u2014\u2013-]{1,2}\s|;/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (order === "last") pieces.reverse();
  for (const [i, piece] of pieces.slice(0, 5).entries()) {
    const found = pieceSpeaker(piece);
    // After a cue the speaker comes first; a later lone capitalised word is more likely a list item ("said the
    // director behind JFK, Platoon and Born on the Fourth of July") than "said the chairman, Smith".
    if (found?.kind === "name" && order === "first" && i > 0 && !/\s/.test(found.name)) continue;
    if (found) return found;
  }
  // The piece nearest the cue describes the speaker.
  return { kind: "description", text: pieces[0] ?? "" };
}

const MODIFIERS = NAME_MODIFIERS;

function pieceSpeaker(piece: string): SpeakerPhrase | null {
  const words = piece.split(/\s+/);
  const last = (words[words.length - 1] ?? "").toLowerCase();
  if (PRONOUNS.has(last) && words.length <= 2) return { kind: "pronoun", pronoun: last };
  const name = nameAtEnd(piece);
  if (!name) return null;
  // "Mr. Daniloff, now retired in Cambridge, Mass., said": a place closing the phrase is not its speaker.
  if (!/\s/.test(name) && STATE_ABBREVIATIONS.has(name.toLowerCase().replace(/\.$/, ""))) return null;
  // A piece that opens in lower case is a description ("the attorney general of Oklahoma", "one of the states
  // suing the EPA"); it names the speaker only when the name is all that follows its modifiers.
  // A full name (two words or more) can also be such a piece's head noun ("his friend Mahamat Saleh Oumar"), as long
  // as no preposition put it inside a description ("director of the nonpartisan Congressional Budget Office").
  if (/^\p{Ll}/u.test(piece)) {
    // The words before the name: it ends the piece, or comes before an "of" phrase ("Bill Richardson of New Mexico").
    const nameWords = name.split(/\s+/);
    const first = words.findIndex((w, k) => bare(w) === bare(nameWords[0] as string) && bare(words[k + nameWords.length - 1] ?? "") === bare(nameWords[nameWords.length - 1] as string));
    const lead = words.slice(0, first >= 0 ? first : words.length - nameWords.length);
    // An honorific marks a person as surely as a full name does ("... that Mr. Trump was prompted to say").
    const fullName = /\s/.test(name);
    const plain = lead.every((w) => MODIFIERS.has(w.toLowerCase()) || isTitle(w));
    if (!plain && !(fullName && !lead.some((w) => PREPOSITIONS.has(w.toLowerCase())))) return null;
  }
  return { kind: "name", name };
}

/** The proper name a phrase ends in, titles stripped, or null when its head is a common noun. */
export function nameAtEnd(piece: string, depth = 0): string | null {
  const toks = piece.trim().split(/\s+/).filter(Boolean);
  let i = toks.length - 1;
  if (i < 0) return null;
  const last = toks[i] as string;
  if (!isCapital(last) && !SUFFIXES.has(last.toLowerCase())) return null;
  if (isPossessive(last)) return null;
  while (i > 0) {
    const t = toks[i - 1] as string;
    if (isPossessive(t) || !(isCapital(t) || PARTICLES.has(t.toLowerCase()))) break;
    i--;
  }
  let b = i - 1;
  if (b > 0 && /^(?:the|a|an)$/i.test(toks[b] as string)) b--;
  const before = b >= 0 ? key(toks[b] as string) : "";
  const beforeThat = b > 0 ? (toks[b - 1] as string) : "";
  if (PREPOSITIONS.has(before)) {
    // "Secretary of State John Kerry": a title joined by "of" is part of the name's title.
    // The run must still hold a first and last name after the department ("State John Kerry"): "Democrat of
    // Tennessee" names a state, not a person.
    const titleOf = before === "of" && b === i - 1 && isCapital(beforeThat) && isTitle(beforeThat) && toks.length - i >= 3;
    if (!titleOf) {
      // "Mr. Morgan of the Sierra Club" is Morgan; "a spokesman for Mr. Obama" is no one.
      return depth < 4 ? nameAtEnd(toks.slice(0, b).join(" "), depth + 1) : null;
    }
  }
  let run = toks.slice(i).map(bare).filter(Boolean);
  while (run.length > 1 && /^(the|a|an)$/i.test(run[0] as string)) run.shift();
  let lastTitle = -1;
  const initial = (t: string): boolean => /^\p{Lu}\.$/u.test(t);
  for (let j = 0; j < run.length - 1; j++) {
    const t = run[j] as string;
    if (!initial(t) && (isTitle(t) || isNotName(t))) lastTitle = j;
  }
  // "Mr. King": after an honorific the next word is a surname even when it doubles as a title. The honorific is
  // kept so that the speaker lookup knows the word is a surname, not a first name.
  const honorific = lastTitle >= 0 && HONORIFIC_WORD.test(run[lastTitle] as string) ? (run[lastTitle] as string) : null;
  run = run.slice(lastTitle + 1);
  if (honorific && run.length === 1) return `${honorific.replace(/\.?$/, ".")} ${run[0] as string}`;
  // "of State John Kerry": the department after a title is part of the title.
  while (run.length > 2 && (isTitle(run[0] as string) || (run[0] as string).toLowerCase() === "of")) run.shift();
  const core = run.filter((t) => !SUFFIXES.has(t.toLowerCase()));
  // A title word alone may still be a surname ("said Baron" after "Martin Baron"): the speaker lookup decides.
  const lone = core[0] as string;
  if (toks.length === 1 && core.length === 1 && (isTitleWord(lone) || ROLE_NOUNS.has(key(lone))) && !isNotName(lone)) return lone;
  if (!core.length || core.every((t) => isTitle(t) || isNotName(t))) return null;
  // Plural acronyms ("the MPs", "CEOs") are groups.
  if (core.length === 1 && /^\p{Lu}{2,}s$/u.test(core[0] as string)) return null;
  // Bare initials ("I", "U.S.") are not names.
  if (core.every((t) => /^(\p{Lu}\.)+\p{Lu}?\.?$|^\p{Lu}$/u.test(t))) return null;
  return run.join(" ");
}

const HONORIFIC_WORD = /^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?$/;

/** Last word of a name, for matching "Ojeda" to "Miguel Ojeda". */
export function surname(name: string): string {
  const words = name.split(/\s+/).filter((w) => !SUFFIXES.has(w.toLowerCase()));
  return (words[words.length - 1] ?? name).replace(/'s$/, "").replace(/\.$/, "");
}

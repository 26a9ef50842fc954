import { compromiseModel } from "./compromise.ts";
import { FIRST_NAME_GENDER, ROLE_NOUNS, WORD_FIRST_NAMES, type Gender } from "./people.ts";

// Word knowledge from compromise's built-in lexicon, with our own lists (people.ts) filling its gaps.
// compromise's built-in lexicon (about 25k words, each with a part-of-speech or entity tag) is read once, when the
// first word is looked up (./compromise.ts). Looking words up in it is cheap, unlike running the full tagger, so it is
// our main source of "is this a first name / a place / a common English word" evidence.

const FIRST_NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName"]);
const NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName", "LastName", "Person"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place", "Demonym"]);
const ORG_TAGS = new Set(["Organization", "SportsTeam"]);
const FUNCTION_TAGS = /^(?:Determiner|Preposition|Conjunction|Pronoun|QuestionWord|Adverb|Copula|Modal|Auxiliary|Negative|Possessive)$/;
const FINITE_TAGS = /^(?:PastTense|PresentTense|Verb)$/;

/** Everything the rules ask about a word, computed once per distinct spelling. */
export interface WordInfo {
  tags: string[];
  firstName: boolean;
  knownName: boolean;
  lastName: boolean;
  place: boolean;
  organisation: boolean;
  common: boolean;
  functionWord: boolean;
  finiteVerb: boolean;
  demonym: boolean;
  calendar: boolean;
  /** The gender of a first name, "unknown" for other words and for names used by both. */
  gender: Gender;
}

const NONE: string[] = [];
const cache = new Map<string, WordInfo>();

// Memoised: the same capitalised words are looked up again and again, within and across articles.
export function info(word: string): WordInfo {
  let i = cache.get(word);
  if (i) return i;
  const lower = word.toLowerCase();
  const lexicon = compromiseModel().one.lexicon;
  const t = Object.hasOwn(lexicon, lower) ? lexicon[lower] : undefined;
  const tags = t === undefined ? NONE : Array.isArray(t) ? t : [t];
  const wordName = WORD_FIRST_NAMES.has(lower);
  // Compound first names ("Jean-Yves", "Anne-Marie") are first names when every part is.
  const parts = lower.split("-");
  const compound = parts.length > 1 && info(parts[0] as string).firstName && parts.every((part) => part !== "" && info(part).knownName);
  const firstName = wordName || compound || tags.some((x) => FIRST_NAME_TAGS.has(x));
  const knownName = firstName || tags.some((x) => NAME_TAGS.has(x));
  const place = tags.some((x) => PLACE_TAGS.has(x));
  const organisation = tags.some((x) => ORG_TAGS.has(x));
  i = {
    tags,
    firstName,
    knownName,
    lastName: tags.includes("LastName"),
    place,
    organisation,
    // A compound of ordinary words ("Fly-half", "Mother-of-two") is ordinary too.
    common:
      (!wordName && tags.length > 0 && !tags.some((x) => NAME_TAGS.has(x) || PLACE_TAGS.has(x) || ORG_TAGS.has(x) || x === "ProperNoun")) ||
      (tags.length === 0 && parts.length > 1 && parts.every((part) => part !== "" && info(part).common)) ||
      // An unknown word with the ending of an abstract noun ("Acquisition", "Procurement") is no name either.
      (tags.length === 0 && lower.length > 7 && /(?:tion|sion|ment|ness|ity|ance|ence|ship)$/.test(lower)),
    functionWord: !knownName && tags.some((x) => FUNCTION_TAGS.test(x)),
    finiteVerb: !knownName && tags.some((x) => FINITE_TAGS.test(x)),
    demonym: tags.includes("Demonym"),
    calendar: tags.includes("WeekDay") || tags.includes("Month"),
    gender: FIRST_NAME_GENDER.get(lower) ?? (tags.includes("MaleName") ? "male" : tags.includes("FemaleName") ? "female" : "unknown"),
  };
  if (cache.size > 100_000) cache.clear();
  cache.set(word, i);
  return i;
}

export const isFirstName = (w: string): boolean => info(w).firstName;
export const isKnownName = (w: string): boolean => info(w).knownName;
export const isLastName = (w: string): boolean => info(w).lastName;
export const isPlace = (w: string): boolean => info(w).place;
export const isOrganisation = (w: string): boolean => info(w).organisation;

/** A word the lexicon knows as ordinary vocabulary (verb, adjective, determiner, month...), not as a name. */
export const isCommonWord = (w: string): boolean => info(w).common;

/** The gender a first name usually has ("Erica": female), "unknown" when the lexicon does not say. */
export const firstNameGender = (w: string): Gender => info(w).gender;

/**
 * A noun for a person by what they do or are ("maintainer", "baker", "record holder", "defenceman", "daughter"): the
 * role lexicon, a word compromise tags as a person noun, or an unknown agent noun ("holder", "founder").
 */
export function isPersonNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (ROLE_NOUNS.has(w)) return true;
  const tags = info(w).tags;
  return tags.includes("Actor") || (tags.length === 0 && w.length >= 6 && /(?:er|or|ist|ian)$/.test(w));
}

/** Lexicon tags, for rules that need finer distinctions (verbs vs nouns). */
export const lexTags = (w: string): string[] => info(w).tags;

/** Grammar words ("Was", "When", "Despite", "The"): never inside a name. */
export const isFunctionWord = (w: string): boolean => info(w).functionWord;

/** "British", "Saudi", "American": a nationality, which qualifies a name rather than starting one. */
export const isDemonym = (w: string): boolean => info(w).demonym;

/** The lexicon record of a token, kept on the token: the run scanner asks several questions about each word. */
export function lexOf(t: { word: string; lex?: WordInfo }): WordInfo {
  t.lex ??= info(t.word);
  return t.lex;
}

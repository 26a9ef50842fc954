import nlp from "compromise";
import { WORD_FIRST_NAMES } from "./vocabulary.ts";

// compromise's built-in lexicon (about 25k words, each with a part-of-speech or entity tag) is read once. Looking
// words up in it is cheap, unlike running the full tagger, so it is our main source of "is this a first name /
// a place / a common English word" evidence.
type Tag = string | string[];
const LEXICON: Record<string, Tag> = (nlp.model() as { one: { lexicon: Record<string, Tag> } }).one.lexicon;

const NONE: string[] = [];
const cache = new Map<string, string[]>();

// Memoised: the same capitalised words are looked up again and again across an article.
function tagsOf(word: string): string[] {
  let tags = cache.get(word);
  if (tags) return tags;
  const t = Object.hasOwn(LEXICON, word.toLowerCase()) ? LEXICON[word.toLowerCase()] : undefined;
  tags = t === undefined ? NONE : Array.isArray(t) ? t : [t];
  if (cache.size > 100_000) cache.clear();
  cache.set(word, tags);
  return tags;
}

const FIRST_NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName"]);
const NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName", "LastName", "Person"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place", "Demonym"]);
const ORG_TAGS = new Set(["Organization", "SportsTeam"]);

export const isFirstName = (w: string): boolean =>
  WORD_FIRST_NAMES.has(w.toLowerCase()) || tagsOf(w).some((t) => FIRST_NAME_TAGS.has(t));
export const isKnownName = (w: string): boolean => isFirstName(w) || tagsOf(w).some((t) => NAME_TAGS.has(t));
export const isLastName = (w: string): boolean => tagsOf(w).includes("LastName");
export const isPlace = (w: string): boolean => tagsOf(w).some((t) => PLACE_TAGS.has(t));
export const isOrganisation = (w: string): boolean => tagsOf(w).some((t) => ORG_TAGS.has(t));

/** A word the lexicon knows as ordinary vocabulary (verb, adjective, determiner, month...), not as a name. */
export function isCommonWord(w: string): boolean {
  if (WORD_FIRST_NAMES.has(w.toLowerCase())) return false;
  const tags = tagsOf(w);
  if (tags.length === 0) return false;
  return !tags.some((t) => NAME_TAGS.has(t) || PLACE_TAGS.has(t) || ORG_TAGS.has(t) || t === "ProperNoun");
}

/** Lexicon tags, for rules that need finer distinctions (verbs vs nouns). */
export const lexTags = tagsOf;

/** Grammar words ("Was", "When", "Despite", "The"): never inside a name. */
export function isFunctionWord(w: string): boolean {
  if (isKnownName(w)) return false;
  return tagsOf(w).some((t) =>
    /^(?:Determiner|Preposition|Conjunction|Pronoun|QuestionWord|Adverb|Copula|Modal|Auxiliary|Negative|Possessive)$/.test(t),
  );
}

/** A finite verb ("Says", "Sang"): ends a headline run only when more capitalised words follow it. */
export function isFiniteVerb(w: string): boolean {
  return !isKnownName(w) && tagsOf(w).some((t) => /^(?:PastTense|PresentTense|Verb)$/.test(t));
}

/** "British", "Saudi", "American": a nationality, which qualifies a name rather than starting one. */
export const isDemonym = (w: string): boolean => tagsOf(w).includes("Demonym");

import nlp from "compromise";

// compromise's built-in lexicon (about 25k words, each with a part-of-speech or entity tag) is read once. Looking
// words up in it is cheap, unlike running the full tagger, so it is our main source of "is this a first name /
// a place / a common English word" evidence.
type Tag = string | string[];
const LEXICON: Record<string, Tag> = (nlp.model() as { one: { lexicon: Record<string, Tag> } }).one.lexicon;

function tagsOf(word: string): string[] {
  const t = LEXICON[word.toLowerCase()];
  if (t === undefined) return [];
  return Array.isArray(t) ? t : [t];
}

const FIRST_NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName"]);
const NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName", "LastName", "Person"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place", "Demonym"]);
const ORG_TAGS = new Set(["Organization", "SportsTeam"]);

export const isFirstName = (w: string): boolean => tagsOf(w).some((t) => FIRST_NAME_TAGS.has(t));
export const isKnownName = (w: string): boolean => tagsOf(w).some((t) => NAME_TAGS.has(t));
export const isLastName = (w: string): boolean => tagsOf(w).includes("LastName");
export const isPlace = (w: string): boolean => tagsOf(w).some((t) => PLACE_TAGS.has(t));
export const isOrganisation = (w: string): boolean => tagsOf(w).some((t) => ORG_TAGS.has(t));

/** A word the lexicon knows as ordinary vocabulary (verb, adjective, determiner, month...), not as a name. */
export function isCommonWord(w: string): boolean {
  const tags = tagsOf(w);
  if (tags.length === 0) return false;
  return !tags.some((t) => NAME_TAGS.has(t) || PLACE_TAGS.has(t) || ORG_TAGS.has(t) || t === "ProperNoun");
}

/** Lexicon tags, for rules that need finer distinctions (verbs vs nouns). */
export const lexTags = tagsOf;

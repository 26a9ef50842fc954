// Grammatical gender of a person, only to keep "she said" from resolving to the nearest man. Unknown is the
// common answer and is compatible with both pronouns.
import { FEMALE_PRONOUNS, MALE_PRONOUNS } from "../../lexicon/grammar.ts";
import { GENDERED_NOUNS, HONORIFICS, type Gender } from "../../lexicon/people.ts";
import { firstNameGender } from "../../lexicon/words.ts";

export type { Gender };

const wordGender = (word: string): Gender => {
  const w = word.toLowerCase().replace(/\.$/, "");
  return HONORIFICS.get(w) ?? GENDERED_NOUNS.get(w) ?? "unknown";
};

/** Gender from a gendered word just before the name ("Mrs", "Congresswoman", "her daughter"), or from the first name. */
export function genderOf(name: string, context: string): Gender {
  const before = context.slice(0, Math.max(0, context.lastIndexOf(name))).trimEnd();
  const said = wordGender(before.match(/[\p{L}.]+$/u)?.[0] ?? "");
  if (said !== "unknown") return said;
  const words = name.split(/\s+/);
  const title = wordGender(words[0] ?? "");
  return title !== "unknown" ? title : firstNameGender(words[0] as string);
}

/** The gender a pronoun requires. */
export function pronounGender(pronoun: string): Gender {
  const p = pronoun.toLowerCase();
  if (MALE_PRONOUNS.has(p)) return "male";
  if (FEMALE_PRONOUNS.has(p)) return "female";
  return "unknown";
}

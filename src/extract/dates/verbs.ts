/**
 * Verb forms for reading the tense of a clause (clauseTense.ts): compromise's lexicon knows the irregular forms
 * ("fell", "met", "sought") and tags regular ones, and the endings tell the rest ("-ed", "-ing", "-s" of a known verb).
 * Looking words up is cheap, unlike running compromise's tagger. The word lists here are to move into the shared
 * lexicon with the others.
 */
import { compromiseModel } from "../../lexicon/compromise.ts";
import { IRREGULAR_VERBS } from "../inflections.ts";

export type VerbForm = "past" | "participle" | "present" | "base" | "gerund" | "modal";

// Loaded on first use (../../lexicon/compromise.ts).
const lexicon = (): Record<string, string | string[]> => compromiseModel().one.lexicon;
// Words the lexicon lists once but that may be a verb too ("start", "order": "Noun|Verb"; "close": "Adj|Present").
const switches = (): Record<string, string> => compromiseModel().two.switches;
const mayBeVerb = (word: string): boolean =>
  tagsOf(word).includes("Infinitive") || (Object.hasOwn(switches(), word) && /Verb|Present/.test(switches()[word] ?? ""));
const tagsOf = (word: string): string[] => {
  const t = Object.hasOwn(lexicon(), word) ? lexicon()[word] : undefined;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
};

const AUXILIARIES: Record<string, VerbForm> = {
  was: "past", were: "past", had: "past", did: "past",
  is: "present", are: "present", am: "present", has: "present", have: "present", does: "present", do: "present",
  will: "modal", would: "modal", shall: "modal", could: "modal", might: "modal", may: "modal", should: "modal", must: "modal",
};
// Words ending in "-ed" or "-ing" that are not verb forms.
const NOT_VERBS = new Set([
  "need", "speed", "seed", "feed", "deed", "breed", "greed", "bed", "red", "shed", "bred", "hundred", "kindred", "indeed",
  "morning", "evening", "during", "nothing", "something", "anything", "everything", "thing", "king", "ring", "spring",
  "string", "wing", "bring", "sing", "swing", "ceiling", "sibling", "darling", "pudding", "wedding", "ping",
]);

/** Whether the lexicon knows a word at all (after "to", a word it does not know is most likely a verb: "to testify"). */
export const known = (word: string): boolean => Object.hasOwn(lexicon(), word) || Object.hasOwn(switches(), word);

const cache = new Map<string, VerbForm | null>();

/** The verb form of a lower-case word, or null when it is not a verb form (or is too often a noun to tell). */
export function verbForm(word: string): VerbForm | null {
  const known = cache.get(word);
  if (known !== undefined) return known;
  const form = formOf(word);
  if (cache.size < 50_000) cache.set(word, form);
  return form;
}

function formOf(word: string): VerbForm | null {
  // Own keys only: "constructor" in an article is a word, not Object.prototype's.
  const aux = Object.hasOwn(AUXILIARIES, word) ? AUXILIARIES[word] : undefined;
  if (aux) return aux;
  if (NOT_VERBS.has(word) || word.length < 3) return null;
  const tags = tagsOf(word);
  if (tags.includes("PastTense") || IRREGULAR_VERBS.has(word)) return "past";
  if (tags.includes("Participle")) return "participle";
  if (tags.includes("Gerund") || (word.length > 5 && word.endsWith("ing"))) return "gerund";
  // "unspecified", "undisclosed": adjectives.
  if (word.length > 3 && word.endsWith("ed") && !word.startsWith("un")) return "past";
  if (tags.includes("PresentTense")) return "present";
  if (mayBeVerb(word)) return "base";
  return null;
}

// Verbs that plan, schedule or expect what they govern: a date in their complement lies ahead ("planned a rally on
// Saturday", "is scheduled for Tuesday", "expected on Monday").
const PLANNING = new Set(["plan", "schedule", "set", "expect", "due", "slate", "poise"]);

/** Whether a word is a form of a verb that plans or expects ("planned", "is scheduled", "expects", "due"). */
export function plansAhead(word: string): boolean {
  return lemmas(word).some((s) => PLANNING.has(s));
}

/** The base forms a verb form may have ("planned" plan, "invites" invite, "told" tell). */
function lemmas(word: string): string[] {
  const irregular = IRREGULAR_VERBS.get(word);
  return [word, ...(irregular ? [irregular] : []), word.replace(/(?:ed|es|s|ing)$/, ""), word.replace(/(?:d|s)$/, ""), word.replace(/(.)\1(?:ed|ing)$/, "$1")];
}

// Verbs that plan, ask for or promise what an infinitive after them says: it lies ahead ("invited Trump to meet on
// Thursday", "plans to vote in March").
const ASKING = new Set(
  (
    "plan schedule set expect intend hope aim want prepare propose agree decide vow promise pledge threaten invite ask " +
    "urge seek arrange due poise order call tell"
  ).split(" "),
);

/** Whether an infinitive after this verb form lies ahead of it. */
export function asksAhead(word: string): boolean {
  return lemmas(word).some((s) => ASKING.has(s));
}

// Verbs after which an infinitive tells what was done, not what is to come: "had to leave", "managed to reach".
const DONE_WITH = new Set(
  "had used managed tried failed refused began started continued went came helped needed".split(" "),
);

/** Whether an infinitive after this word tells of something done rather than to come. */
export const infinitiveDone = (word: string): boolean => DONE_WITH.has(word);

/** "as soon as", "as early as", "no earlier than" just before a date: the earliest it can be, so ahead. */
export const LOOKS_AHEAD_BEFORE = /\b(?:as\s+(?:soon|early)\s+as|no\s+earlier\s+than)\s+(?:next\s+)?$/i;

/**
 * A deadline or a limit just before a date ("extended to Nov. 20", "completed by Dec. 15", "until March 6", "through
 * January", "effective June 1"): set in the past, it mostly lies ahead, so the clause's verb does not tell its tense.
 */
export const DEADLINE_BEFORE =
  /\b(?:to|by|until|till|through|thru|effective|before)\s+(?:(?:early|late|mid)[-\s]+|the\s+(?:end|middle|start)\s+of\s+|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s+(?:[A-Z]{2,4}\s+)?)?$/i;

import { foldName } from "../../lexicon/fold.ts";
import { NOT_NAMES } from "../../lexicon/grammar.ts";
import { DOCUMENT_WORDS } from "../../lexicon/organisations.ts";
import { AFFILIATIONS, HONORIFICS, isTitleWord, NAME_PARTICLES } from "../../lexicon/people.ts";
import { isFirstName, isFunctionWord, isKnownName, lexTags } from "../../lexicon/words.ts";
import type { ArticlePeople, ArticleText } from "../types.ts";
import { genderOf, type Gender } from "./gender.ts";
import { isNotName, surname } from "./names.ts";

/** A place the article names a person (as the people extractor found them), with the person's canonical name. */
export interface NameMention {
  start: number;
  end: number;
  name: string;
  gender: Gender;
}

/** The article's people as quote attribution sees them: the people extractor's mentions and a speaker lookup. */
export interface PeopleIndex {
  mentions: NameMention[];
  /**
   * The speaker a name written in an attribution clause at [from, to) refers to: the person the people extractor
   * found there, else the person of that surname named most recently before it (respecting Mr./Mrs./Ms.), else
   * the name as written when it is one; null for a phrase that is no name ("Retired Lt", "Unlike Obama").
   */
  speaker(written: string, from: number, to: number): string | null;
  genderOf(name: string): Gender;
  /** Each person (canonical name) with every role or title the article states for them. */
  roles: Map<string, string[]>;
}

const HONORIFIC = /^(\p{L}+)\.?\s+(?=\p{Lu})/u;

/** Indexes the people extractor's mentions (the one name detector) for speaker and pronoun resolution. */
export function indexPeople(article: ArticleText, people: ArticlePeople): PeopleIndex {
  const text = article.text;
  const mentions: NameMention[] = [];
  for (const m of people.mentions) {
    const name = people.people[m.person]?.name ?? m.text;
    if (plausible(name)) mentions.push({ start: m.start, end: m.end, name, gender: "unknown" });
  }
  const genders = learnGenders(text, mentions);
  for (const m of mentions) m.gender = genders.get(m.name) ?? "unknown";
  const genderOfName = (name: string): Gender => genders.get(name) ?? genderOf(name, name);

  let midSentence: Set<string> | null = null;
  const lookup = (written: string, from: number, to: number): string | null => {
    const h = HONORIFIC.exec(written);
    const honorific = h && HONORIFICS.has((h[1] as string).toLowerCase()) ? (h[1] as string) : null;
    const surface = honorific ? written.slice((h as RegExpExecArray)[0].length) : written;
    const want = honorific ? (HONORIFICS.get(honorific.toLowerCase()) ?? "unknown") : "unknown";
    const last = foldName(surname(surface));
    const fits = (m: NameMention): boolean => compatible(want, m.gender);
    // The person the people extractor found inside the clause itself.
    const here = mentions.find((m) => m.start >= from && m.end <= to + 1 && mentionWords(text, m).includes(last) && fits(m));
    if (here) return here.name;
    const full = surface.includes(" ") ? mentions.find((m) => foldName(m.name) === foldName(surface)) : undefined;
    if (full) return full.name;
    // A surname alone: the person with that surname named most recently before the clause, else the first after.
    const sameName = (m: NameMention): boolean => m.name.includes(" ") && foldName(surname(m.name)) === last && fits(m);
    const before = lastBefore(mentions, from, sameName) ?? mentions.find((m) => m.start >= to && sameName(m));
    if (before && !surface.includes(" ")) return before.name;
    // After an honorific a lone word is a surname, even one that doubles as a title ("Mr. King").
    if (honorific && !surface.includes(" ")) return /^\p{Lu}\p{L}/u.test(surface) ? surface : null;
    if (!isNameLike(surface)) return null;
    if (surface.includes(" ")) return surface;
    // "Intel's Linux": a lone word after someone's possessive is their product or team unless it is a known person.
    const at = text.slice(from, to + 1).indexOf(surface);
    if (at >= 0 && /\p{Lu}[\p{L}.-]*['\u2019]s?\s+$/u.test(text.slice(Math.max(0, from + at - 40), from + at))) return null;
    // "I hope America says, ...": a country or a city nobody introduced as a person is no speaker.
    if (lexTags(surface).some((t) => PLACE_TAGS.has(t))) return null;
    // A lone capitalised word nobody introduced ("Lordy, ...", "Pollsters ...") is a name only if the text also
    // capitalises it mid-sentence.
    midSentence ??= new Set(Array.from(text.matchAll(MID_SENTENCE_CAPITAL), (m) => m[0]));
    return midSentence.has(surface) ? surface : null;
  };
  const speaker = (written: string, from: number, to: number): string | null => {
    // "Carla Sanchez." at a sentence end; a transcript's "PENCE:" is Pence when the article names a Pence.
    const name = /\p{L}{2}\.$/u.test(written) && !/\b(?:Jr|Sr|Inc|Co|Corp|Ltd)\.$/.test(written) ? written.slice(0, -1) : written;
    if (!/^\p{Lu}[\p{Lu}'.-]+(?:\s+\p{Lu}[\p{Lu}'.-]+)*$/u.test(name)) return lookup(name, from, to);
    return lookup(name.replace(/\p{Lu}+/gu, (w) => (w[0] as string) + w.slice(1).toLowerCase()), from, to) ?? lookup(name, from, to);
  };
  const roles = new Map<string, string[]>();
  people.people.forEach((p, i) => {
    if (plausible(p.name)) roles.set(p.name, [...(roles.get(p.name) ?? []), ...(people.roles[i] ?? [])]);
  });
  return { mentions, speaker, genderOf: genderOfName, roles };
}

const compatible = (want: Gender, have: Gender): boolean => want === "unknown" || have === "unknown" || want === have;

function mentionWords(text: string, m: NameMention): string[] {
  const words = [...foldName(text.slice(m.start, m.end)).split(" "), ...foldName(m.name).split(" ")];
  return words.map((w) => w.replace(/'s?$/, ""));
}

function lastBefore(mentions: NameMention[], at: number, ok: (m: NameMention) => boolean): NameMention | undefined {
  let found: NameMention | undefined;
  for (const m of mentions) {
    if (m.start >= at) break;
    if (ok(m)) found = m;
  }
  return found;
}

const PLACE_TAGS = new Set(["Country", "City", "Place", "Region"]);
const MID_SENTENCE_CAPITAL = /(?<=[\p{Ll}\d,;"] )\p{Lu}[\p{L}'-]*/gu;

/**
 * A speaker name as written (a person's, or an organisation's: "Zero Hedge", "the White House"), not a phrase that
 * only looks like one: no word glued to the next ("Ben SasseA"), no title cut from its name ("Retired Lt"), no
 * grammar word ("Unlike Obama").
 */
function isNameLike(surface: string): boolean {
  const words = surface.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  const particle = (w: string): boolean => NAME_PARTICLES.has(w.toLowerCase());
  if (words.some((w) => /\p{Ll}\p{Lu}$/u.test(w) || (/^\p{Ll}/u.test(w) && !particle(w)))) return false;
  const lastWord = words[words.length - 1] as string;
  const last = lastWord.toLowerCase();
  if (isTitleWord(lastWord) || NOT_NAMES.has(last)) return false;
  // "the Beige Book said": a document is no speaker.
  if (words.length > 1 && DOCUMENT_WORDS.has(last)) return false;
  // "a Democrat said", "a Tennessee Democrat said": a party names no one ("John Tory" does).
  if (AFFILIATIONS.has(last) && (words.length === 1 || !isFirstName(words[0] as string))) return false;
  return !words.some((w) => isFunctionWord(w) && !isKnownName(w) && !particle(w));
}

/** Gender per person: a gendered word before a mention ("Mrs", "her daughter"), the first name, then the pronouns
 * that follow them. */
function learnGenders(text: string, mentions: NameMention[]): Map<string, Gender> {
  const genders = new Map<string, Gender>();
  const learn = (name: string, g: Gender): void => {
    if (g !== "unknown" && !genders.has(name)) genders.set(name, g);
  };
  for (const m of mentions) learn(m.name, genderOf(text.slice(m.start, m.end), text.slice(Math.max(0, m.start - 30), m.end)));
  for (const m of mentions) learn(m.name, genderOf(m.name, m.name));
  for (const [name, g] of pronounVotes(text, mentions)) learn(name, g);
  return genders;
}

const MALE_PRONOUN = /\b(?:he|his|him|himself)\b/i;
const FEMALE_PRONOUN = /\b(?:she|her|hers|herself)\b/i;

/**
 * Gender from the pronouns that follow a person before anyone else is named ("Sarandon said her ..."): a cheap
 * stand-in for coreference, only decided when one side clearly wins.
 */
function pronounVotes(text: string, mentions: NameMention[]): Map<string, Gender> {
  const votes = new Map<string, { male: number; female: number }>();
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i] as NameMention;
    const next = mentions[i + 1]?.start ?? text.length;
    // Up to the next name or the end of the sentence: a "she said" two sentences on may be someone else.
    const window = text.slice(m.end, Math.min(next, m.end + 80)).split(/[.!?]\s/)[0] as string;
    const male = MALE_PRONOUN.test(window);
    const female = FEMALE_PRONOUN.test(window);
    if (male === female) continue;
    const v = votes.get(m.name) ?? { male: 0, female: 0 };
    if (male) v.male++;
    else v.female++;
    votes.set(m.name, v);
  }
  const out = new Map<string, Gender>();
  for (const [name, v] of votes) {
    if (v.male > 0 && (v.female === 0 || v.male >= v.female + 2)) out.set(name, "male");
    else if (v.female > 0 && (v.male === 0 || v.female >= v.male + 2)) out.set(name, "female");
  }
  return out;
}

/** A person name, not a headline fragment: at most four words, none of them a pronoun or sentence word. */
function plausible(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length <= 4 && !words.some((w) => isNotName(w));
}

/** The mentions inside [from, to), by binary search: mentions are sorted, and long articles stay linear overall. */
export function mentionsIn(mentions: NameMention[], from: number, to: number): NameMention[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid] as NameMention).start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: NameMention[] = [];
  for (let i = lo; i < mentions.length && (mentions[i] as NameMention).end <= to; i++) out.push(mentions[i] as NameMention);
  return out;
}

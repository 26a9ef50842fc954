import type { ArticlePeople, ArticleText } from "../types.ts";
import { genderOf, type Gender } from "./gender.ts";
import { isNotName, namesIn, surname } from "./names.ts";

/** A place the article names a person, with the canonical name pronouns should resolve to. */
export interface NameMention {
  start: number;
  end: number;
  name: string;
  gender: Gender;
}

/** The article's people as quote attribution sees them: canonical names, their mentions, and a name lookup. */
export interface PeopleIndex {
  mentions: NameMention[];
  /** Canonical form of a name as written in an attribution ("Ojeda" -> "Miguel Ojeda"), the name itself, or null
   * when a lone capitalised word does not look like a name. */
  canonical(surface: string): string | null;
  genderOf(name: string): Gender;
}

/**
 * Combines the people extractor's mentions with our own capitalised name runs (surnames linked back to the full
 * name that introduced them). The own runs keep quotes attributed when the people extractor finds no one.
 */
export function indexPeople(article: ArticleText, people: ArticlePeople): PeopleIndex {
  const text = article.text;
  const genders = new Map<string, Gender>();
  const learn = (name: string, context: string): void => {
    const g = genderOf(name, context);
    if (g !== "unknown" && !genders.has(name)) genders.set(name, g);
  };
  // Our own capitalised-run detection always runs; the people extractor's mentions, when there are any, take
  // precedence where the two overlap. Either alone misses people the other finds ("Tony Woodley", a union leader
  // the people extractor skipped, was the "he" of the next quote).
  const own = ownMentions(text);
  const full = own.filter((m) => m.name.includes(" ")).map((m) => m.name);
  let mentions: NameMention[] = own;
  if (people.people.length) {
    const theirs: NameMention[] = [];
    for (const m of people.mentions) {
      const name = people.people[m.person]?.name ?? m.text;
      if (plausible(name)) theirs.push({ start: m.start, end: m.end, name, gender: "unknown" });
    }
    full.push(...people.people.map((p) => p.name).filter(plausible));
    const covered = (x: NameMention): boolean => theirs.some((t) => t.start < x.end && x.start < t.end);
    mentions = [...theirs, ...own.filter((x) => !covered(x))].sort((a, b) => a.start - b.start);
  }
  for (const m of mentions) learn(m.name, text.slice(Math.max(0, m.start - 6), m.end));
  for (const name of full) learn(name, name);
  for (const [name, g] of pronounVotes(text, mentions)) if (!genders.has(name)) genders.set(name, g);
  for (const m of mentions) m.gender = genders.get(m.name) ?? "unknown";

  let midSentence: Set<string> | null = null;
  const canonical = (written: string): string | null => {
    // "Mr. King": the honorific says the word is a surname, so it may not be read as a first name.
    const honorific = /^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.\s+/.exec(written);
    const surface = honorific ? written.slice(honorific[0].length) : written;
    const last = surname(surface);
    const hit = people.resolve(surface);
    // Trust the people extractor's canonical form only when it is recognisably the same name.
    const resolved = hit !== null ? people.people[hit]?.name : undefined;
    const firstName = !honorific && resolved?.startsWith(`${surface} `);
    if (resolved && plausible(resolved) && (surname(resolved) === last || firstName)) return resolved;
    if (surface.includes(" ") && full.includes(surface)) return surface;
    // The fullest earlier name with this surname: "Ojeda" -> "Miguel Ojeda".
    let best: string | null = null;
    for (const name of full) if (surname(name) === last && name.length > (best?.length ?? surface.length - 1)) best = name;
    if (best) return best;
    if (surface.includes(" ") || honorific) return surface;
    // A lone capitalised word nobody introduced ("Lordy, ...", "Pollsters ...") is a name only if the text also
    // capitalises it mid-sentence.
    midSentence ??= new Set(Array.from(text.matchAll(MID_SENTENCE_CAPITAL), (m) => m[0]));
    return midSentence.has(surface) ? surface : null;
  };
  return { mentions, canonical, genderOf: (name) => genders.get(name) ?? genderOf(name, name) };
}

/** Capitalised name runs, plus bare surnames of the people those runs introduced ("Hellwig" after "Christoph
 * Hellwig"), which the run detector skips as single words. */
function ownMentions(text: string): NameMention[] {
  const found = namesIn(text);
  const bySurname = new Map<string, string>();
  for (const f of found) if (f.name.includes(" ") && !bySurname.has(surname(f.name))) bySurname.set(surname(f.name), f.name);
  const mentions: NameMention[] = found.map((f) => ({
    start: f.start,
    end: f.end,
    name: f.name.includes(" ") ? f.name : (bySurname.get(surname(f.name)) ?? f.name),
    gender: "unknown",
  }));
  if (!bySurname.size) return mentions;
  // One pass over capitalised words with a map lookup (an alternation of every surname would rescan the text
  // once per name); runs already found cover their own surnames, checked with a pointer into the sorted runs.
  const runs = mentions.slice();
  let r = 0;
  for (const m of text.matchAll(CAPITALISED_WORD)) {
    const name = bySurname.get(m[0]);
    if (!name) continue;
    while (r < runs.length && (runs[r] as NameMention).end <= m.index) r++;
    if (r < runs.length && (runs[r] as NameMention).start <= m.index) continue;
    const end = m.index + m[0].length;
    if (/^\s+\p{Lu}/u.test(text.slice(end, end + 3))) continue;
    mentions.push({ start: m.index, end, name, gender: "unknown" });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

const MID_SENTENCE_CAPITAL = /(?<=[\p{Ll}\d,;"] )\p{Lu}[\p{L}'-]*/gu;
const CAPITALISED_WORD = /(?<![\p{L}\p{N}'-])\p{Lu}[\p{L}'-]*(?<!'s)/gu;

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


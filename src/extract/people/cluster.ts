import type { NameGroup } from "./accept.ts";
import type { Candidate } from "./candidates.ts";
import { pronounAfter, speaks } from "./context.ts";
import { attributiveShare, nameWords, occurrenceScore } from "./evidence.ts";
import { foldName } from "../../lexicon/fold.ts";
import { ORG_WORDS } from "../../lexicon/organisations.ts";
import { AFFILIATIONS, AMBIGUOUS_TITLES, GENDERED_NOUNS, HONORIFICS, type Gender } from "../../lexicon/people.ts";
import { firstNameGender, isCommonWord, isFirstName, isKnownName, isOrganisation, isPlace } from "../../lexicon/words.ts";
import { editDistance } from "../../util/editDistance.ts";
import { sameFullName, usedInLowerCase } from "./names.ts";

/** A person being assembled from the article's mentions. */
export interface PersonDraft {
  /** Folded name words of the fullest form ("wedson", "almeida", "filho"). */
  words: string[];
  /** Every occurrence resolved to the person, in text order once `cluster` returns. */
  occurrences: Candidate[];
}

/**
 * Builds people from the accepted names, fullest forms first, then attaches one-word mentions (surnames, first
 * names, misspellings) to the nearest compatible person.
 */
export function cluster(groups: NameGroup[], candidates: Candidate[], text = ""): PersonDraft[] {
  const accepted = groups
    .filter((g) => g.person)
    .sort((a, b) => b.words.length - a.words.length || b.occurrences.length - a.occurrences.length || a.occurrences[0]!.start - b.occurrences[0]!.start);
  const people: PersonDraft[] = [];
  for (const g of accepted) {
    const words = g.words.map(foldName);
    const matches = people.filter((p) => sameFullName(words, p.words));
    // Identical surnames with different first names fail sameFullName and stay apart ("Daniel Almeida").
    const target = matches.sort((a, b) => b.occurrences.length - a.occurrences.length)[0];
    if (target) target.occurrences.push(...g.occurrences);
    else people.push({ words, occurrences: [...g.occurrences] });
  }
  absorbLeadingWords(people);
  const grouped = new Set(accepted.flatMap((g) => g.occurrences));
  const singles = candidates.filter((c) => !grouped.has(c) && nameWords(c).length === 1);
  const pending: Candidate[] = [];
  let index = indexWords(people);
  for (const c of singles) {
    const p = attachSingle(c, people, index, false);
    if (p) p.occurrences.push(c);
    else pending.push(c);
  }
  // A one-word name that matches no full name is a person of its own only with a title or as a speaker.
  const byWord = new Map<string, Candidate[]>();
  for (const c of pending) {
    const key = foldName(nameWords(c)[0] as string);
    byWord.set(key, [...(byWord.get(key) ?? []), c]);
  }
  for (const [key, occ] of byWord) {
    const word = nameWords(occ[0] as Candidate)[0] as string;
    if (occ.some((c) => occurrenceScore(c) <= -3)) continue;
    const honorific = occ.some((c) => HONORIFICS.has(c.title.toLowerCase().replace(/\.$/, "")));
    // A personal title is enough ("Mr. Hellwig"); a speech verb only for a word known as a name ("Sanders said"),
    // unless a personal pronoun follows ("Trudeau said he ..."; plurals like "Tories said they" stay out).
    const context = (c: Candidate): number => occurrenceScore(c) - (c.title ? 3 : 0);
    const saysHe = (c: Candidate): boolean => speaks(c) && pronounAfter(c) > 0 && !/[^s]s$/.test(word);
    // A surname that is also a word ("Trump", "Cook") is a name when the article never writes it in lower case and
    // it speaks as a person, again and again.
    const speaksAsPerson = occ.length >= 2 && occ.some(saysHe) && !usedInLowerCase(text, word);
    // "the Obama administration" is common even for people; with a title seen, tolerate more of it.
    const titled = occ.some((c) => c.title) || speaksAsPerson;
    if (!(honorific || plausibleSurname(word) || (speaksAsPerson && plausibleSurname(word, true))) || attributiveShare(occ) > (titled ? 0.5 : 0.2)) continue;
    if (!honorific && !isKnownName(word) && usedInLowerCase(text, word)) continue;
    const person = occ.some((c) => personalTitle(c.title) || saysHe(c) || (context(c) >= 2 && isKnownName(word)));
    if (person) people.push({ words: [key], occurrences: [] });
  }
  index = indexWords(people);
  for (const c of pending) {
    // Misspellings are rare one-offs; a word used again and again ("Linux" near "Linus") is a different word.
    const fuzzy = (byWord.get(foldName(nameWords(c)[0] as string))?.length ?? 0) <= 2;
    const p = attachSingle(c, people, index, fuzzy);
    if (p) p.occurrences.push(c);
  }
  for (const p of people) p.occurrences.sort((a, b) => a.start - b.start);
  return people.filter((p) => p.occurrences.length > 0).sort((a, b) => a.occurrences[0]!.start - b.occurrences[0]!.start);
}

/** A title that only people carry ("Mr.", "Sen.", "President"), unlike "General" in "General Election". */
function personalTitle(title: string): boolean {
  const last = title.split(" ").pop()?.replace(/\.$/, "").toLowerCase() ?? "";
  return title !== "" && !AMBIGUOUS_TITLES.has(last);
}

/** A word that can be a surname: no organisation, party or place word, and (unless `commonToo`) no ordinary word. */
function plausibleSurname(word: string, commonToo = false): boolean {
  const notName = ORG_WORDS.has(word.toLowerCase()) || AFFILIATIONS.has(word.toLowerCase()) || isOrganisation(word) || isPlace(word);
  return !notName && (commonToo || !isCommonWord(word) || isKnownName(word));
}

/** Which people a single word can name, as surname and as first name; rebuilt when people are added. */
interface WordIndex {
  surname: Map<string, PersonDraft[]>;
  first: Map<string, PersonDraft[]>;
}

function indexWords(people: PersonDraft[]): WordIndex {
  const surname = new Map<string, PersonDraft[]>();
  const first = new Map<string, PersonDraft[]>();
  const add = (m: Map<string, PersonDraft[]>, w: string, p: PersonDraft): void => {
    const list = m.get(w) ?? [];
    if (!list.includes(p)) list.push(p);
    m.set(w, list);
  };
  for (const p of people) {
    if (p.words.length === 1) add(surname, p.words[0] as string, p);
    else {
      for (const w of p.words.slice(1)) add(surname, w, p);
      add(first, p.words[0] as string, p);
      if (reversedFirst(p, p.words[0] as string)) add(surname, p.words[0] as string, p);
    }
  }
  return { surname, first };
}

/** The person a one-word mention refers to: a surname or first name match, the nearest one when several do. */
function attachSingle(c: Candidate, people: PersonDraft[], index: WordIndex, fuzzy: boolean): PersonDraft | null {
  const w = foldName(nameWords(c)[0] as string);
  // "J Robinson" is not Andy Robinson.
  const first = c.tokens[c.from] as Candidate["tokens"][number];
  if (first.word.length === 1 && c.to - c.from > 1) {
    const initial = first.word.toLowerCase();
    const compatible = people.filter((p) => p.words.length === 1 || p.words[0]?.startsWith(initial));
    if (compatible.length < people.length) return attachSingle(c, compatible, indexWords(compatible), fuzzy);
  }
  // "Mount Vernon, Virginia, many ...": a place after a place, not Virginia Welch.
  const prev = c.tokens[c.lead - 1];
  const after = (c.tokens[c.to - 1] as Candidate["tokens"][number]).after;
  if (prev?.cap && /^\s*,\s*$/.test(prev.after) && /^\s*[,.]/.test(after) && !c.title) return null;
  // "Mrs. Trump" is not Donald Trump: an honorific's gender rules out people of the other.
  const want = HONORIFICS.get(c.title.toLowerCase().replace(/\.$/, "")) ?? "unknown";
  const fits = (list: PersonDraft[] | undefined): PersonDraft[] =>
    (list ?? []).filter((p) => want === "unknown" || draftGender(p) === "unknown" || draftGender(p) === want);
  const bySurname = fits(index.surname.get(w));
  // "Mr. Trump" is Donald Trump before Maryanne Trump Barry, who carries the word as a middle name.
  const byLastWord = bySurname.filter((p) => p.words[p.words.length - 1] === w);
  if (byLastWord.length) return nearest(byLastWord, c.start);
  if (bySurname.length) return nearest(bySurname, c.start);
  const byFirst = fits(index.first.get(w));
  if (byFirst.length) return nearest(byFirst, c.start);
  if (!fuzzy || w.length < 5 || isCommonWord(w) || isPlace(w) || isOrganisation(w) || c.tokens[c.to]?.cap) return null;
  // "Cristoph" for "Christoph": one letter off a name the article spells in full.
  const close = people.filter(
    (p) => p.words.length > 1 && p.words.some((x) => x.length >= 5 && x[0] === w[0] && editDistance(x, w) === 1),
  );
  return close.length === 1 ? (close[0] as PersonDraft) : null;
}

/** "Feng" names "Boqun Feng" even where the article wrote "Feng Boqun" as the fullest form. */
function reversedFirst(p: PersonDraft, w: string): boolean {
  return p.words[0] === w && p.occurrences.some((o) => foldName(nameWords(o)[nameWords(o).length - 1] ?? "") === w);
}

/** The gender a person's titles ("Mrs.", "Congresswoman") or first name give, "unknown" when they say nothing. */
function draftGender(p: PersonDraft): Gender {
  for (const o of p.occurrences) {
    const title = o.title.split(/\s+/).pop()?.toLowerCase().replace(/\.$/, "") ?? "";
    const g = HONORIFICS.get(title) ?? GENDERED_NOUNS.get(title);
    if (g && g !== "unknown") return g;
  }
  return p.words.length > 1 ? firstNameGender(p.words[0] as string) : "unknown";
}

/**
 * Of several compatible people, the one most recently named in full before `at` (a surname means the person last
 * introduced with it: "Garner wrote" after "his daughter, Erica Garner"), else the first one after it.
 */
function nearest(people: PersonDraft[], at: number): PersonDraft {
  let best: PersonDraft | null = null;
  let bestPos = -Infinity;
  for (const p of people) {
    for (const o of p.occurrences) if (o.start < at && o.start > bestPos && nameWords(o).length > 1) [best, bestPos] = [p, o.start];
  }
  if (best) return best;
  let after = Infinity;
  for (const p of people) {
    for (const o of p.occurrences) if (o.start > at && o.start < after) [best, after] = [p, o.start];
  }
  return best ?? (people[0] as PersonDraft);
}

/**
 * "Miss Universe Alicia Machado" next to "Alicia Machado" in the same article: a leading word that is not a name,
 * before a full name the article also uses alone, is a title. Its occurrences join the shorter name and lose the
 * word (which becomes their title). Only within one article, so "Khoo Kay Peng" alone is left as written.
 */
function absorbLeadingWords(people: PersonDraft[]): void {
  for (let i = people.length - 1; i >= 0; i--) {
    const p = people[i] as PersonDraft;
    if (p.words.length < 3 || isKnownName(p.words[0] as string)) continue;
    const rest = p.words.slice(1).join(" ");
    const q = people.find((x) => x !== p && x.words.join(" ") === rest && isFirstName(x.words[0] as string));
    if (!q) continue;
    for (const o of p.occurrences) {
      const lead = o.tokens[o.from] as Candidate["tokens"][number];
      o.title = o.title ? `${o.title} ${lead.raw}` : lead.raw;
      o.from++;
      o.start = (o.tokens[o.from] as Candidate["tokens"][number]).start;
      o.name = o.name.slice(o.name.indexOf(" ") + 1);
      o.words = undefined;
      o.score = undefined;
    }
    q.occurrences.push(...p.occurrences);
    people.splice(i, 1);
  }
}

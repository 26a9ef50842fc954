import { AFFILIATIONS, HONORIFICS, isTitleWord as isTitleForm, NAME_PARTICLES, NAME_SUFFIXES, NOBLE_TITLES, ROLE_NOUNS, TITLE_HEADS } from "../../lexicon/people.ts";
import { isCommonWord, isDemonym, isFirstName, isFunctionWord, isKnownName, lexOf } from "../../lexicon/words.ts";
import { usedInLowerCase } from "./names.ts";
import { isInitial, tokenize, type Token } from "./tokens.ts";

/** A run of capitalised words in one sentence that may name a person, with its title stripped. */
export interface Candidate {
  sentence: number;
  /** Tokens of the sentence, shared by every candidate of that sentence (for context rules). */
  tokens: Token[];
  /** Index in `tokens` of the first and one past the last name token. */
  from: number;
  to: number;
  /** The name as written, titles and possessive dropped: "Christoph Hellwig", "Kroah-Hartman". */
  name: string;
  start: number;
  end: number;
  /** A title stripped from the front ("Sen.", "President"), with any capitalised words before it. */
  title: string;
  /** Index in `tokens` where the run began, title included (== from when there is no title). */
  lead: number;
  possessive: boolean;
  /** Memo of nameWords(): the name's words without particles, initials and suffixes. */
  words?: string[];
  /** Memo of occurrenceScore(). */
  score?: number;
}

export interface SentenceSpan {
  index: number;
  start: number;
  end: number;
}

const fold = (w: string): string => w.toLowerCase().replace(/\.$/, "");
// Courtesy titles, which add nothing to a role written before them ("Ofsted boss Mr Bell").
const isCourtesy = (w: string): boolean => HONORIFICS.has(fold(w)) || NOBLE_TITLES.has(fold(w));
const isTitleWord = (w: string): boolean => isTitleForm(fold(w)) || isTitleForm(fold(w).replace(/s$/, ""));
const isTitle = (t: Token): boolean => t.cap && isTitleWord(t.word);
// Capitalised job words inside a run act as titles too: "Spokeswoman Jessica Ditto", "Campaign Manager X".
const isRoleTitle = (t: Token): boolean => t.cap && ROLE_NOUNS.has(fold(t.word));
const isSuffix = (t: Token): boolean => NAME_SUFFIXES.has(fold(t.word)) || /^(?:II|III|IV)$/.test(t.word);
// Words joined by plain spacing (no punctuation) belong to one name; an initial's or title's period is allowed.
// Dotted initials may be written without spaces ("G.K. Butterfield").
const joined = (t: Token): boolean =>
  t.after === " " ||
  /^\s+$/.test(t.after) || (/^\.\s+$/.test(t.after) && (isInitial(t) || isAbbrev(t))) || (t.after === "." && isInitial(t));
const isAbbrev = (t: Token): boolean => isTitleForm(fold(t.word)) || isSuffix(t);

/** Every capitalised run in the sentences, cut into name candidates. */
export function findCandidates(text: string, sentences: SentenceSpan[]): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sentences) {
    if (!mayName(text, s) || BYLINE.test(text.slice(s.start, s.end))) continue;
    const tokens = tokenize(text, s.start, s.end);
    const headline = isHeadline(tokens);
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (!t.cap && !(isInitial(t) && i + 1 < tokens.length)) {
        i++;
        continue;
      }
      let j = i + 1;
      // Extend while the next word continues the name: capitalised, an initial, a suffix, or a particle
      // ("von", "da") that is itself followed by a capitalised word.
      while (j < tokens.length && joined(tokens[j - 1] as Token) && !(tokens[j - 1] as Token).possessive) {
        const n = tokens[j] as Token;
        // Headlines capitalise every word: "Hillary Clinton Was Headed" ends the name at "Was".
        // ... unless it follows a first name: "Theresa May said".
        const lex = lexOf(n);
        const afterFirstName = (): boolean => lexOf(tokens[j - 1] as Token).firstName && !tokens[j + 1]?.cap;
        if (n.cap && lex.functionWord && !isInitial(n) && !afterFirstName()) break;
        // "Rose Garden Wednesday": days and months are never part of a name.
        if (n.cap && lex.calendar) break;
        if (n.cap && lex.finiteVerb && tokens[j + 1]?.cap && joined(n)) break;
        // "Ted Cruz Hints Trump Is ...", "Charles Barkley Says": after a first name and a surname, an ordinary word in
        // -s is a headline's verb, not a third name.
        if (n.cap && j - i >= 2 && lexOf(tokens[i] as Token).firstName && /\p{Ll}s$/u.test(n.word) && !lex.knownName && lex.common) break;
        // In a headline any ordinary word ends a name: "Obama Speech", "Sanders Vows", "Clinton Camp".
        if (headline && n.cap && !isKnownName(n.word) && (isCommonWord(n.word) || usedInLowerCase(text, n.word))) break;
        if (n.cap || isSuffix(n)) j++;
        else if (NAME_PARTICLES.has(n.word) && (tokens[j + 1]?.cap ?? false) && joined(n)) j++;
        else break;
      }
      let from = i;
      const ordinary = (w: string): boolean => !isKnownName(w) && (isCommonWord(w) || usedInLowerCase(text, w));
      if (headline) while (from < j - 1 && ordinary((tokens[from] as Token).word)) from++;
      const c = cut(tokens, from, j, s.index);
      if (c && !credited(text, c)) out.push(c);
      i = j;
    }
  }
  return out;
}

// Who wrote the article or took its pictures, not whom it is about: "By Karen Holt", "Reporting by X; Editing by Y",
// "(AP Photo/Evan Vucci)", "Photo: Mark Lennihan/Reuters".
const NAME_RUN = "\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*){0,3}";
const BYLINE = new RegExp(
  `^(?:(?:Written |Additional |Compiled |Story |Text )?(?:By|Reporting by|Editing by|Writing by|reporting by)\\s+${NAME_RUN}(?:\\s*(?:,|and|&|;)\\s*(?:(?:Editing|Writing|reporting) by\\s+)?${NAME_RUN})*(?:\\s*[,|–—-]\\s*[\\p{L} .]{1,40})?\\.?)$`,
  "u",
);
const CREDIT_BEFORE = /(?:(?:Photo|Photograph|Picture|Image|Illustration|Video|Credit|Photos|Pictures)(?:\s+by|\s+credit)?\s*[:/]|\b(?:AP|AFP|Reuters|Getty|EPA|Bloomberg)\s+Photo\s*\/|Photo by)\s*$/i;
const CREDIT_AFTER = /^\s*\/\s*(?:AP|AFP|Reuters|Getty|EPA|Bloomberg|Shutterstock|Invision|Corbis|The\s+\p{Lu})/u;

function credited(text: string, c: Candidate): boolean {
  return CREDIT_BEFORE.test(text.slice(Math.max(0, c.start - 30), c.start)) || CREDIT_AFTER.test(text.slice(c.end, c.end + 20));
}

const INTERNAL_CAPITAL = /[\s\u2013\u2014]["'([]?\p{Lu}/u;
const FIRST_WORD = /["'([]?(\p{L}+)/uy;

/**
 * A sentence can name someone only if a word after the first is capitalised, or the first word could be a name
 * ("Hellwig replied ..."): most sentences fail both, and skipping them saves tokenizing. Cheap and exact.
 */
function mayName(text: string, s: SentenceSpan): boolean {
  const slice = text.slice(s.start, s.end);
  if (INTERNAL_CAPITAL.test(slice)) return true;
  FIRST_WORD.lastIndex = 0;
  const first = FIRST_WORD.exec(slice)?.[1] ?? "";
  return /^\p{Lu}/u.test(first) && !isFunctionWord(first) && !(isCommonWord(first) && !isKnownName(first));
}

/**
 * Title Case lines (headlines, section titles): most longer words capitalised. Names and titles are capitalised in
 * any sentence ("Culture Secretary Tessa Jowell and Deputy Prime Minister John Prescott have welcomed ..."), so they
 * do not count; a headline capitalises ordinary words too.
 */
function isHeadline(tokens: Token[]): boolean {
  let long = 0;
  let capital = 0;
  for (const t of tokens) {
    if (t.word.length < 4) continue;
    const c = t.word.charCodeAt(0);
    const capitalised = t.cap || (c >= 65 && c <= 90) || (c > 127 && /^\p{Lu}/u.test(t.word));
    if (capitalised && (lexOf(t).knownName || isTitleWord(t.word) || ROLE_NOUNS.has(fold(t.word)))) continue;
    long++;
    if (capitalised) capital++;
  }
  // A line without a closing stop is a heading even when short ("Mary Barra Named GM Chief Executive").
  const last = tokens[tokens.length - 1];
  const open = !!last && !/[.!?"')]/.test(last.after);
  return long >= (open ? 2 : 3) && capital / long >= 0.7;
}

/** Strips titles and leading ordinary words from tokens[i..j), or returns null when no name is left. */
function cut(tokens: Token[], i: number, j: number, sentence: number): Candidate | null {
  // A title inside the run starts the name after it: "Microsoft President Brad Smith", "Prime Minister X".
  let from = i;
  let titleFrom = -1;
  for (let k = i; k < j - 1; k++) {
    const t = tokens[k] as Token;
    const roleTitle = isRoleTitle(t) && !(k > i && isFirstName((tokens[k - 1] as Token).word));
    // "Earl Ray Tomblin": a title word that is also a first name, followed by a full name, is the first name.
    if (isFirstName(t.word) && j - k >= 3) continue;
    if (isTitle(t) || roleTitle || (TITLE_HEADS.has(fold(t.word)) && isTitle(tokens[k + 1] as Token))) {
      if (titleFrom < 0) titleFrom = k;
      from = k + 1;
    }
  }
  // Grammar words ("When", "Despite") never start a name; ordinary words ("Republican", "Prominent") are dropped
  // when a name of two or more words remains ("Republican Donald Trump"), kept otherwise ("Ban Ki-moon").
  while (from < j - 1) {
    const w = (tokens[from] as Token).word;
    // A sentence-initial -ing word ("Injecting Clinton into ...") is a verb, not a first name.
    // ... and a sentence-initial adverb ("Certainly Saddam Hussein ...").
    const gerund = from === 0 && /^\p{Lu}\p{Ll}+(?:ing|ly)$/u.test(w) && !isKnownName(w);
    // "British", "Democrat", "Crooked", "Senators" before a full name describe the person, they are not the name.
    const qualifier = (isDemonym(w) || AFFILIATIONS.has(w.toLowerCase()) || /^\p{Lu}\p{Ll}+ed$/u.test(w) || isTitleWord(w)) && !isFirstName(w);
    if (isFunctionWord(w) || gerund || (qualifier && j - from > 2) || (isCommonWord(w) && !isKnownName(w) && j - from > 2)) from++;
    else break;
  }
  if (from === j - 1 && lexOf(tokens[from] as Token).common && !lexOf(tokens[from] as Token).knownName) {
    if (titleFrom < 0) return null;
  }
  let to = j;
  while (to > from && NAME_PARTICLES.has((tokens[to - 1] as Token).word)) to--;
  if (to <= from) return null;
  // "Amherst, N.Y. Slepian was ...": initials before a lone surname are an abbreviation, not a first name.
  const afterComma = (tokens[from - 1]?.after ?? "").includes(",");
  if (afterComma && titleFrom < 0 && to - from >= 2 && tokens.slice(from, to - 1).every(isInitial)) from = to - 1;
  // Nothing but titles ("Vice President") names no one.
  if (tokens.slice(from, to).every((t) => isTitle(t) || isRoleTitle(t) || TITLE_HEADS.has(fold(t.word)))) return null;
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;
  if (!first.cap && !isInitial(first)) return null;
  // "Cinematographer John Mathieson": an unknown capitalised word before a first name and a surname is a role.
  // (Not any unknown word after a title: "Mr Khoo Kay Peng" writes the surname first.)
  const agentNoun = /(?:er|or|ist|ian|ant|ent)$/.test((tokens[from] as Token).word);
  if (j - from >= 3 && agentNoun && !isKnownName((tokens[from] as Token).word) && isFirstName((tokens[from + 1] as Token).word)) {
    if (titleFrom < 0) titleFrom = from;
    from++;
  }
  let titleStart = i;
  // "Tuesday Foreign Secretary Jack Straw": grammar words and dates before the title are not part of it.
  while (titleStart < titleFrom && (isFunctionWord((tokens[titleStart] as Token).word) || lexOf(tokens[titleStart] as Token).calendar)) titleStart++;
  // A trailing honorific adds nothing to a role: "Ofsted boss Mr Bell" → "Ofsted boss".
  let titleEnd = from;
  while (titleEnd > titleStart + 1 && isCourtesy((tokens[titleEnd - 1] as Token).word)) titleEnd--;
  const title = titleFrom >= 0 ? spanText(tokens, titleStart, titleEnd) : "";
  return {
    sentence,
    tokens,
    from,
    to,
    name: nameText(tokens, from, to),
    start: first.start,
    end: last.start + last.word.length,
    title,
    lead: titleFrom >= 0 ? i : from,
    possessive: last.possessive,
  };
}

function nameText(tokens: Token[], from: number, to: number): string {
  const parts: string[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    parts.push(isInitial(t) ? `${t.word}.` : t.word);
  }
  return parts.join(" ");
}

/** The words as written, with the spacing and periods between them ("U.S. Ambassador", "Sen."). */
function spanText(tokens: Token[], from: number, to: number): string {
  let out = "";
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    out += t.raw + (k + 1 < to ? t.after.replace(/\s+/g, " ") : t.after.startsWith(".") ? "." : "");
  }
  return out;
}

import { isCommonWord, isKnownName } from "./lexicon.ts";
import { isInitial, tokenize, type Token } from "./tokens.ts";
import { MULTIWORD_TITLE_HEADS, NAME_PARTICLES, NAME_SUFFIXES, TITLES } from "./vocabulary.ts";

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
}

export interface SentenceSpan {
  index: number;
  start: number;
  end: number;
}

const fold = (w: string): string => w.toLowerCase().replace(/\.$/, "");
const isTitle = (t: Token): boolean => t.cap && TITLES.has(fold(t.word));
const isSuffix = (t: Token): boolean => NAME_SUFFIXES.has(fold(t.word)) || /^(?:II|III|IV)$/.test(t.word);
// Words joined by plain spacing (no punctuation) belong to one name; an initial's or title's period is allowed.
const joined = (t: Token): boolean => /^\s+$/.test(t.after) || (/^\.\s+$/.test(t.after) && (isInitial(t) || isAbbrev(t)));
const isAbbrev = (t: Token): boolean => TITLES.has(fold(t.word)) || isSuffix(t);

/** Every capitalised run in the sentences, cut into name candidates. */
export function findCandidates(text: string, sentences: SentenceSpan[]): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sentences) {
    const tokens = tokenize(text, s.start, s.end);
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
        if (n.cap || isSuffix(n)) j++;
        else if (NAME_PARTICLES.has(n.word) && (tokens[j + 1]?.cap ?? false) && joined(n)) j++;
        else break;
      }
      const c = cut(tokens, i, j, s.index);
      if (c) out.push(c);
      i = j;
    }
  }
  return out;
}

/** Strips titles and leading ordinary words from tokens[i..j), or returns null when no name is left. */
function cut(tokens: Token[], i: number, j: number, sentence: number): Candidate | null {
  // A title inside the run starts the name after it: "Microsoft President Brad Smith", "Prime Minister X".
  let from = i;
  let titleFrom = -1;
  for (let k = i; k < j - 1; k++) {
    const t = tokens[k] as Token;
    if (isTitle(t) || (MULTIWORD_TITLE_HEADS.has(fold(t.word)) && isTitle(tokens[k + 1] as Token))) {
      if (titleFrom < 0) titleFrom = k;
      from = k + 1;
    }
  }
  // Sentence-initial or headline words ("When", "Despite", "Prominent") are not part of a name.
  while (from < j - 1 && isCommonWord((tokens[from] as Token).word) && !isKnownName((tokens[from] as Token).word)) {
    from++;
  }
  if (from === j - 1 && isCommonWord((tokens[from] as Token).word) && !isKnownName((tokens[from] as Token).word)) {
    if (titleFrom < 0) return null;
  }
  let to = j;
  while (to > from && NAME_PARTICLES.has((tokens[to - 1] as Token).word)) to--;
  if (to <= from) return null;
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;
  if (!first.cap && !isInitial(first)) return null;
  const title = titleFrom >= 0 ? spanText(tokens, i, from) : "";
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

function spanText(tokens: Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.raw + (t.after.startsWith(".") ? "." : ""))
    .join(" ");
}

/**
 * The place or thing a question's verb is done to, through its preposition: "merged into the kernel", "moved to
 * Paris", "elected to the Senate". A sentence where the same verb goes through the same preposition to something else
 * ("merged into linux-next", "moved to Lyon") tells of another event that shares the question's words.
 */
import { PREPOSITIONS } from "../lexicon/grammar.ts";
import { sentenceWords } from "./sentenceWords.ts";
import { indexTerm, tokenize } from "./text.ts";

export interface Frame {
  /** The verb's term (stem). */
  verb: string;
  preposition: string;
  /** The terms of the words after the preposition, up to the next preposition. */
  object: Set<string>;
}

// Prepositions that lead to where or what the verb reaches; "in" and "on" mostly say when or where it happened.
const LEADING = new Set(["into", "onto", "to", "from", "as", "for", "with", "against"]);
/** How many words after the verb its preposition may stand ("merged the new lock drivers into"). */
const REACH = 6;
/** How many words after the preposition name its object ("into the mainline kernel"). */
const OBJECT_WORDS = 3;

function objectAfter(words: string[], at: number): Set<string> {
  const object = new Set<string>();
  for (let k = at; k < words.length && k < at + OBJECT_WORDS && !PREPOSITIONS.has(words[k] as string); k++) {
    const term = indexTerm(words[k] as string);
    if (term !== null) object.add(term);
  }
  return object;
}

/** The question's verb–preposition–object frames (any word followed by a leading preposition and a content word). */
export function readFrames(question: string): Frame[] {
  const words = tokenize(question);
  const frames: Frame[] = [];
  for (let i = 0; i + 2 < words.length; i++) {
    const verb = indexTerm(words[i] as string);
    const preposition = words[i + 1] as string;
    if (verb === null || !LEADING.has(preposition)) continue;
    const object = objectAfter(words, i + 2);
    if (object.size > 0) frames.push({ verb, preposition, object });
  }
  return frames;
}

/**
 * Whether a sentence puts a frame's verb and preposition to another object, and never to the question's: then it
 * tells of another event. `known` holds every term of the question, which an object may name in other words.
 */
export function otherObject(text: string, frames: readonly Frame[], known: ReadonlySet<string>): boolean {
  if (frames.length === 0) return false;
  const { tokens: words, terms } = sentenceWords(text);
  let other = false;
  for (let i = 0; i + 2 < words.length; i++) {
    const verb = terms[i];
    for (const frame of frames) {
      if (frame.verb !== verb) continue;
      // "merged into the branch", or with its object between: "merged the drivers into the branch".
      for (let at = i + 1; at <= i + REACH && at < words.length; at++) {
        if (words[at] !== frame.preposition) continue;
        const object = [...objectAfter(words, at + 1)];
        if (object.some((t) => frame.object.has(t) || known.has(t))) return false;
        if (object.length > 0) other = true;
      }
    }
  }
  return other;
}

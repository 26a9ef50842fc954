import { PARTICLE_CUES, SPEECH_VERBS } from "../../lexicon/speech.ts";

const CUE_WORDS = [...SPEECH_VERBS].sort((a, b) => b.length - a.length).join("|");

/** A speech verb from the lexicon, as regex source so callers can embed it in larger patterns. Lower case only:
 * "Says" in a headline or "States" in a name are not cues. */
export const CUE = `(?:${PARTICLE_CUES.join("|")}|${CUE_WORDS})`;

export const CUE_RE = new RegExp(`\\b${CUE}\\b`);

/** Adverbs and auxiliaries between a speaker and a cue ("Trump later said", "he simply replied", "she has said").
 * Regex source; needs the "u" flag. */
export const ADVERB = "(?:\\p{Ll}+ly|later|then|also|again|once|recently|previously|often|still|even|just|now|had|has|have|would|will|could)";

/** Multi-word cues that name the source after them. */
export const ACCORDING_TO = /\baccording\s+to\s+/i;

/** "X wrote/said:" at a paragraph end: the words that mark a block quote follows. */
export const BLOCK_INTRO_CUE = new RegExp(
  `\\b${CUE}(?:\\s+(?!that\\b|whether\\b|what\\b|how\\b)[\\p{L}\\d'.-]+){0,4}\\s*:\\s*$`,
  "u",
);

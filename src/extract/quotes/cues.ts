// Verbs that introduce reported speech or writing. Listed as written forms (past, present, gerund) rather than
// stemmed, because a plain alternation is both faster and harder to over-match than a morphology rule.
const SPEECH_VERBS = (
  "said says say saying told tells telling added adds adding acknowledged acknowledges acknowledging " +
  "explained explains explaining wrote writes writing replied replies replying responded responds responding " +
  "asked asks asking continued continues continuing noted notes noting argued argues arguing insisted insists insisting " +
  "declared declares declaring stated claimed claiming recalled recalls recalling warned warns warning " +
  "conceded concedes conceding admitted admits admitting observed remarked quipped quips joked jokes " +
  "countered announced announces tweeted tweeting emphasized emphasizes emphasised stressed stresses " +
  "predicted predicts complained complains complaining suggested suggests urged urges shouted shouts yelled yells " +
  "cried concluded concludes mused muses boasted boasts bragged brags lamented laments maintained maintains " +
  "testified testifies confirmed confirms commented reiterated reiterates exclaimed whispered promised vowed vows " +
  "pledged charged contended contends asserted asserts proclaimed proclaims thundered interjected agreed agrees " +
  "disagreed cautioned cautions recounted recounts reported sang sings chanted chanting texted emailed opined " +
  "answered retorted scoffed snapped sighed elaborated wondered wonders protested revealed reveals alleged alleges " +
  "screamed scolded mocked teased demanded demands questioned queried " +
  "asserting claiming stating conceding acknowledging observing remarking " +
  "predicting promising vowing pledging countering charging contending joking quipping boasting recalling"
).split(" ");
// Verbs that are speech only with their particle: "pointed out", "went on", "summed up", "chimed in".
const PARTICLE_CUES = "put it|puts it|pointed out|points out|pointing out|went on|goes on|summed up|chimed in|shot back|fired back";

const CUE_WORDS = [...new Set(SPEECH_VERBS)].sort((a, b) => b.length - a.length).join("|");

/** A speech verb, as regex source so callers can embed it in larger patterns. Lower case only: "Says" in a
 * headline or "States" in a name are not cues. */
export const CUE = `(?:${PARTICLE_CUES}|${CUE_WORDS})`;

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

import { pronounGender, type Gender } from "./gender.ts";
import type { Discourse } from "./discourse.ts";
import { mentionsIn, type NameMention, type PeopleIndex } from "./mentions.ts";

/** A quote already attributed, as the most likely referent of a following "he said". */
export interface PriorSpeaker {
  /** Null for a speaker the text describes but does not name. */
  name: string | null;
  /** Offset of the attribution, to tell how far back it is. */
  at: number;
  sentence: number;
}

interface Span {
  start: number;
  end: number;
}

const compatible = (want: Gender, have: Gender): boolean => want === "unknown" || have === "unknown" || want === have;

/**
 * The person a he/she refers to. Order of preference: someone named earlier in the same sentence (nearest first,
 * as in "when Ojeda asked Hellwig ..., he replied"); the speaker of the previous quote when it is in this or the
 * previous sentence; who the previous sentence is about (its reporting speaker or subject, a he/she subject
 * carrying on the person before it), else the first person it names when its subject is no person; the person at
 * the centre of attention; then the nearest earlier mention. Every candidate must fit the pronoun's gender.
 * "They", "we" and "I" are left unresolved: they are usually groups or the author.
 */
export function resolvePronoun(
  pronoun: string,
  at: number,
  sentence: Span & { index: number },
  previous: (Span & { text: string; index: number }) | null,
  prior: PriorSpeaker | null,
  index: PeopleIndex,
  discourse: Discourse,
  quote: Span,
): string | null {
  const want = pronounGender(pronoun);
  if (want === "unknown") return null;
  const ok = (m: NameMention): boolean => compatible(want, m.gender) && !(m.start >= quote.start && m.end <= quote.end);
  const fits = (name: string | null): name is string => name !== null && compatible(want, index.genderOf(name));
  // Only when the pronoun comes before the quote: after it, names earlier in the sentence are usually topics
  // ("Asked about Clinton, "...," he said").
  const before = at < quote.start ? mentionsIn(index.mentions, sentence.start, at).filter(ok) : [];
  if (before.length) return (before[before.length - 1] as NameMention).name;
  if (prior && prior.sentence >= sentence.index - 1 && (prior.name === null || fits(prior.name))) {
    return prior.name;
  }
  if (previous) {
    // "..., according to the Bishop." / "The spokesman said ...": the previous sentence's speaker is someone the text
    // does not name, and "he" most likely continues with them.
    if (UNNAMED_SPEAKER.test(previous.text)) return null;
    const about = discourse.about(previous.index);
    if (fits(about)) return about;
    // A sentence about no one in particular ("The panel then heard from Jones") leaves the floor to whom it names.
    const named = discourse.of(previous.index).subject ? undefined : mentionsIn(index.mentions, previous.start, previous.end).find(ok);
    if (named) return named.name;
    const centre = discourse.centreAfter(previous.index);
    if (centre && fits(centre.name)) return centre.name;
  }
  if (prior?.name && prior.sentence >= sentence.index - 4 && fits(prior.name)) return prior.name;
  const earlier = mentionsIn(index.mentions, Math.max(0, sentence.start - 1500), sentence.start).filter(ok);
  return earlier.length ? (earlier[earlier.length - 1] as NameMention).name : null;
}

const UNNAMED_SPEAKER =
  /\baccording to (?:the|a|an) (?:[\p{L}-]+ ){0,3}[\p{L}-]+[.!?]?\s*$|^(?:The|A|An) (?:[\p{Ll}-]+ ){0,3}[\p{Ll}-]+ (?:said|says|told|added|wrote|explained)\b/u;

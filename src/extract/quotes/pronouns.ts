import { pronounGender, type Gender } from "./gender.ts";
import type { NameMention, PeopleIndex } from "./mentions.ts";

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
 * previous sentence; the subject (first person named) of the previous sentence; then the nearest earlier mention.
 * "They", "we" and "I" are left unresolved: they are usually groups or the author.
 */
export function resolvePronoun(
  pronoun: string,
  at: number,
  sentence: Span & { index: number },
  previous: (Span & { text: string }) | null,
  prior: PriorSpeaker | null,
  index: PeopleIndex,
  quote: Span,
): string | null {
  const want = pronounGender(pronoun);
  if (want === "unknown") return null;
  const ok = (m: NameMention): boolean => compatible(want, m.gender) && !(m.start >= quote.start && m.end <= quote.end);
  // Only when the pronoun comes before the quote: after it, names earlier in the sentence are usually topics
  // ("Asked about Clinton, "...," he said").
  const before = at < quote.start ? mentionsIn(index.mentions, sentence.start, at).filter(ok) : [];
  if (before.length) return (before[before.length - 1] as NameMention).name;
  if (prior && prior.sentence >= sentence.index - 1 && (prior.name === null || compatible(want, index.genderOf(prior.name)))) {
    return prior.name;
  }
  if (previous) {
    // "..., according to the Bishop." / "The spokesman said ...": the previous sentence's speaker is someone the text
    // does not name, and "he" most likely continues with them.
    if (UNNAMED_SPEAKER.test(previous.text)) return null;
    const subject = mentionsIn(index.mentions, previous.start, previous.end).find(ok);
    if (subject) return subject.name;
  }
  if (prior?.name && prior.sentence >= sentence.index - 4 && compatible(want, index.genderOf(prior.name))) return prior.name;
  const earlier = mentionsIn(index.mentions, Math.max(0, sentence.start - 1500), sentence.start).filter(ok);
  return earlier.length ? (earlier[earlier.length - 1] as NameMention).name : null;
}

const UNNAMED_SPEAKER =
  /\baccording to (?:the|a|an) (?:[\p{L}-]+ ){0,3}[\p{L}-]+[.!?]?\s*$|^(?:The|A|An) (?:[\p{Ll}-]+ ){0,3}[\p{Ll}-]+ (?:said|says|told|added|wrote|explained)\b/u;

function mentionsIn(mentions: NameMention[], from: number, to: number): NameMention[] {
  // Mentions are sorted; a binary search keeps long articles linear overall.
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

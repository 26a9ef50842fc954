import { PHRASE_ABBREVIATIONS } from "../../lexicon/abbreviations.ts";
import { NOUN_LIKE_SPEECH_FORMS } from "../../lexicon/speech.ts";
import { ACCORDING_TO, ADVERB, CUE } from "./cues.ts";
import { classifySpeaker, isTitle, nameAtEnd, PRONOUNS, speakerInPieces, type SpeakerPhrase } from "./names.ts";

/** Who a quote is attributed to and where the attribution clause ends (so a split quote can resume after it). */
export interface Attribution {
  speaker: SpeakerPhrase;
  /** How the clause relates to the quote: "direct" ("X said, ..." / "..., X said"), "partial" ("X said that the
   * plan was ...", a quoted fragment inside reported speech) or "subject" (the sentence's subject, found via a
   * gerund cue like "..., saying, ..."). */
  form: "direct" | "partial" | "subject";
  /** Length of the context consumed, from its start (after-context) or from its end (before-context). */
  length: number;
}

// Abbreviations whose period does not end a speaker phrase ("Mr. Trump", "Donald J. Trump", "Acme Inc.").
const ABBREV = `(?:\\b(?:${PHRASE_ABBREVIATIONS}|[DRI]-[A-Z][a-z]*)\\.|\\b\\p{Lu}\\.)`;
const NP = `(?:[^".!?;:\\n]|${ABBREV}){1,240}?`;
// A stray single mark can follow the closing one when a nested quote ends with the outer one ("...,'" said X).
const LEAD = "^[\\s,'\\u2014\\u2013-]*";
// The speaker phrase after a cue ends where a prepositional or temporal tail starts ("said Trump in a statement").
const AFTER_CUE_STOP =
  /\s+(?:in|on|at|during|after|before|when|while|who|whose|which|as|to|told|from|with|about|adding|referring|noting|according|last|this|earlier|later|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|[.!?;:"]|\s[\u2014\u2013-]{1,2}\s/u;

const CUE_THEN_SPEAKER = new RegExp(`${LEAD}(?:${ADVERB}\\s+)?${CUE}\\s+([^"]{1,200})`, "u");
const SPEAKER_THEN_CUE = new RegExp(`${LEAD}(${NP})\\s+(?:${ADVERB}\\s+){0,2}${CUE}\\b`, "u");
const AFTER_ACCORDING = new RegExp(`${LEAD}${ACCORDING_TO.source}([^"]{1,200})`, "iu");
// A speaker phrase opens with a name, a pronoun or a determiner; "though voters are ... likely to say" does not.
const SPEAKER_START = /^[\s,\u2014\u2013-]*(?:\p{Lu}|(?:he|she|they|it|we|I|a|an|the|another|one|some|many|his|her|its|their|our|two|three|several|both|each|former|senior|top)\b)/u;
// Short bare plurals ("officials said", "police said") are speakers too, unless the words are a clause.
const CLAUSE_WORD = /\b(?:though|although|that|which|while|because|if|as|and|but|or|is|are|was|were|be|to|not|when|where|who|what|how|why)\b/;
const speakerLike = (np: string): boolean => SPEAKER_START.test(np) || (WORDS(np) <= 3 && !CLAUSE_WORD.test(np)) || titledName(np);

/** A name after a lower-case title chain: "chief executive James Skinner", "vice presidential candidate Mike Pence". */
function titledName(np: string): boolean {
  const name = nameAtEnd(np);
  if (!name?.includes(" ") || CLAUSE_WORD.test(np)) return false;
  const lead = np.trim().split(/\s+/).slice(0, -name.split(" ").length);
  return lead.length <= 6 && lead.every((w) => isTitle(w) || /^(?:the|a|an)$/i.test(w));
}
const WORDS = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

/** Attribution in the words right after a closing mark: `, said X`, ` X said`, `, according to X`. */
export function attributionAfter(words: string): Attribution | null {
  // A nickname in marks inside the speaker phrase (`state Del. Marcia "Cia" Price`) is part of the name.
  const after = words.replace(NICKNAME, " $1 ");
  const acc = AFTER_ACCORDING.exec(after);
  if (acc) {
    const phrase = cutAfterCue(acc[1] as string);
    return { speaker: classifySpeaker(phrase), form: "direct", length: acc[0].length };
  }
  const inverted = CUE_THEN_SPEAKER.exec(after);
  if (inverted) {
    const phrase = cutAfterCue(inverted[1] as string);
    if (phrase && (WORDS(phrase) <= 14 || namedFirst(phrase))) {
      const len = inverted[0].length - (inverted[1] as string).length + phrase.length;
      return { speaker: classifySpeaker(phrase), form: "direct", length: len };
    }
  }
  const plain = SPEAKER_THEN_CUE.exec(after);
  // "Mr Kapor is reported as saying": the passive frame sits between the speaker and the cue.
  const np = (plain?.[1] ?? "").replace(/\s+(?:is|was|were|has been|had been)(?:\s+(?:reported|quoted|heard|recorded)\s+as)?$/, "");
  // "But Mr. Trump did not respond in kind" reports that nothing was said; a clause opening with "But" is a sentence
  // of its own, not a speaker phrase.
  const negated = /(?:\b(?:not|never)|n't)\s*$/.test(np) || /^[\s,]*(?:But|And|Yet|So|Still)\b/.test(np);
  if (plain && !negated && ((WORDS(np) <= 16 && speakerLike(np)) || namedFirst(np))) {
    return { speaker: subjectOf(np), form: "direct", length: plain[0].length };
  }
  // A signature line: "..." ― Sonya Herridge
  const signed = SIGNATURE.exec(after);
  if (signed) {
    const speaker = classifySpeaker(signed[1] as string);
    if (speaker.kind === "name") return { speaker, form: "direct", length: signed[0].length };
  }
  return null;
}

const NICKNAME = /"(\p{Lu}[\p{L}.'-]*)"/gu;
const SIGNATURE = /^[\s,]*[\u2015\u2014\u2013-]+\s*(\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,3})\s*(?:$|[,\n])/u;

/** A long speaker phrase is still one when it opens with a name and an apposition: "Michael McFaul, a senior fellow
 * at the Hoover Institution and a former ambassador to Russia, said". */
function namedFirst(phrase: string): boolean {
  const first = phrase.split(",")[0]?.trim() ?? "";
  return WORDS(first) <= 6 && /^[\s,]*(?:\p{Lu}|(?:the|a|an|former|panel|party|campaign|state|senior)\s)/u.test(first) && nameAtEnd(first) !== null;
}

function cutAfterCue(phrase: string): string {
  // "said Trump, the Republican nominee, in a statement": keep the apposition, drop the tail. Parentheses
  // ("(D-S.C.)") are blanked, not removed, so offsets stay valid.
  const blanked = phrase.replace(/\([^)]*\)/g, (m) => " ".repeat(m.length));
  const stops = new RegExp(AFTER_CUE_STOP.source, "gu");
  for (const m of blanked.matchAll(stops)) {
    if (m[0] === "." && ABBREVIATION_BEFORE.test(blanked.slice(0, m.index))) continue;
    return phrase.slice(0, m.index).replace(/[\s,]+$/, "");
  }
  return phrase.replace(/[\s,]+$/, "");
}

// A period after these ends an abbreviation or an initial, not the speaker phrase.
const ABBREVIATION_BEFORE = new RegExp(`(?:\\b(?:${PHRASE_ABBREVIATIONS}|Ft|Mt)|(?:^|[\\s.])\\p{Lu})$`, "u");

// "X said", "X, a maintainer, said:" or "according to X," ending the before-context. The words between the cue and
// the mark say whether the quote is the whole utterance or a fragment inside reported speech.
// The plural-looking forms ("states", "claims") are cues only right before the colon: "The letter states: ...".
const BEFORE_CUE = new RegExp(`\\b(?:${CUE}|(?:${[...NOUN_LIKE_SPEECH_FORMS].join("|")})(?=\\s*:\\s*$))\\b`, "gu");
const BEFORE_ACCORDING = new RegExp(`${ACCORDING_TO.source}(${NP}),\\s*$`, "iu");
// Cues that put the speaker after them; "told CNN," names the listener instead.
const INVERTING_CUE = /^(?:said|says|added|adds|asked|asks|continued|wrote|writes|replied|explained)$/;
// A gerund cue hangs off the sentence's subject: "Martin responded ..., saying, ...".
const GERUND_CUE = /ing\b/;
const GERUND_SUBJECT = /(?:\b(?:with|of)\s+)((?:\p{Lu}[\p{L}.'-]*\s+){0,3}\p{Lu}[\p{L}.'-]*)\s+(?:\p{Ll}+ly\s+)?$/u;

/** Attribution in the words before an opening mark, back to the sentence start or the previous quote. */
export function attributionBefore(before: string): Attribution | null {
  const acc = BEFORE_ACCORDING.exec(before);
  if (acc) return { speaker: classifySpeaker(acc[1] as string), form: "direct", length: before.length - acc.index };
  let last: RegExpExecArray | null = null;
  for (const m of before.matchAll(BEFORE_CUE)) last = m as RegExpExecArray;
  if (!last) return colonIntro(before);
  const cueEnd = last.index + last[0].length;
  const tail = before.slice(cueEnd);
  // Up to a short adjunct between the cue and the quote ("said in a statement,", "told reporters:").
  if (WORDS(tail) > 14 || /[.!?]\s/.test(tail)) return colonIntro(before);
  // "Trump declared "I think ..."": nothing between the cue and the mark is as direct as a comma or a colon.
  const direct = (tail.trim() === "" || /[,:]\s*$/.test(tail)) && !/\bthat\b/.test(tail);
  const form = direct ? "direct" : "partial";
  if (GERUND_CUE.test(last[0])) {
    // "..., with Trump reportedly yelling:": a name right before the gerund is its subject.
    const own = GERUND_SUBJECT.exec(before.slice(0, last.index))?.[1];
    const named = own ? nameAtEnd(own) : null;
    // '"...," Graham said on MSNBC, adding, "...': the gerund goes on from the speaker just named.
    const lead = before.slice(0, last.index);
    const closing = /[,.!?]"\s/.exec(lead);
    const clause = attributionAfter(closing ? lead.slice(closing.index + 2) : lead);
    const going = clause && clause.speaker.kind !== "description" ? clause.speaker : null;
    const subject = named ? { kind: "name" as const, name: named } : (going ?? sentenceSubject(before.slice(0, last.index)) ?? { kind: "subject" as const });
    return { speaker: subject, form: direct ? "subject" : "partial", length: before.length };
  }
  // "..., said Mr Hopkins, "...": the speaker follows the cue.
  if (direct && INVERTING_CUE.test(last[0])) {
    const inverted = classifySpeaker(tail.replace(/[\s,:]+$/, ""));
    if (inverted.kind === "name" && /^\s*\p{Lu}/u.test(tail)) return { speaker: inverted, form, length: before.length - last.index };
  }
  const head = before.slice(0, last.index).replace(new RegExp(`(?:\\s+${ADVERB})+\\s*$`, "u"), "");
  // "But he told ABC that ... and said "...": the cue's subject is the subject of the first verb.
  const coordinated = /\b(?:and|but|or)\s*$/.test(head) ? sentenceSubject(head) : null;
  if (coordinated) return { speaker: coordinated, form, length: before.length };
  // The clause cut keeps "Trump spoke and Pence said" apart, but can split a name's apposition ("Bacik, a
  // maintainer for Btrfs and the block layer, said"); the whole stretch is the fallback.
  const inClause = subjectOf(clauseTail(head));
  let speaker = inClause.kind === "description" ? subjectOf(head) : inClause;
  if (speaker.kind === "description") {
    // "Mr. Trump was prompted to say", "she went on to tell": the subject sits before a verb chain ending in "to".
    const chain = /^(.*?)(?:\s+\p{Ll}+){1,3}\s+to\s*$/u.exec(head);
    if (chain) speaker = subjectOf(clauseTail(chain[1] as string));
  }
  return { speaker, form, length: before.length - clauseStart(head) };
}

const INVERTED_INTRO = new RegExp(`(?:^|[.!?]\\s+)(?:Said|Added|Continued|Stated|Wrote|Asked|Replied|Noted|Explained|Concluded)\\s+(${NP})[:,]\\s*$`, "u");

/**
 * A clause ending in a colon right before the quote, with no speech verb: "Cruz called them on it:", "Continued
 * Stone:". The colon hands the floor to the clause's subject.
 */
const LABEL_INTRO = /(?:^\s*|\s[\u2014\u2013-]\s+)((?:\p{Lu}[\p{L}'.-]*\s+){1,3}\p{Lu}[\p{L}'.-]*):\s*$/u;

function colonIntro(before: string): Attribution | null {
  if (!/:\s*$/.test(before)) return null;
  // "STATES - Michael P. McDonald: "...": a heading, then the writer's name alone as the label of what follows.
  const label = LABEL_INTRO.exec(before)?.[1];
  if (label && nameAtEnd(label) === label) return { speaker: { kind: "name", name: label }, form: "direct", length: label.length + 1 };
  const inverted = INVERTED_INTRO.exec(before);
  if (inverted) return { speaker: classifySpeaker(inverted[1] as string), form: "direct", length: before.length - inverted.index };
  const start = clauseStart(before);
  const subject = sentenceSubject(before.slice(start)) ?? { kind: "subject" as const };
  return { speaker: subject, form: "subject", length: before.length - start };
}

/** The speaker phrase just before a cue: the last comma piece that names someone ("Josef Bacik, a maintainer for
 * Btrfs, said", "a spokesman for the campaign, Brian Fallon, said", "Sarandon, 69, told"). */
export function subjectOf(phrase: string): SpeakerPhrase {
  return speakerInPieces(phrase, "last");
}

// Clause openers: the speaker phrase begins after the last of these before the cue.
const CLAUSE_BREAK = /(?:^|[;!?\u2014\u2013]|\b(?:and|but|so|because|while|when|where|after|before|since|although|though|as|if)\b)\s*/g;

function clauseStart(head: string): number {
  let start = 0;
  for (const m of head.matchAll(CLAUSE_BREAK)) {
    const rest = head.slice(m.index + m[0].length);
    // "Center for Strategic and International Studies": an "and" between capitalised words joins a name.
    if (/^(?:and|or)\b/.test(m[0]) && /\p{Lu}[\p{L}.'-]*\s+$/u.test(head.slice(0, m.index)) && /^\p{Lu}/u.test(rest)) continue;
    if (rest.trim()) start = m.index + m[0].length;
  }
  return start;
}

function clauseTail(head: string): string {
  return head.slice(clauseStart(head));
}

const LEADING_ADVERBIAL =
  /^\s*(?:(?:In|On|At|After|Before|During|Since|For|From|With|By|Back|Later|Earlier|Last|This|Yesterday|Today|Asked|Speaking|Writing|Unlike|Like|Despite|Besides|Beyond|Amid|Among|Against|Without|Following|Although|Though|While|When|As|If|Because)\b|\p{Lu}\p{Ll}+\s+(?:in|on|at|after|before|during|since)\b)[^,"]{0,80},\s+/u;

/** The subject at the start of a sentence: a pronoun or a leading name ("Martin responded by ..., saying, ..."). */
export function sentenceSubject(text: string): SpeakerPhrase | null {
  // Sentence adverbials come before the subject: "But", "Back in 1999,", "On Monday,", "In a statement,".
  const t = text
    .replace(/^[\s"'(]+/, "")
    .replace(/^\s*(?:But|And|So|Then|Yet|Still|Later|Instead|Meanwhile|However,?)\s+/, "")
    .replace(LEADING_ADVERBIAL, "");
  const first = (t.match(/^\p{L}+/u)?.[0] ?? "").toLowerCase();
  if (PRONOUNS.has(first)) return { kind: "pronoun", pronoun: first };
  // "Trump's Virginia state director, Mike Rubino, reached out": a description, then the name in apposition.
  const apposed = /^([^,]{1,80}),\s+([^,]{1,60}),\s/u.exec(t);
  if (apposed && /^\p{Lu}[\p{L}'.-]*'s?\s/u.test(apposed[1] as string) && !nameAtEnd(apposed[1] as string)) {
    const name = nameAtEnd(apposed[2] as string);
    if (name?.includes(" ")) return { kind: "name", name };
  }
  const run = t.match(/^(?:(?:\p{Lu}[\p{L}'.-]*|of|de|van|von)\s+)*?\p{Lu}[\p{L}'.-]*(?=\s+\p{Ll}|[,:])/u)?.[0];
  // A possessive inside the run makes the rest a modifier of a common noun ("Trump's Virginia state director").
  if (!run || /'s?\s/.test(run)) return null;
  const name = nameAtEnd(run);
  return name ? { kind: "name", name } : null;
}

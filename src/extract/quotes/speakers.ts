import type { Sentence } from "../sentences.ts";
import type { ArticleText } from "../types.ts";
import { attributionBefore, sentenceSubject } from "./attribution.ts";
import type { Candidate } from "./candidate.ts";
import type { PeopleIndex } from "./mentions.ts";
import type { SpeakerPhrase } from "./names.ts";
import { resolvePronoun, type PriorSpeaker } from "./pronouns.ts";

/**
 * Turns each candidate's speaker phrase into a name, in text order so that pronouns and unattributed follow-up
 * quotes can lean on the quotes before them.
 */
export function assignSpeakers(article: ArticleText, candidates: Candidate[], index: PeopleIndex): void {
  let prior: PriorSpeaker | null = null;
  let prev: Candidate | null = null;
  for (const c of candidates) {
    if (c.attribution) {
      c.speaker = nameOf(c.attribution.speaker, c, article, prior, index);
    } else {
      const from = inherit(c, prev, article, prior, index);
      c.inherited = from !== undefined;
      c.speaker = from ?? null;
    }
    // A fragment of the reporter's own sentence (a title, a scare quote, "Rover told the BBC the reports were
    // "speculation"") hands on neither its speaker nor its place in the conversation.
    if (c.attribution?.form === "partial") continue;
    prev = c;
    // A quote attributed to someone the text does not name ("added the two-time Academy Award winner") is still the
    // most recent speaker: a "he said" right after it continues with them, not with an older name.
    if (c.speaker) prior = { name: c.speaker, at: c.attributionAt, sentence: c.sentence };
    else if (c.attribution?.speaker.kind === "description") prior = { name: null, at: c.attributionAt, sentence: c.sentence };
  }
}

function nameOf(phrase: SpeakerPhrase, c: Candidate, article: ArticleText, prior: PriorSpeaker | null, index: PeopleIndex): string | null {
  if (phrase.kind === "name") return index.canonical(phrase.name);
  if (phrase.kind === "description") return null;
  const sentence = article.sentences[c.sentence] as Sentence;
  const previous = article.sentences[c.sentence - 1] ?? null;
  return resolvePronoun(phrase.pronoun, c.attributionAt, sentence, previous, prior, index, c);
}

/**
 * The speaker of a quote with no clause of its own, or undefined when the context gives no speaker at all:
 * the previous quote in the same or the previous paragraph ("A," he said. "B."), an introducing sentence ending in a
 * colon, or a person the previous sentence is about.
 */
function inherit(c: Candidate, prev: Candidate | null, article: ArticleText, prior: PriorSpeaker | null, index: PeopleIndex): string | null | undefined {
  if (prev && (prev.attribution || prev.inherited)) {
    if (prev.paragraph === c.paragraph) return prev.speaker;
    if (prev.paragraph === c.paragraph - 1 && c.standalone && startsParagraph(article, c)) return prev.speaker;
  }
  const previous = article.sentences[c.sentence - 1];
  if (!previous || !c.standalone || previous.paragraph < c.paragraph - 1) return undefined;
  if (/:\s*$/.test(previous.text)) {
    const intro = attributionBefore(previous.text.slice(-400));
    const phrase = intro?.speaker ?? sentenceSubject(previous.text);
    if (phrase) return nameOf(phrase, { ...c, attributionAt: previous.start }, article, prior, index);
  }
  return undefined;
}

function startsParagraph(article: ArticleText, c: Candidate): boolean {
  const p = article.paragraphs[c.paragraph];
  return !!p && article.text.slice(p.start, c.start).trim() === "";
}

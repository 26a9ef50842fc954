import type { Sentence } from "../sentences.ts";
import type { ArticleText } from "../types.ts";
import { attributionBefore, sentenceSubject } from "./attribution.ts";
import type { Candidate } from "./candidate.ts";
import { Discourse } from "./discourse.ts";
import { mentionsIn, type NameMention, type PeopleIndex } from "./mentions.ts";
import type { SpeakerPhrase } from "./names.ts";
import { resolvePronoun, type PriorSpeaker } from "./pronouns.ts";
import { sentenceAt } from "./sentenceIndex.ts";
import { FRAMING_NOUNS, FRAMING_VERBS, SPEECH_VERBS } from "../../lexicon/speech.ts";

/** What speaker resolution reads besides the candidate: the article, its people and who each sentence is about. */
interface Context {
  article: ArticleText;
  index: PeopleIndex;
  discourse: Discourse;
}

/**
 * Turns each candidate's speaker phrase into a name, in text order so that pronouns and unattributed follow-up
 * quotes can lean on the quotes before them.
 */
export function assignSpeakers(article: ArticleText, candidates: Candidate[], index: PeopleIndex): void {
  const ctx: Context = { article, index, discourse: new Discourse(article.text, article.sentences, index) };
  let prior: PriorSpeaker | null = null;
  let prev: Candidate | null = null;
  for (const [i, c] of candidates.entries()) {
    const before = candidates[i - 1];
    if (!c.attribution && c.continues && before) {
      // The next paragraph of a quote already under way: its speaker, whatever it turns out to be.
      c.inherited = true;
      c.speaker = before.speaker;
    } else if (c.attribution) {
      // 'Trump told Newsmax that Romney "had ...," adding, "...": a gerund goes on from the speaker of the words before
      // it in the same sentence, even words quoted inside reported speech.
      const going = c.attribution.speaker.kind === "subject" && before?.sentence === c.sentence && before.attribution?.speaker.kind === "name" ? before.speaker : null;
      c.speaker = going ?? nameOf(c.attribution.speaker, c, ctx, prior);
      // A clause that names no one ("Then, later that month on CNN:") leaves the speaker to the context.
      if (c.speaker === null && c.attribution.speaker.kind === "subject") c.speaker = inherit(c, prev, ctx, prior) ?? null;
    } else {
      const from = inherit(c, prev, ctx, prior);
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
  shareAlongQuote(candidates);
  for (const c of candidates) if (!c.attribution && !c.inherited && !c.standalone) frame(c, ctx);
}

/**
 * Quoted words inside a sentence that reports or frames them ('FBI Director James Comey called Clinton's use of email
 * "extremely careless"', '... "a painful chest-waxing incident," Mr. Oppenheim noted'): a fragment, whose speaker is
 * the sentence's reporting speaker or subject when that is a person.
 */
function frame(c: Candidate, ctx: Context): void {
  const sentence = ctx.article.sentences[c.sentence] as Sentence;
  // A verb before the words that reports or names them, or a reporting clause closing the sentence; a verb after them
  // belongs to another clause ('the "experts" agreed').
  const lead = ctx.article.text.slice(sentence.start, c.start).replace(/"[^"]*"/g, " ").toLowerCase();
  const framing = lead.match(/[\p{L}-]+/gu)?.some((w) => SPEECH_VERBS.has(w) || FRAMING_VERBS.has(w)) ?? false;
  if (!framing && !ctx.discourse.of(sentence.index).speaker) return;
  c.framed = true;
  c.speaker = framer(c, sentence, ctx) ?? ctx.discourse.about(sentence.index);
}

/** The person named right before the verb or noun that frames the fragment: 'what Linus Torvalds dubbed a "religious
 * war"', 'Miguel Ojeda's characterization of it as "the darkest hour"'. */
function framer(c: Candidate, sentence: Sentence, ctx: Context): string | null {
  const text = ctx.article.text;
  let found: string | null = null;
  for (const m of mentionsIn(ctx.index.mentions, sentence.start, c.start)) {
    const after = text.slice(m.end, c.start);
    const verb = /^\s+(?:\p{Ll}+ly\s+)?([\p{Ll}-]+)\b/u.exec(after)?.[1] ?? "";
    const possessive = /['\u2019]s?$/.test(text.slice(m.start, m.end)) || /^['\u2019]s?\b/.test(after);
    const noun = /^(?:['\u2019]s?)?\s+(?:\p{Ll}+\s+)?([\p{Ll}-]+)\b/u.exec(after)?.[1] ?? "";
    if (FRAMING_VERBS.has(verb) || SPEECH_VERBS.has(verb) || (possessive && FRAMING_NOUNS.has(noun))) found = m.name;
  }
  return found;
}

/** A quote over several paragraphs attributed only at its end ("A. / "B," he said.): the earlier paragraphs get
 * that speaker too, unless the quote was introduced ('As X reported: "A. / "B ... "C," Y said.': Y is quoted
 * inside X's words). */
function shareAlongQuote(candidates: Candidate[]): void {
  const introduced: boolean[] = [];
  candidates.forEach((c, i) => (introduced[i] = c.attribution !== null || (c.continues && introduced[i - 1] === true)));
  for (let i = candidates.length - 1; i > 0; i--) {
    const c = candidates[i] as Candidate;
    const before = candidates[i - 1] as Candidate;
    if (!c.continues || introduced[i - 1] || before.speaker !== null || !(c.attribution || c.inherited)) continue;
    before.speaker = c.speaker;
    before.inherited = true;
  }
}

function nameOf(phrase: SpeakerPhrase, c: Candidate, ctx: Context, prior: PriorSpeaker | null): string | null {
  if (phrase.kind === "name") return ctx.index.speaker(phrase.name, c.attributionAt, c.attributionEnd);
  if (phrase.kind === "description") return ctx.discourse.described(phrase.text, c.sentence);
  // The clause's sentence: the quote's own, or the one before it that introduced it ("... issued the following
  // statement:" closing the previous paragraph).
  if (phrase.kind === "subject") return ctx.discourse.about(sentenceAt(ctx.article.sentences, c.attributionAt));
  const sentence = ctx.article.sentences[c.sentence] as Sentence;
  const previous = ctx.article.sentences[c.sentence - 1] ?? null;
  return resolvePronoun(phrase.pronoun, c.attributionAt, sentence, previous, prior, ctx.index, ctx.discourse, c);
}

/**
 * The speaker of a quote with no clause of its own, or undefined when the context gives no speaker at all:
 * the previous quote in the same or the previous paragraph ("A," he said. "B.") when no one else is named in
 * between, an introducing sentence ending in a colon, or the person the sentence just before is about when it
 * names no one else ("Mr. Fry describes himself as a moderate. "Why would I pander?"").
 */
function inherit(c: Candidate, prev: Candidate | null, ctx: Context, prior: PriorSpeaker | null): string | null | undefined {
  const { article, index, discourse } = ctx;
  if (prev && (prev.attribution || prev.inherited) && !someoneElseBetween(article, index.mentions, prev, c)) {
    if (prev.paragraph === c.paragraph) return prev.speaker;
    if (prev.paragraph === c.paragraph - 1 && c.standalone && startsParagraph(article, c)) return prev.speaker;
  }
  const previous = article.sentences[c.sentence - 1];
  if (!previous || !c.standalone || previous.paragraph < c.paragraph - 1) return undefined;
  if (/:\s*$/.test(previous.text)) {
    const intro = attributionBefore(previous.text.slice(-400));
    const phrase = intro?.speaker ?? sentenceSubject(previous.text);
    if (phrase) return nameOf(phrase, { ...c, attributionAt: previous.start, attributionEnd: previous.end }, ctx, prior);
  }
  // Only a narrative sentence hands on its subject: one holding a quote has had its say above.
  if (prev && prev.end > previous.start) return undefined;
  const who = discourse.about(previous.index);
  if (!who || [...discourse.of(previous.index).named].some((n) => n !== who)) return undefined;
  return who;
}

/** Whether a narrative sentence between two quotes (after the first one's own sentence) names a person other than
 * the first quote's speaker: "A," Smith said. Jones disagreed. "B." is not Smith's. */
function someoneElseBetween(article: ArticleText, mentions: NameMention[], prev: Candidate, c: Candidate): boolean {
  const own = article.sentences[sentenceAt(article.sentences, Math.max(prev.end, prev.attributionEnd) - 1)];
  const from = Math.max(prev.end, prev.attributionEnd, own?.end ?? 0);
  return mentions.some((m) => m.start >= from && m.end <= c.start && m.name !== prev.speaker);
}

function startsParagraph(article: ArticleText, c: Candidate): boolean {
  const p = article.paragraphs[c.paragraph];
  return !!p && article.text.slice(p.start, c.start).trim() === "";
}

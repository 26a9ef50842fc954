import type { Sentence } from "../sentences.ts";
import type { ArticleText } from "../types.ts";
import { attributionAfter, attributionBefore, type Attribution } from "./attribution.ts";
import { CUE_RE } from "./cues.ts";
import { quoteWords, type QuotedSpan } from "./marks.ts";
import { isTitlePhrase } from "./refiners.ts";
import { sentenceAt } from "./sentenceIndex.ts";

/** A quoted span on its way to becoming a quote: its attribution, then its speaker, then a keep-or-drop verdict. */
export interface Candidate {
  start: number;
  end: number;
  text: string;
  paragraph: number;
  sentence: number;
  attribution: Attribution | null;
  /** Where the attribution clause is: just after the quote (and how far it runs) or before it. */
  attributionSide: "after" | "before" | null;
  /** Offsets of the attribution clause: a pronoun speaker is resolved from its start, a name looked up inside it. */
  attributionAt: number;
  attributionEnd: number;
  /** The quote is its own sentence (or sentences): nothing but an attribution around it. */
  standalone: boolean;
  speaker: string | null;
  /** The speaker came from context (a previous quote or sentence), not from an attribution clause. */
  inherited: boolean;
  /** The quote goes on from the previous candidate: its next paragraph (see QuotedSpan.continues). */
  continues: boolean;
  /** Quoted words inside a sentence that reports or frames them ('called it a "global takeover"'), with no
   * attribution clause of their own: a fragment whose speaker is the sentence's subject or reporting speaker. */
  framed: boolean;
}

const SHORT_ATTRIBUTION_SENTENCE = 10;
// What may follow an attribution clause that is a sentence of its own: a short adjunct ("to the crowd", "on
// Tuesday"), not a clause of new reported speech ("has claimed that ...").
const ADJUNCT_TAIL = /^\s*(?:,?\s*(?:to|in|at|on|during|after|before|from|with|by|about|last|this|earlier|later|when|while|as)\b[^"]{0,60})?[.!?]?\s*$/;
// Or a participle phrase of any length ('..." Clinton remarked, alluding to ... "The Revenant."'): it says more about
// the same act of speaking.
const PARTICIPLE_TAIL = /^\s*,\s*\p{Ll}+ing\b/u;
// A speaker's name in capitals and a colon opening the quoted words: the layout of a transcript.
const TRANSCRIPT_LABEL = /^(\p{Lu}[\p{Lu}'.-]+(?:\s\p{Lu}[\p{Lu}'.-]+){0,2}):\s+/u;
const CONTEXT_CHARS = 400;

/** Finds each span's attribution clause in the words around it. */
export function toCandidates(article: ArticleText, spans: QuotedSpan[]): Candidate[] {
  const { text, sentences } = article;
  return spans.map((span, i) => {
    const prev = spans[i - 1];
    const si = sentenceAt(sentences, span.innerStart);
    const s = sentences[si] as Sentence;
    // Attribution clauses sit within a few hundred characters of the marks; the cap keeps run-on scraped
    // paragraphs linear.
    // A scare-quoted phrase earlier in the sentence ("one of the so-called "Blair Babes" elected in 1997, told
    // researchers:") is part of the speaker phrase; a real quote before this one ends the context.
    const prevQuote = prev && prev.paragraph === span.paragraph && !isFragment(text, prev) ? prev.end : 0;
    let beforeFrom = Math.max(s.start, prevQuote, span.start - CONTEXT_CHARS);
    // The previous quote's own attribution (`"..." ― Pamela Padilla "..."`) is not narrative before this one.
    if (prevQuote > 0 && beforeFrom === prevQuote) beforeFrom += consumedAfter(text.slice(prevQuote, span.start));
    let before = text.slice(beforeFrom, span.start);
    let beforeEnd = span.start;
    // "..., saying," / "... told Breitbart London:" closing the previous paragraph introduces the quote that opens
    // this one.
    const previous = sentences[si - 1];
    if (before.trim() === "" && previous && previous.paragraph === span.paragraph - 1 && /[,:]$/.test(previous.text)) {
      before = `${previous.text.slice(-CONTEXT_CHARS)} `;
      beforeEnd = previous.end + 1;
    }
    // A nickname or term in marks inside the speaker phrase (`Marcia "Cia" Price (D-Va.), shouted`) does not end it.
    const limit = afterLimit(sentences, span);
    let n = i + 1;
    while (spans[n] && isFragment(text, spans[n] as QuotedSpan) && (spans[n] as QuotedSpan).end < limit) n++;
    const next = spans[n];
    const afterTo = Math.min(limit, next && next.paragraph === span.paragraph ? next.start : Infinity, span.end + CONTEXT_CHARS);
    const after = text.slice(span.end, Math.max(span.end, afterTo));
    let attribution: Attribution | null = attributionAfter(after);
    let side: Candidate["attributionSide"] = attribution ? "after" : null;
    let at = span.end;
    let atEnd = span.end + (attribution?.length ?? 0);
    const signed = attribution ? null : signatureBelow(article, span);
    if (signed) [attribution, side, atEnd] = [signed, "after", span.end + signed.length];
    const fromBefore = attributionBefore(before);
    // A direct clause before the quote beats a weaker reading after it ("He replied, "..." and then left").
    // Likewise a name before the quote beats a pronoun after it ("Mr Johnson told Today: "...," he said").
    const weakAfter = attribution && (attribution.speaker.kind === "description" || (attribution.speaker.kind === "pronoun" && fromBefore?.speaker.kind === "name"));
    if (fromBefore && (!attribution || (fromBefore.form === "direct" && weakAfter))) {
      attribution = fromBefore;
      side = "before";
      at = Math.max(0, beforeEnd - fromBefore.length);
      atEnd = beforeEnd;
    }
    // A transcript: `"PENCE: Well, look, ..."` names its speaker at the start of the quoted words.
    const label = TRANSCRIPT_LABEL.exec(text.slice(span.innerStart, span.innerStart + 60));
    let innerStart = span.innerStart;
    if (label) {
      attribution = { speaker: { kind: "name", name: label[1] as string }, form: "direct", length: 0 };
      side = "before";
      [at, atEnd, innerStart] = [span.innerStart, span.innerStart + (label[1] as string).length, span.innerStart + label[0].length];
    }
    const lead = before.trim();
    // `placed a note card in a "burn bag," the Times reported`: the words run straight into the opening mark, so the
    // quote is a fragment of the reporter's sentence even though a speaker follows it.
    // Likewise a quote that starts in lower case after a narrative phrase with no speech verb ('With thousands of
    // systems, "there is no single point of failure," he said'): the reporter's sentence goes on in the speaker's words.
    const runsIn = lead !== "" && (!/[,:;\u2014\u2013-]$/.test(lead) || (/^\p{Ll}/u.test(text.slice(span.innerStart, span.innerStart + 1)) && !CUE_RE.test(lead)));
    if (side === "after" && attribution && runsIn && !prevInSentence(spans, i, si, sentences)) {
      attribution = { ...attribution, form: "partial" };
    }
    // 'said "the question is the timing."', 'According to Yahoo News, "she would sign it."': words in lower case after
    // the clause go on with the reporter's sentence, unless a colon hands over or they resume a quote the sentence
    // already opened ('"A," he said, "and B."').
    // Words that go on past a sentence of their own are an excerpt quoted whole ('As Tharoor wrote, "after the vote,
    // ... . There are ..."'), not a phrase of the reporter's.
    const lowerStart = /^\p{Ll}/u.test(text.slice(span.innerStart, span.innerStart + 1));
    const sentencesQuoted = /[.!?]\s+\p{Lu}/u.test(text.slice(span.innerStart, span.innerEnd));
    if (side === "before" && attribution?.form === "direct" && lowerStart && !sentencesQuoted && !/:\s*$/.test(before) && !span.continues && !prevInSentence(spans, i, si, sentences)) {
      attribution = { ...attribution, form: "partial" };
    }
    // Only the quote's own sentence decides whether it stands alone; the short next sentence read for "Trump
    // said." does not count against it.
    const ownEnd = Math.max(span.end, Math.min(afterTo, sentenceEndAt(sentences, span)));
    const rest = text.slice(span.end, ownEnd).trim();
    const consumed = side === "after" && attribution !== null && rest.length <= attribution.length + 2;
    const standalone = (lead === "" || side === "before") && (rest === "" || /^[.!?]/.test(rest) || consumed);
    return {
      start: span.start,
      end: span.end,
      text: quoteWords(text, innerStart, span.innerEnd),
      paragraph: span.paragraph,
      sentence: si,
      attribution,
      attributionSide: side,
      attributionAt: at,
      attributionEnd: atEnd,
      standalone,
      speaker: null,
      inherited: false,
      continues: span.continues,
      framed: false,
    };
  });
}

/** A signature line of its own under a quote that ends its paragraph ('"..."\n\n- Hillary Clinton.'). */
function signatureBelow(article: ArticleText, span: QuotedSpan): Attribution | null {
  const own = article.paragraphs[span.paragraph];
  const next = article.paragraphs[span.paragraph + 1];
  if (!own || !next || article.text.slice(span.end, own.end).trim() !== "") return null;
  const below = article.text.slice(span.end, next.end);
  if (!/^\s*[\u2015\u2014\u2013-]/.test(below)) return null;
  const signed = attributionAfter(below);
  return signed && signed.speaker.kind === "name" && below.slice(signed.length).trim() === "" ? signed : null;
}

/** How much of the words between two quotes is the first one's attribution: all of them, or none. */
function consumedAfter(between: string): number {
  const attribution = attributionAfter(between);
  return attribution && /^[\s.,;]*$/.test(between.slice(attribution.length)) ? between.length : 0;
}

/** A short quoted phrase with no punctuation of its own, or a title ("America's Unwritten Constitution,"): a term,
 * not an utterance. */
function isFragment(text: string, span: QuotedSpan): boolean {
  const inner = text.slice(span.innerStart, span.innerEnd);
  return span.closed && ((inner.split(/\s+/).length <= 3 && !/[,.!?]$/.test(inner)) || isTitlePhrase(inner.replace(/,$/, "")));
}

/** Whether the previous quoted span is in the same sentence: then the words before this one are the gap between two
 * parts of one utterance, not narrative. */
function prevInSentence(spans: QuotedSpan[], i: number, si: number, sentences: Sentence[]): boolean {
  const prev = spans[i - 1];
  return !!prev && sentenceAt(sentences, prev.innerStart) === si;
}

function sentenceEndAt(sentences: Sentence[], span: QuotedSpan): number {
  return (sentences[sentenceAt(sentences, Math.max(span.innerStart, span.end - 1))] as Sentence).end;
}

/** Where the words after a quote can hold its attribution: the end of its sentence, or of a short next sentence
 * ("..." Trump said.) when the splitter cut right after the closing mark. */
function afterLimit(sentences: Sentence[], span: QuotedSpan): number {
  const si = sentenceAt(sentences, Math.max(span.innerStart, span.end - 1));
  const s = sentences[si] as Sentence;
  if (s.end > span.end + 1) return s.end;
  const next = sentences[si + 1];
  if (next && next.paragraph === s.paragraph && next.start <= span.end + 2) {
    // A short sentence, or one that is all attribution clause: `"...!" Scott's niece, state Del. Marcia Price,
    // shouted to the crowd.`
    const words = next.text.split(/\s+/).length;
    if (words <= SHORT_ATTRIBUTION_SENTENCE) return next.end;
    const clause = words <= 3 * SHORT_ATTRIBUTION_SENTENCE ? attributionAfter(` ${next.text}`) : null;
    const tail = ` ${next.text}`.slice(clause?.length ?? 0);
    if (clause?.form === "direct" && clause.speaker.kind !== "description" && (ADJUNCT_TAIL.test(tail) || PARTICIPLE_TAIL.test(tail))) return next.end;
  }
  return s.end;
}

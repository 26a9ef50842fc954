import type { Sentence } from "../sentences.ts";
import type { ArticleText } from "../types.ts";
import { attributionAfter, attributionBefore, type Attribution } from "./attribution.ts";
import { quoteWords, type QuotedSpan } from "./marks.ts";
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
  /** Offset of the attribution clause, where a pronoun speaker is resolved from. */
  attributionAt: number;
  /** The quote is its own sentence (or sentences): nothing but an attribution around it. */
  standalone: boolean;
  speaker: string | null;
  /** The speaker came from context (a previous quote or sentence), not from an attribution clause. */
  inherited: boolean;
}

const SHORT_ATTRIBUTION_SENTENCE = 10;
const CONTEXT_CHARS = 400;

/** Finds each span's attribution clause in the words around it. */
export function toCandidates(article: ArticleText, spans: QuotedSpan[]): Candidate[] {
  const { text, sentences } = article;
  return spans.map((span, i) => {
    const prev = spans[i - 1];
    const next = spans[i + 1];
    const si = sentenceAt(sentences, span.innerStart);
    const s = sentences[si] as Sentence;
    // Attribution clauses sit within a few hundred characters of the marks; the cap keeps run-on scraped
    // paragraphs linear.
    // A scare-quoted phrase earlier in the sentence ("one of the so-called "Blair Babes" elected in 1997, told
    // researchers:") is part of the speaker phrase; a real quote before this one ends the context.
    const prevQuote = prev && prev.paragraph === span.paragraph && !isFragment(text, prev) ? prev.end : 0;
    const beforeFrom = Math.max(s.start, prevQuote, span.start - CONTEXT_CHARS);
    let before = text.slice(beforeFrom, span.start);
    let beforeEnd = span.start;
    // "..., saying," / "... told Breitbart London:" closing the previous paragraph introduces the quote that opens
    // this one.
    const previous = sentences[si - 1];
    if (before.trim() === "" && previous && previous.paragraph === span.paragraph - 1 && /[,:]$/.test(previous.text)) {
      before = `${previous.text.slice(-CONTEXT_CHARS)} `;
      beforeEnd = previous.end + 1;
    }
    const afterTo = Math.min(afterLimit(sentences, span), next && next.paragraph === span.paragraph ? next.start : Infinity, span.end + CONTEXT_CHARS);
    const after = text.slice(span.end, Math.max(span.end, afterTo));
    let attribution: Attribution | null = attributionAfter(after);
    let side: Candidate["attributionSide"] = attribution ? "after" : null;
    let at = span.end;
    const fromBefore = attributionBefore(before);
    // A direct clause before the quote beats a weaker reading after it ("He replied, "..." and then left").
    // Likewise a name before the quote beats a pronoun after it ("Mr Johnson told Today: "...," he said").
    const weakAfter = attribution && (attribution.speaker.kind === "description" || (attribution.speaker.kind === "pronoun" && fromBefore?.speaker.kind === "name"));
    if (fromBefore && (!attribution || (fromBefore.form === "direct" && weakAfter))) {
      attribution = fromBefore;
      side = "before";
      at = Math.max(0, beforeEnd - fromBefore.length);
    }
    const lead = before.trim();
    // `placed a note card in a "burn bag," the Times reported`: the words run straight into the opening mark, so the
    // quote is a fragment of the reporter's sentence even though a speaker follows it.
    if (side === "after" && attribution && lead !== "" && !/[,:;\u2014\u2013-]$/.test(lead) && !prevInSentence(spans, i, si, sentences)) {
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
      text: quoteWords(text, span.innerStart, span.innerEnd),
      paragraph: span.paragraph,
      sentence: si,
      attribution,
      attributionSide: side,
      attributionAt: at,
      standalone,
      speaker: null,
      inherited: false,
    };
  });
}

/** A short quoted phrase with no punctuation of its own: a term or a title, not an utterance. */
function isFragment(text: string, span: QuotedSpan): boolean {
  const inner = text.slice(span.innerStart, span.innerEnd);
  return span.closed && inner.split(/\s+/).length <= 3 && !/[,.!?]$/.test(inner);
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
    const words = next.text.split(/\s+/).length;
    if (words <= SHORT_ATTRIBUTION_SENTENCE) return next.end;
  }
  return s.end;
}

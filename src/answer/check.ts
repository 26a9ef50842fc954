// "Check this quote": finds the words a message quotes in the corpus and says how they stand there. Word for word
// (the longest run of the message's words found unbroken in a sentence or a quote covers nearly all of them): a
// direct quote when that run is the whole quote, a partial quote when the quote goes on; otherwise the sentence
// that shares the most of the message's content words, as a paraphrase when it shares enough, else as the nearest.
// Words are compared as the indexes compare them (folded, so quotes and dashes of any kind meet).
import type { KbQuote, KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import { namesIn } from "./mentions.ts";
import { searchWithFloor } from "./search-index.ts";
import { indexTerm, tokenize } from "./text.ts";
import type { CheckAnswer, CheckMatch } from "./types.ts";

/** A sentence to compare with, and the quote the quote index found in it, if that is how it was found. */
interface Candidate extends SentenceRef {
  quote?: number;
}

/** Only so much of a message is read: a quote to check is a sentence or a few, not an article. */
const MAX_CHARS = 1200;
const MAX_WORDS = 150;
/** A run this share of the words checked is "word for word" (a word or two at the edges may be the message's own). */
const VERBATIM = 0.9;
/** A sentence sharing this share of the content words checked (by weight), at least MIN_SHARED of them, says the same thing. */
const PARAPHRASE = 0.6;
const MIN_SHARED = 3;
const CANDIDATES = 60;
const NEAREST = 3;

// Quotation marks a chat message may use: “…”, "…", «…», „…“, ‚…‘ and ‘…’ (only across words: an apostrophe is not one).
const QUOTED = /“([^”]+)”|"([^"]+)"|«([^»]+)»|„([^“”]+)[“”]|‘([^’]*\s[^’]*)’/gu;
// Discord's markup: mentions and custom emoji, links, formatting characters, block quote markers.
const MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|https?:\/\/\S+|[*_~`|]+|^\s*>+ ?/gmu;
// "… — Linus Torvalds", "… - Torvalds, 2024": a closing attribution of a few words, the first one capitalised.
const ATTRIBUTION = /\s+(?:[—–~]|--?)\s*(\p{Lu}[^—–~\s]*(?:\s+[^—–~\s]+){0,5})$/u;

/** The words a message quotes (its quoted part, or all of it) and the rest, where a speaker may be named. */
export function claimOf(message: string): { claim: string; rest: string } {
  const text = message.slice(0, MAX_CHARS).replace(MARKUP, " ").replace(/\s+/g, " ").trim();
  let best: { claim: string; at: number; length: number } | undefined;
  for (const m of text.matchAll(QUOTED)) {
    const inner = (m.slice(1).find((g) => g !== undefined) ?? "").trim();
    if (tokenize(inner).length >= 3 && (!best || inner.length > best.claim.length)) best = { claim: inner, at: m.index, length: m[0].length };
  }
  if (best) return { claim: best.claim, rest: `${text.slice(0, best.at)} ${text.slice(best.at + best.length)}`.replace(/\s+/g, " ").trim() };
  // Unquoted: "… — Linus Torvalds" at the end names the speaker.
  const by = ATTRIBUTION.exec(text);
  if (by && tokenize(text.slice(0, by.index)).length >= 3) return { claim: text.slice(0, by.index).trim(), rest: by[1] as string };
  return { claim: text, rest: "" };
}

/** The longest run of `a` found unbroken in `b` (token lists), by length. */
export function longestRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        const run = (previous[j - 1] as number) + 1;
        row[j] = run;
        if (run > best) best = run;
      }
    }
    previous = row;
  }
  return best;
}

const contentTerms = (tokens: readonly string[]): Set<string> =>
  new Set(tokens.map(indexTerm).filter((t): t is string => t !== null));

/**
 * The content terms of the words checked, each weighted by how rare it is among the corpus's sentences: sharing
 * "kernel" with a sentence of a corpus about kernels says little, sharing "2026" says much.
 */
function weightedTerms(words: readonly string[], share: (word: string) => number, sentences: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const word of words) {
    const term = indexTerm(word);
    if (term !== null && !weights.has(term)) weights.set(term, Math.log(1 + 1 / Math.max(share(word), 1 / Math.max(1, sentences))));
  }
  return weights;
}

interface Scored extends CheckMatch {
  run: number;
  /** The run covers nearly all of the quote (or sentence) it was found in. */
  whole: boolean;
  shared: number;
}

export function check(view: CorpusView, indexes: Indexes, message: string): CheckAnswer {
  const { claim, rest } = claimOf(message);
  const named = rest ? namesIn(view.kb, indexes.names, rest)[0] : undefined;
  const claimedSpeaker = named ? (view.kb.people[named.person]?.name ?? null) : null;
  const words = tokenize(claim).slice(0, MAX_WORDS);
  const base = { claim, claimedSpeaker, asOf: view.asOf };
  if (words.length < 3) return { ...base, verdict: "none", match: null, nearest: [], tooShort: true };
  const terms = weightedTerms(words, indexes.sentenceLead.share, indexes.sentences.documentCount);
  const scored = candidates(view, indexes, words.join(" ")).map((c) => score(view, c, words, terms));
  const verbatim = scored
    .filter((s) => s.run >= Math.max(3, Math.ceil(VERBATIM * words.length)))
    // A quote before the article's own words; then the fuller run, then the tighter fit.
    .sort((a, b) => Number(b.quote !== null) - Number(a.quote !== null) || b.run - a.run || Number(b.whole) - Number(a.whole))[0];
  if (verbatim) {
    const match = { ...strip(verbatim), similarity: verbatim.run / words.length };
    return { ...base, verdict: verbatim.whole ? "direct" : "partial", match, nearest: [] };
  }
  const bySharing = scored.filter((s) => s.shared > 0).sort((a, b) => b.similarity - a.similarity || b.shared - a.shared);
  const near = bySharing[0];
  if (near && near.similarity >= PARAPHRASE && near.shared >= Math.min(MIN_SHARED, terms.size)) {
    return { ...base, verdict: "paraphrase", match: strip(near), nearest: [] };
  }
  return { ...base, verdict: "none", match: null, nearest: bySharing.slice(0, NEAREST).map(strip) };
}

/** Sentences and quotes worth comparing: those the indexes find for the words (any of them, best first). */
function candidates(view: CorpusView, indexes: Indexes, query: string): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (ref: Candidate) => {
    const key = `${ref.article}#${ref.sentence}#${ref.quote ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(ref);
  };
  // The quote index holds the quoted fragments after the direct quotes (see indexDocuments.ts): a fragment is checked as
  // part of its sentence, below.
  const direct = (r: { id: unknown }) => (r.id as number) < view.kb.quotes.length;
  for (const h of searchWithFloor(indexes.quotes, query, { minCoverage: 0.3, weight: indexes.quoteWeight, filter: direct }).slice(0, CANDIDATES)) {
    const q = view.kb.quotes[h.id as number] as KbQuote;
    add({ article: q.article, sentence: q.sentence, quote: h.id as number });
  }
  const sentences = searchWithFloor(indexes.sentences, query, { minCoverage: 0.3, lead: indexes.sentenceLead, limit: CANDIDATES });
  // Nothing shares enough words: the sentences sharing any, so that the nearest can still be offered.
  const hits = sentences.length > 0 ? sentences : indexes.sentences.search(query, { combineWith: "OR" });
  for (const h of hits.slice(0, CANDIDATES)) {
    const ref = indexes.sentenceRef(h.id as number);
    if (ref) add({ article: ref.article, sentence: ref.sentence });
  }
  return out;
}

function score(view: CorpusView, ref: Candidate, words: string[], terms: Map<string, number>): Scored {
  const sentence = view.sentence(ref);
  const quotes = ref.quote !== undefined ? [view.kb.quotes[ref.quote] as KbQuote] : quotesIn(view, ref);
  // Within a quote of the sentence, when one holds the words: the speaker is then the quote's.
  let best = { quote: null as KbQuote | null, tokens: tokenize(sentence), run: 0 };
  best.run = longestRun(words, best.tokens);
  for (const q of quotes) {
    const tokens = tokenize(q.text);
    const run = longestRun(words, tokens);
    if (run >= best.run) best = { quote: q, tokens, run };
  }
  // In other words: the content words the sentence or its quote shares, whichever shares more, by weight.
  const sharedWith = (tokens: string[]): { count: number; weight: number } => {
    const other = contentTerms(tokens);
    const common = [...terms].filter(([t]) => other.has(t));
    return { count: common.length, weight: common.reduce((sum, [, w]) => sum + w, 0) };
  };
  const inSentence = sharedWith(tokenize(sentence));
  const inQuote = best.quote ? sharedWith(best.tokens) : inSentence;
  const shared = inQuote.weight > inSentence.weight ? inQuote : inSentence;
  const total = [...terms.values()].reduce((sum, w) => sum + w, 0);
  return {
    sentence,
    quote: best.quote?.text ?? null,
    speaker: best.quote?.speaker ?? null,
    source: view.source(ref.article),
    similarity: total > 0 ? shared.weight / total : 0,
    run: best.run,
    whole: best.run >= VERBATIM * best.tokens.length,
    shared: shared.count,
  };
}

// Each knowledge base's quotes by the sentence they stand in, gathered at the first check.
const bySentence = new WeakMap<KnowledgeBase, Map<string, KbQuote[]>>();

function quotesIn(view: CorpusView, ref: SentenceRef): KbQuote[] {
  let map = bySentence.get(view.kb);
  if (!map) {
    map = new Map();
    for (const q of view.kb.quotes) {
      const key = `${q.article}#${q.sentence}`;
      map.set(key, [...(map.get(key) ?? []), q]);
    }
    bySentence.set(view.kb, map);
  }
  return map.get(`${ref.article}#${ref.sentence}`) ?? [];
}

function strip(s: Scored): CheckMatch {
  const { run: _run, whole: _whole, shared: _shared, ...match } = s;
  return match;
}

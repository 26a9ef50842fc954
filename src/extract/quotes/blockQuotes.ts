import type { Paragraph } from "../paragraphs.ts";
import type { ArticleText } from "../types.ts";
import { attributionBefore, sentenceSubject, type Attribution } from "./attribution.ts";
import type { Candidate } from "./candidate.ts";
import { BLOCK_INTRO_CUE } from "./cues.ts";
import { quoteWords } from "./marks.ts";
import { surname } from "./names.ts";
import { sentenceAt } from "./sentenceIndex.ts";

// Block quotes are set off as their own paragraphs, so they carry no marks; what gives them away is an introducing
// sentence ending in a colon and a following paragraph in the first person.
const FIRST_PERSON = /\b(?:I|I'm|I've|I'd|I'll|me|my|mine|we|We|we're|we've|us|our|Our)\b/;
const ELISION = /^\s*(?:\[\s*(?:\.\s*){3}\]|\[\u2026\]|\.\s*\.\s*\.|\u2026)\s*$/;
const MAX_PARAGRAPHS = 8;
const INTRO_CHARS = 400;
// Code listings follow "the example:" colons too.
const CODE = /[{};=]\s*$|^\s*(?:\/\/|#|\*)|\/\/\//m;

/** Quotes set as paragraphs after "X said:" / "X wrote:" / "X, a maintainer, thought ...:". */
export function findBlockQuotes(article: ArticleText): Candidate[] {
  const { text, paragraphs, sentences } = article;
  const out: Candidate[] = [];
  for (let i = 0; i + 1 < paragraphs.length; i++) {
    const intro = paragraphs[i] as Paragraph;
    const introText = text.slice(intro.start, intro.end);
    if (!/:\s*$/.test(introText) || /"\s*:\s*$/.test(introText)) continue;
    const si = sentenceAt(sentences, intro.end - 1);
    const introSentence = (sentences[si]?.text ?? introText).slice(-INTRO_CHARS);
    const attribution = introAttribution(introSentence);
    const cueAtColon = BLOCK_INTRO_CUE.test(introSentence);
    // "The governor added:" still introduces a quote; "The figures, in short:" introduces no one.
    if (!attribution || (attribution.speaker.kind === "description" && !cueAtColon)) continue;
    const speakerWord = attribution.speaker.kind === "name" ? surname(attribution.speaker.name) : null;
    let last = -1;
    for (let j = i + 1; j < paragraphs.length && j <= i + MAX_PARAGRAPHS; j++) {
      const p = paragraphs[j] as Paragraph;
      const body = text.slice(p.start, p.end);
      if (ELISION.test(body)) continue;
      if (!continuesBlock(body, speakerWord, j === i + 1 && cueAtColon)) break;
      last = j;
    }
    if (last < 0) continue;
    const first = paragraphs[i + 1] as Paragraph;
    const end = (paragraphs[last] as Paragraph).end;
    out.push({
      start: first.start,
      end,
      text: quoteWords(text, first.start, end),
      paragraph: first.index,
      sentence: sentenceAt(sentences, first.start),
      attribution,
      attributionSide: "before",
      attributionAt: sentences[si]?.start ?? intro.start,
      attributionEnd: intro.end,
      standalone: true,
      speaker: null,
      inherited: false,
      continues: false,
      framed: false,
    });
    i = last;
  }
  return out;
}

function introAttribution(sentence: string): Attribution | null {
  const cued = attributionBefore(sentence);
  if (cued && cued.form !== "partial") return cued;
  // "Wolfram Sang, who maintains many I2C drivers, also expressed concerns about learning Rust:" has no speech verb
  // but a named subject; the first-person paragraph after it is the test.
  const subject = sentenceSubject(sentence);
  return subject ? { speaker: subject, form: "subject", length: sentence.length } : null;
}

/** A paragraph is still the quoted voice while it speaks in the first person, has no marks of its own, does not
 * name the speaker in the third person and does not introduce someone else. */
function continuesBlock(body: string, speakerWord: string | null, afterSpeechCue: boolean): boolean {
  if (body.includes('"') || CODE.test(body)) return false;
  if (/:\s*$/.test(body)) return false;
  if (speakerWord && new RegExp(`\\b${speakerWord.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(body)) return false;
  if (FIRST_PERSON.test(body)) return true;
  // Right after "X said:" the first paragraph is the quote even without "I"; after that, only first person holds.
  return afterSpeechCue;
}

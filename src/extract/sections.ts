// A long article read in sections. The extractors look across a whole text (a name introduced early resolves a
// surname later, a quote's speaker is the last person named), and some of that look-across grows faster than the
// text; an article far longer than any news story (a book, a log pasted in) is therefore read a section of whole
// sentences at a time, and the sections' facts are put back together: the cost then grows with the text, and
// a news-sized article (one section) is read exactly as before.
import type { Paragraph } from "./paragraphs.ts";
import type { Sentence } from "./sentences.ts";
import type { ArticleFacts, ArticleText, LocalPerson } from "./types.ts";

/** One section: a run of whole sentences, with its paragraphs clipped to it. */
export interface Section {
  /** Offset of the section in the article text. */
  start: number;
  /** Index of the section's first sentence in the article. */
  firstSentence: number;
  /** The section as the extractors read it: its own text, paragraphs and sentences, offsets and indices from 0. */
  text: ArticleText;
}

/** Cuts the article into runs of whole sentences of at most `size` characters (a longer sentence stands alone). */
export function sectionsOf(article: ArticleText, size: number): Section[] {
  const sections: Section[] = [];
  const { sentences, paragraphs } = article;
  let first = 0;
  while (first < sentences.length) {
    const start = (sentences[first] as Sentence).start;
    let last = first;
    while (last + 1 < sentences.length && (sentences[last + 1] as Sentence).end - start <= size) last++;
    sections.push(section(article, paragraphs, sentences.slice(first, last + 1), first));
    first = last + 1;
  }
  return sections;
}

function section(article: ArticleText, paragraphs: Paragraph[], sentences: Sentence[], firstSentence: number): Section {
  const start = (sentences[0] as Sentence).start;
  const end = (sentences.at(-1) as Sentence).end;
  const firstParagraph = (sentences[0] as Sentence).paragraph;
  const own: Paragraph[] = [];
  for (let p = firstParagraph; p <= (sentences.at(-1) as Sentence).paragraph; p++) {
    const para = paragraphs[p] as Paragraph;
    own.push({ index: p - firstParagraph, start: Math.max(para.start, start) - start, end: Math.min(para.end, end) - start });
  }
  return {
    start,
    firstSentence,
    text: {
      id: article.id,
      text: article.text.slice(start, end),
      published: article.published,
      paragraphs: own,
      sentences: sentences.map((s, i) => ({ ...s, index: i, paragraph: s.paragraph - firstParagraph, start: s.start - start, end: s.end - start })),
    },
  };
}

/**
 * The facts of the whole article from the facts of its sections: offsets and sentence indices moved back, and a
 * person named in several sections counted once (sentences joined; aliases and description from the first).
 */
export function joinSections(article: ArticleText, parts: { section: Section; facts: ArticleFacts }[]): ArticleFacts {
  const people = new Map<string, LocalPerson>();
  const quotes: ArticleFacts["quotes"] = [];
  const fragments: ArticleFacts["fragments"] = [];
  const events: ArticleFacts["events"] = [];
  for (const { section, facts } of parts) {
    const [at, from] = [section.start, section.firstSentence];
    for (const p of facts.people) {
      const sentences = p.sentences.map((s) => s + from);
      const seen = people.get(p.name);
      if (!seen) people.set(p.name, { ...p, sentences });
      else {
        seen.sentences.push(...sentences);
        seen.aliases.push(...p.aliases.filter((a) => !seen.aliases.includes(a)));
        seen.description ||= p.description;
      }
    }
    for (const q of facts.quotes) quotes.push({ ...q, start: q.start + at, end: q.end + at, sentence: q.sentence + from });
    for (const q of facts.fragments) fragments.push({ ...q, start: q.start + at, end: q.end + at, sentence: q.sentence + from });
    for (const e of facts.events) events.push({ ...e, start: e.start + at, end: e.end + at, sentence: e.sentence + from });
  }
  return { article: article.id, sentences: article.sentences, people: [...people.values()], quotes, fragments, events };
}

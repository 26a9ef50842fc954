import type { KbArticle, KnowledgeBase, SentenceRef } from "../kb/types.ts";
import type { AsOf, Source } from "./types.ts";
import { sentenceParagraph, sentenceText } from "../kb/sentenceStore.ts";
import { eachSliced, runAtOnce, type Sliced } from "../util/slices.ts";

/** Lookups every answer needs: articles by id, sentence text, citations, the "as of" line. */
export interface CorpusView {
  kb: KnowledgeBase;
  article(id: string): KbArticle | undefined;
  /** A sentence's text ("" when the corpus has no such sentence), read without making its article's sentence objects. */
  sentence(ref: SentenceRef): string;
  /** The paragraph of a sentence, read the same way. */
  paragraph(ref: SentenceRef): number | undefined;
  source(articleId: string): Source;
  asOf: AsOf;
}

// An article's citation, made once per article object (a live corpus keeps the objects of unchanged articles).
const sourceOf = new WeakMap<KbArticle, Source>();

function citation(a: KbArticle): Source {
  let s = sourceOf.get(a);
  if (!s) {
    s = { article: a.id, title: a.title, outlet: a.outlet, published: a.published };
    if (a.url) s.url = a.url;
    sourceOf.set(a, s);
  }
  return s;
}

export function createCorpusView(kb: KnowledgeBase): CorpusView {
  return runAtOnce(corpusViewSliced(kb));
}

/** The same, in slices (a live corpus makes one for every snapshot while the bot answers). */
export function* corpusViewSliced(kb: KnowledgeBase): Sliced<CorpusView> {
  const byId = new Map<string, KbArticle>();
  let newest = "";
  yield* eachSliced(kb.articles, (a) => {
    byId.set(a.id, a);
    if (a.published > newest) newest = a.published;
  }, 2048);
  // Each citation is made when first cited (a start makes none: at 10,000 articles that was a tenth of a second).
  const source = (id: string): Source => {
    const a = byId.get(id);
    return a ? citation(a) : { article: id, title: id, outlet: "", published: "" };
  };
  return {
    kb,
    article: (id) => byId.get(id),
    sentence: (ref) => {
      const a = byId.get(ref.article);
      return (a && sentenceText(a, ref.sentence)) ?? "";
    },
    paragraph: (ref) => {
      const a = byId.get(ref.article);
      return a && sentenceParagraph(a, ref.sentence);
    },
    source,
    asOf: { articles: kb.articles.length, newest },
  };
}

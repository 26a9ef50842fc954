// The sentences of a knowledge base in two flat buffers, as the startup cache saves them: every sentence's text in
// one UTF-8 buffer, and a table of integers (per article its sentence count; per sentence its paragraph, start, end
// and where its text ends in the buffer). Parsing 84,000 sentence objects out of JSON was a third of a warm start at
// 10,000 articles, and an answer reads the sentences of a few articles only: so an article read from the buffers
// makes its sentence objects the first time something reads its `sentences`, and a start makes none.
import type { Sentence } from "../extract/sentences.ts";
import type { KbArticle } from "./types.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";

/** Integers per sentence in the table: paragraph, start, end, end of its text in the text buffer. */
const FIELDS = 4;

export interface PackedSentences {
  table: Buffer;
  text: Buffer;
}

/** An article as the knowledge base holds it, less its sentences. */
export type ArticleWithoutSentences = Omit<KbArticle, "sentences">;

/** The sentences of these articles, packed (each sentence's `index` must be its position, as extraction makes it). */
export function packSentences(articles: readonly KbArticle[]): PackedSentences {
  const total = articles.reduce((n, a) => n + a.sentences.length, 0);
  const table = new Int32Array(1 + articles.length + total * FIELDS);
  const texts: string[] = [];
  table[0] = articles.length;
  let at = 1 + articles.length;
  let textEnd = 0;
  articles.forEach((a, i) => {
    table[1 + i] = a.sentences.length;
    a.sentences.forEach((s, position) => {
      if (s.index !== position) throw new Error(`sentence store: sentence ${s.index} of "${a.id}" stands at ${position}`);
      textEnd += Buffer.byteLength(s.text);
      table.set([s.paragraph, s.start, s.end, textEnd], at);
      at += FIELDS;
      texts.push(s.text);
    });
  });
  return { table: Buffer.from(table.buffer, table.byteOffset, table.byteLength), text: Buffer.from(texts.join("")) };
}

/** The articles without their sentences (what is saved beside the packed sentences). */
export function withoutSentences(articles: readonly KbArticle[]): ArticleWithoutSentences[] {
  return articles.map(({ sentences: _sentences, ...rest }) => rest);
}

/** The same, its text undefined when the texts are not held (a PostgreSQL engine reads them from its database). */
type TextsMaybeHeld = Omit<PackedSentences, "text"> & { text: Buffer | undefined };

/** Where the sentences of an article not made yet lie in the packed buffers (see unpackSentences). */
interface Packed {
  table: Int32Array;
  text: Buffer | undefined;
  first: number;
  from: number;
  count: number;
}
const packedOf = new WeakMap<object, Packed>();

/** How many sentences an article has, without making its sentence objects. */
export function sentenceCount(article: KbArticle): number {
  return packedOf.get(article)?.count ?? article.sentences.length;
}

/** An article, or just its sentences (an article being extracted): what the readers below read. */
export interface WithSentences {
  readonly sentences: readonly Sentence[];
}

/**
 * The text of an article's sentence `index`, without making the article's sentence objects: an answer reads a few
 * sentences of each candidate's article, and making all of them kept every article it ever read in the heap.
 */
export function sentenceText(article: WithSentences, index: number): string | undefined {
  const packed = packedOf.get(article);
  if (!packed) return article.sentences[index]?.text;
  if (!(index >= 0 && index < packed.count)) return undefined;
  const at = packed.first + index * FIELDS;
  const start = index === 0 ? packed.from : (packed.table[at - 1] as number);
  return textOf(packed).toString("utf8", start, packed.table[at + 3] as number);
}

/** The paragraph of an article's sentence `index`, read as sentenceText reads its text. */
export function sentenceParagraph(article: WithSentences, index: number): number | undefined {
  const packed = packedOf.get(article);
  if (!packed) return article.sentences[index]?.paragraph;
  return index >= 0 && index < packed.count ? packed.table[packed.first + index * FIELDS] : undefined;
}

// One getter shared by every article (a getter of its own per article gave each object its own hidden class: a
// tenth of a second at 10,000 articles).
const descriptor: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: KbArticle): Sentence[] {
    const packed = packedOf.get(this);
    const sentences = packed ? made(packed.table, textOf(packed), packed.first, packed.from, packed.count) : [];
    Object.defineProperty(this, "sentences", { value: sentences, enumerable: true, configurable: true, writable: true });
    packedOf.delete(this);
    return sentences;
  },
};

/**
 * The articles with their sentences from the packed buffers (the same articles, in the same order, as were
 * packed). Each article's `sentences` is made when first read and is then a plain array; keys keep their order, so
 * the articles serialise as the originals did. Throws when the buffers do not hold these articles' sentences.
 */
export function unpackSentences(articles: ArticleWithoutSentences[], { table: bytes, text }: TextsMaybeHeld): KbArticle[] {
  if (bytes.byteOffset % 4 !== 0 || bytes.length % 4 !== 0) throw new Error("sentence store: the table is not a table of integers");
  const table = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (table[0] !== articles.length) throw new Error(`sentence store: ${table[0]} articles packed, ${articles.length} given`);
  let at = 1 + articles.length;
  let textStart = 0;
  const out = articles.map((article, i) => {
    const count = table[1 + i] ?? 0;
    packedOf.set(article, { table, text, first: at, from: textStart, count });
    at += count * FIELDS;
    textStart = count > 0 ? (table[at - 1] ?? 0) : textStart;
    return Object.defineProperty(article, "sentences", descriptor) as KbArticle;
  });
  if (at !== table.length || (text && textStart !== text.length)) throw new Error("sentence store: the table and the text do not match");
  return out;
}

/**
 * Gives articles unpacked without their texts (unpackSentences with none) the buffer of their texts, in slices: their
 * sentences are read from it from then on. Throws when the buffer is not the texts the table was packed with.
 */
export function* textsGiven(articles: readonly KbArticle[], text: Buffer): Sliced<void> {
  let end = 0;
  yield* eachSliced(articles, (article) => {
    const packed = packedOf.get(article);
    if (!packed) return;
    packed.text = text;
    // Where its text starts, again: a table unpacked before its places were read (a PostgreSQL engine's first stage)
    // had no text ends to work it out from.
    packed.from = end;
    if (packed.count > 0) end = packed.table[packed.first + packed.count * FIELDS - 1] as number;
  }, 2048);
  if (end !== text.length) throw new Error("sentence store: the table and the text do not match");
}

/** A reader of a text not held is a mistake to report, never an empty sentence. */
function textOf(packed: Packed): Buffer {
  if (!packed.text) throw new Error("sentence store: the texts of these sentences are not held (an engine reads them from its database)");
  return packed.text;
}

function made(table: Int32Array, text: Buffer, first: number, from: number, count: number): Sentence[] {
  const sentences: Sentence[] = [];
  let textStart = from;
  for (let i = 0, at = first; i < count; i++, at += FIELDS) {
    const textEnd = table[at + 3] as number;
    sentences.push({ index: i, paragraph: table[at] as number, start: table[at + 1] as number, end: table[at + 2] as number, text: text.toString("utf8", textStart, textEnd) });
    textStart = textEnd;
  }
  return sentences;
}

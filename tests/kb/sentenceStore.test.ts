import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Sentence } from "../../src/extract/sentences.ts";
import { packSentences, sentenceCount, sentenceParagraph, sentenceText, unpackSentences, withoutSentences } from "../../src/kb/sentenceStore.ts";
import type { KbArticle } from "../../src/kb/types.ts";

// Sentences as extraction makes them (index = position), with any text: accents, CJK, emoji (4 UTF-8 bytes), empty.
const sentence = fc.record({
  paragraph: fc.nat({ max: 1000 }),
  start: fc.nat({ max: 1_000_000 }),
  end: fc.nat({ max: 1_000_000 }),
  text: fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ maxLength: 40 })),
});
const article = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }),
    title: fc.string({ maxLength: 20 }),
    outlet: fc.string({ maxLength: 10 }),
    published: fc.constantFrom("2024", "2024-05", "2024-05-06"),
    url: fc.webUrl(),
    sentences: fc.array(sentence, { maxLength: 12 }).map((list): Sentence[] => list.map((s, index) => ({ index, ...s }))),
  },
  { requiredKeys: ["id", "title", "outlet", "published", "sentences"] },
);

/** What a start reads back: the articles as JSON without their sentences, and the packed sentences' bytes. */
function roundTrip(articles: KbArticle[]): KbArticle[] {
  const { table, text } = packSentences(articles);
  // A fresh, aligned buffer per section, as the startup cache reads each.
  const copy = (b: Buffer): Buffer => Buffer.from(Uint8Array.prototype.slice.call(b));
  const meta = JSON.parse(JSON.stringify(withoutSentences(articles))) as ReturnType<typeof withoutSentences>;
  return unpackSentences(meta, { table: copy(table), text: copy(text) });
}

describe("the packed sentence store", () => {
  it("gives back every article as it was packed: its sentences, its keys in their order, its JSON", () => {
    fc.assert(
      fc.property(fc.array(article, { maxLength: 8 }), (articles) => {
        const back = roundTrip(articles);
        expect(JSON.stringify(back)).toBe(JSON.stringify(articles));
        expect(back).toEqual(articles);
      }),
    );
  });

  it("counts an article's sentences without making them, and makes them once, when first read", () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 8 }), fc.nat(), (articles, pick) => {
        const back = roundTrip(articles);
        const i = pick % back.length;
        const a = back[i] as KbArticle;
        expect(Object.getOwnPropertyDescriptor(a, "sentences")?.get).toBeDefined();
        expect(sentenceCount(a)).toBe(articles[i]?.sentences.length);
        expect(Object.getOwnPropertyDescriptor(a, "sentences")?.get).toBeDefined();
        const made = a.sentences;
        expect(made).toEqual(articles[i]?.sentences);
        expect(a.sentences).toBe(made);
        expect(Object.getOwnPropertyDescriptor(a, "sentences")?.value).toBe(made);
        expect(sentenceCount(a)).toBe(made.length);
        // The others are untouched by it.
        for (const other of back) if (other !== a) expect(Object.getOwnPropertyDescriptor(other, "sentences")?.get).toBeDefined();
      }),
    );
  });

  it("reads a sentence's text and paragraph without making the article's sentence objects, before and after they are made", () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 8 }), (articles) => {
        const back = roundTrip(articles);
        const read = (a: KbArticle) => Array.from({ length: sentenceCount(a) + 2 }, (_, i) => [sentenceText(a, i - 1), sentenceParagraph(a, i - 1)]);
        const expected = (a: KbArticle) => [[undefined, undefined], ...a.sentences.map((s) => [s.text, s.paragraph]), [undefined, undefined]];
        back.forEach((a, i) => {
          expect(read(a)).toEqual(expected(articles[i] as KbArticle));
          expect(Object.getOwnPropertyDescriptor(a, "sentences")?.get).toBeDefined();
        });
        // Once made (and for an article that was never packed), the same from the objects.
        back.forEach((a, i) => {
          void a.sentences;
          expect(read(a)).toEqual(expected(articles[i] as KbArticle));
          expect(read(articles[i] as KbArticle)).toEqual(expected(articles[i] as KbArticle));
        });
      }),
    );
  });

  it("refuses buffers that do not hold the articles given", () => {
    const articles: KbArticle[] = [
      { id: "a", title: "A", outlet: "O", published: "2024", sentences: [{ index: 0, paragraph: 0, start: 0, end: 5, text: "Hello" }] },
      { id: "b", title: "B", outlet: "O", published: "2024", sentences: [] },
    ];
    const packed = packSentences(articles);
    const meta = withoutSentences(articles);
    expect(() => unpackSentences(meta.slice(0, 1), packed)).toThrow("sentence store: 2 articles packed, 1 given");
    expect(() => unpackSentences(meta, { table: packed.table, text: packed.text.subarray(0, 3) })).toThrow("the table and the text do not match");
    expect(() => unpackSentences(meta, { table: packed.table.subarray(0, 6), text: packed.text })).toThrow("not a table of integers");
  });

  it("without the texts (a PostgreSQL engine that reads them from its database), reads the rest and refuses a text", () => {
    const sentences: Sentence[] = [
      { index: 0, paragraph: 0, start: 0, end: 5, text: "Hello" },
      { index: 1, paragraph: 1, start: 6, end: 11, text: "world" },
    ];
    const articles: KbArticle[] = [{ id: "a", title: "A", outlet: "O", published: "2024", sentences }];
    const [back] = unpackSentences(withoutSentences(articles), { table: packSentences(articles).table, text: undefined }) as [KbArticle];
    expect([sentenceCount(back), sentenceParagraph(back, 1)]).toEqual([2, 1]);
    expect(() => sentenceText(back, 0)).toThrow(/sentence store: the texts of these sentences are not held/);
    expect(() => back.sentences).toThrow(/not held/);
  });

  it("packs only sentences that stand at their index", () => {
    const moved: KbArticle = { id: "a", title: "A", outlet: "O", published: "2024", sentences: [{ index: 1, paragraph: 0, start: 0, end: 1, text: "x" }] };
    expect(() => packSentences([moved])).toThrow('sentence store: sentence 1 of "a" stands at 0');
  });
});

// A description cited through the reader of texts (src/kb/citations.ts: the leader's, whose knowledge base holds no
// text) is the sentence citeDescription (src/kb/build.ts) cites from the texts in memory, whatever the people, their
// mentions and the reads' size; no read asks for more articles than its batch.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { citeDescription } from "../../src/kb/build.ts";
import { citeDescriptions } from "../../src/kb/citations.ts";
import type { KbArticle, KbPerson } from "../../src/kb/types.ts";

const WORDS = ["the", "mayor", "harbour", "council", "chair", "of", "Mayor", "HARBOUR"];
const ARTICLES = ["a", "b", "c", "d", "e", "f"];

const kbArticle = (id: string, texts: string[]): KbArticle =>
  ({ id, title: id, outlet: "o", published: "2026-01-01", url: "", sentences: texts.map((text, index) => ({ index, paragraph: 0, start: 0, end: text.length, text })) }) as KbArticle;

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
/** Articles by id; "f" is never one (a mention of an article not in the knowledge base). */
const articles = fc.tuple(...ARTICLES.slice(0, 5).map((id) => fc.array(sentence, { maxLength: 4 }).map((texts) => kbArticle(id, texts))));
const person = fc.record({
  description: fc.option(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((w) => w.join(" ")), { nil: undefined }), // undefined: none ("")
  mentions: fc.array(fc.record({ article: fc.constantFrom(...ARTICLES), sentence: fc.nat({ max: 4 }) }), { maxLength: 12 }),
  cited: fc.boolean(),
});

const people = (drawn: { description: string | undefined; mentions: { article: string; sentence: number }[]; cited: boolean }[]): KbPerson[] =>
  drawn.map((p, i) => ({
    name: `Person ${i}`,
    aliases: [],
    articles: [...new Set(p.mentions.map((m) => m.article))],
    mentions: p.mentions,
    description: p.description ?? "",
    // One cited already keeps its citation (as citeDescription leaves it).
    ...(p.cited && p.mentions[0] && { descriptionSource: p.mentions[0] }),
  }));

describe("citations through the reader of texts", () => {
  it("cite the sentence citeDescription cites from the texts in memory, reading at most a batch of articles at once", async () => {
    await fc.assert(
      fc.asyncProperty(articles, fc.array(person, { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), async (kbArticles, drawn, batch) => {
        const byId = new Map(kbArticles.map((a) => [a.id, a]));
        const expected = people(drawn);
        for (const p of expected) citeDescription(p, byId);
        const reads: string[][] = [];
        const cited = people(drawn);
        await citeDescriptions(
          cited,
          async (ids) => {
            reads.push(ids);
            return new Map(ids.map((id) => [id, byId.get(id)?.sentences.map((s) => s.text) ?? []]));
          },
          { batch },
        );
        expect(cited).toEqual(expected);
        for (const ids of reads) expect(ids.length).toBeLessThanOrEqual(batch);
      }),
      { numRuns: 300 },
    );
  });

  it("read nothing when nobody needs a citation", async () => {
    const cited: KbPerson = { name: "Ana", aliases: [], articles: ["a"], mentions: [{ article: "a", sentence: 0 }], description: "chair", descriptionSource: { article: "a", sentence: 0 } };
    const undescribed: KbPerson = { name: "Rui", description: "", aliases: [], articles: ["a"], mentions: [{ article: "a", sentence: 0 }] };
    let reads = 0;
    await citeDescriptions([cited, undescribed], async () => {
      reads++;
      return new Map();
    });
    expect(reads).toBe(0);
  });
});

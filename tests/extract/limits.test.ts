// What extraction reads of an abnormal article (issue 18 items 1 and 2): a run-on paragraph of dates becomes
// sentences of bounded length with a bounded number of events each, so that indexing it costs a bounded multiple of
// its size; a long article is read in sections whose facts point into the whole text; text past the limit is cut,
// with one log line naming the article.
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { EXTRACTION_LIMITS } from "../../src/extract/limits.ts";
import { MAX_SENTENCE_CHARS } from "../../src/extract/sentences.ts";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import type { Logger } from "../../src/log.ts";
import { extractAll } from "../../src/pipeline/extractAll.ts";
import { datesParagraph, MONTHS } from "./fixtures.ts";

const article = (id: string, text: string): Article => ({
  id,
  file: `/corpus/${id}.md`,
  hash: id,
  signature: "",
  meta: { title: id, outlet: "Test", published: "2024-05-01" },
  body: text,
  text,
  toOriginal: (offset) => offset,
});

const story = (n: number): string =>
  `Maria Okafor, the mayor of Eastbridge, opened bridge number ${n} on ${MONTHS[n % 12]} ${1 + (n % 28)}, 2021.\n\n` +
  `"It took us ${n + 2} years to get here," Okafor said. The council had approved it in ${2000 + (n % 20)}.\n\n`;
// Text with nothing to extract, cheap to read: most of a long article below.
const filler = (n: number): string => `the river rose again that week and the town waited for it to fall, as it had ${n} times before.\n\n`.repeat(20);

/** Paragraphs of stories and filler up to `chars` characters. */
function longText(chars: number): string {
  const parts: string[] = [];
  for (let n = 0, length = 0; length < chars; n++) length += (parts[n] = n % 4 === 0 ? story(n) : filler(n)).length;
  return parts.join("");
}

describe("a run-on paragraph of dates", () => {
  it("is read as sentences of at most 1,000 characters with at most 10 events each: indexing it is linear", () => {
    const text = datesParagraph(60_000);
    const facts = extractArticle(article("dates", text));
    expect(Math.max(...facts.sentences.map((s) => s.text.length))).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    const perSentence = new Map<number, number>();
    for (const e of facts.events) perSentence.set(e.sentence, (perSentence.get(e.sentence) ?? 0) + 1);
    expect(Math.max(...perSentence.values())).toBe(EXTRACTION_LIMITS.maxEventsPerSentence);
    // Every event indexes its sentence: the text indexed for events stays a small multiple of the article (it was
    // 1,543 events × 60 KB, 1,500 times the article, before sentences and events per sentence were bounded).
    const indexed = facts.events.reduce((sum, e) => sum + (facts.sentences[e.sentence]?.text.length ?? 0), 0);
    expect(indexed).toBeLessThanOrEqual(EXTRACTION_LIMITS.maxEventsPerSentence * text.length);
    // Pieces are cut at spaces: no word is split, and no text is lost.
    expect(facts.sentences.map((s) => s.text).join(" ")).toBe(text);
  });
});

describe("a long article", () => {
  it("is read in sections whose facts point into the whole text, each person once", () => {
    const text = longText(2.2 * EXTRACTION_LIMITS.sectionChars);
    const facts = extractArticle(article("long", text));
    const late = facts.quotes.filter((q) => q.start > 2 * EXTRACTION_LIMITS.sectionChars);
    expect(late.length).toBeGreaterThan(3);
    for (const q of [...facts.quotes.slice(0, 3), ...late.slice(-3)]) {
      expect(text.slice(q.start, q.end)).toContain(q.text);
      expect(facts.sentences[q.sentence]?.text).toContain(q.text.split(" ")[0]);
      expect(q.speaker).toBe("Maria Okafor");
    }
    for (const e of facts.events.slice(-3)) expect(text.slice(e.start, e.end)).toBe(e.dateText);
    const maria = facts.people.filter((p) => p.name === "Maria Okafor");
    expect(maria).toHaveLength(1);
    expect(maria[0]?.sentences).toContain(late.at(-1)?.sentence);
    expect(maria[0]?.sentences).toContain(facts.quotes[0]?.sentence);
  });

  it(`past ${EXTRACTION_LIMITS.maxChars.toLocaleString("en-US")} characters is cut at a paragraph break, with one log line naming it`, async () => {
    const text = longText(EXTRACTION_LIMITS.maxChars + 50_000);
    const warnings: { file?: string; msg: string }[] = [];
    const log = { info: () => undefined, error: () => undefined, warn: (o: { file?: string }, msg: string) => void warnings.push({ ...o, msg }) } as unknown as Logger;
    const { facts } = await extractAll([article("huge", text)], createMemoryFactsStore(), log, { workers: 1 });
    const last = facts[0]?.sentences.at(-1);
    expect(last?.end).toBeLessThanOrEqual(EXTRACTION_LIMITS.maxChars);
    expect(last?.end).toBeGreaterThan(EXTRACTION_LIMITS.maxChars * 0.99);
    expect(text.slice(last?.end, (last?.end ?? 0) + 2)).toBe("\n\n");
    expect(warnings).toEqual([
      { file: "/corpus/huge.md", msg: `huge: only the first 1,000,000 of its ${text.length.toLocaleString("en-US")} characters are read (the limit for one article)` },
    ]);
  }, 30_000);
});

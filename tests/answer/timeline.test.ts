// /timeline (src/answer/timeline.ts) against its first implementation as the reference model (timelineReference.ts):
// the corpus's date order made once and merging stopped once the shown events are complete, a person's events read
// from the events of the sentences that mention them: over random corpora of few words and dates (so that reports of
// one event merge, dates tie and there are more than the 50 shown), the answers must be the same.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCorpusView } from "../../src/answer/context.ts";
import { createAnswerSet } from "../../src/answer/index.ts";
import { EventTable } from "../../src/kb/eventTable.ts";
import type { KbArticle, KbEvent, KbPerson, KnowledgeBase } from "../../src/kb/types.ts";
import { referenceTimeline } from "./timelineReference.ts";

const WORDS = ["council", "tram", "vote", "rail", "budget", "strike", "mayor", "port", "zinc", "rates"];
const NAMES = ["Anna Berg", "Tomas Berg", "Lina Okafor", "Pedro Alves"];
// Dates that sort close together, some equal: "2024" before "2024-05", the same date in several sentences.
const DATES = ["2024", "2024-05", "2024-05-01", "2024-05-02", "2023-12", "1999", "2025-01-30"];

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 });
const corpus: fc.Arbitrary<Corpus> = fc.record({
  articles: fc.array(fc.array(sentence, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }),
  // An event or a mention names an article and a sentence by a number taken modulo what there is.
  events: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...DATES)), { maxLength: 160 }),
  people: fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 60 })), { maxLength: 4 }),
});

interface Corpus {
  articles: string[][][];
  events: [number, number, string][];
  people: [string, [number, number][]][];
}

function kbOf({ articles, events, people }: Corpus): KnowledgeBase {
  const kbArticles: KbArticle[] = articles.map((sentences, i) => {
    let start = 0;
    return {
      id: `a${i}`,
      title: `Article ${i}`,
      outlet: "Test",
      published: "2025-02",
      sentences: sentences.map((words, index) => {
        const text = `${words.join(" ")}.`;
        start += text.length + 1;
        return { index, paragraph: 0, start: start - text.length - 1, end: start - 1, text };
      }),
    };
  });
  const ref = (a: number, s: number) => {
    const article = kbArticles[a % kbArticles.length] as KbArticle;
    return { article: article.id, sentence: s % article.sentences.length };
  };
  const kbEvents: KbEvent[] = events.map(([a, s, date]) => ({ ...ref(a, s), date, dateText: date }));
  // One person per name; their mentions in corpus order, as the knowledge base keeps them.
  const byName = new Map(people.map(([name, mentions]) => [name, mentions.map(([a, s]) => ref(a, s))]));
  const kbPeople: KbPerson[] = [...byName].map(([name, mentions]) => ({
    name,
    description: "",
    aliases: [name.split(" ").at(-1) as string],
    articles: [...new Set(mentions.map((m) => m.article))],
    mentions: mentions.sort((x, y) => Number(x.article.slice(1)) - Number(y.article.slice(1)) || x.sentence - y.sentence),
  }));
  return { articles: kbArticles, people: kbPeople, quotes: [], fragments: [], events: EventTable.of(kbEvents) };
}

describe("timeline", () => {
  it("answers as sorting and merging every event of its subject does: the whole corpus, a person, a topic", () => {
    fc.assert(
      fc.property(corpus, fc.array(fc.oneof(fc.constant(""), fc.constantFrom(...NAMES, "Berg", "Okafor"), fc.constantFrom(...WORDS), fc.constant("nothing here")), { minLength: 1, maxLength: 6 }), (c, subjects) => {
        const kb = kbOf(c);
        const { answers, indexes } = createAnswerSet(kb);
        const view = createCorpusView(kb);
        for (const subject of subjects) expect(answers.timeline(subject || undefined)).toEqual(referenceTimeline(view, indexes, subject || undefined));
      }),
      { numRuns: 150 },
    );
  });

  it("shows the first 50 of many events with every source of each, found after the 50th", () => {
    // 60 sentences told by 3 articles each (distinct words per sentence), all dated 2024 but the first: in date order
    // the first article's reports come first, so every shown event's other sources come after the 50th is made.
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const words = (s: number) => ["north", "south", "east"].map((w) => `${w}${letters[s % 26]}${letters[Math.floor(s / 26)]}`);
    const articles = [0, 1, 2].map(() => Array.from({ length: 60 }, (_, s) => words(s)));
    const events: [number, number, string][] = [];
    for (const a of [0, 1, 2]) for (let s = 0; s < 60; s++) events.push([a, s, s === 0 ? "1999" : "2024"]);
    const kb = kbOf({ articles, events, people: [] });
    const { answers, indexes } = createAnswerSet(kb);
    const shown = answers.timeline();
    expect(shown).toEqual(referenceTimeline(createCorpusView(kb), indexes));
    expect(shown.events).toHaveLength(50);
    expect(shown.events.map((e) => e.sources.map((s) => s.article))).toEqual(Array.from({ length: 50 }, () => ["a0", "a1", "a2"]));
  });
});

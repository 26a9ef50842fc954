// A large corpus where one word is everywhere: /search and /when ask for a more specific word instead of ranking
// thousands of sentences by it, and still answer when a specific word comes with it.
import { describe, expect, it } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import type { KbArticle, KbEvent, KnowledgeBase } from "../../src/kb/types.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

const SENTENCES = 21_000; // past the 20,000 documents from which an index counts as large
const label = (i: number) => `lot${i.toString(36)}x`;

function largeKb(): KnowledgeBase {
  const sentences: KbArticle["sentences"] = [];
  const events: KbEvent[] = [];
  let start = 0;
  for (let i = 0; i < SENTENCES; i++) {
    const text = `The ferry council approved ${label(i)} on March ${(i % 28) + 1}, 2024.`;
    sentences.push({ index: i, paragraph: i, start, end: start + text.length, text });
    events.push({ article: "ferries", sentence: i, date: `2024-03-${String((i % 28) + 1).padStart(2, "0")}`, dateText: `March ${(i % 28) + 1}, 2024` });
    start += text.length + 1;
  }
  const article: KbArticle = { id: "ferries", title: "Ferry council minutes", outlet: "Harbour Herald", published: "2024-04", sentences };
  return { articles: [article], people: [], quotes: [], fragments: [], events: EventTable.of(events) };
}

describe("queries of words in most of a large corpus", () => {
  const answers = createAnswers(largeKb());

  it("/search and /when name the words that are too common, and find nothing", () => {
    expect(answers.search("ferry council")).toMatchObject({ hits: [], tooCommon: ["ferry", "council"] });
    expect(answers.when("the ferry council")).toMatchObject({ events: [], tooCommon: ["ferry", "council"] });
  });

  it("answer as usual once a specific word comes with them", () => {
    const hit = answers.search(`council ${label(4321)}`).hits;
    expect(hit.map((h) => h.text)).toEqual([`The ferry council approved ${label(4321)} on March 10, 2024.`]);
    expect(answers.when(`ferry ${label(777)}`).events.map((e) => e.date)).toEqual(["2024-03-22"]);
  });
});

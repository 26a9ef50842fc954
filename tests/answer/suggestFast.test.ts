// Autocomplete's shortcuts (src/answer/suggest.ts) against the plain ways they replace, as reference models: article
// titles looked up by their words instead of tried one by one, and events searched among the newest first instead of
// all at once and sorted by date. Over random corpora of common and rare words, the choices must be the same.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnswerSet } from "../../src/answer/index.ts";
import { emptyBoxOrders } from "../../src/answer/suggestOrders.ts";
import { tokenize } from "../../src/answer/text.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import type { KbArticle, KbEvent, KnowledgeBase } from "../../src/kb/types.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

const WORDS = ["market", "markets", "mark", "tram", "trade", "u.s.", "us", "council", "coal", "copper", "rail", "rates", "zinc"];
const word = fc.constantFrom(...WORDS);
const date = fc.constantFrom("2004", "2004-11", "2004-11-05", "2005-01-30", "1987-03", "1987-03-02", "1987-04-09", "1987");

const corpus = fc.array(fc.record({ title: fc.array(word, { minLength: 1, maxLength: 4 }), sentences: fc.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.option(date)), { minLength: 1, maxLength: 4 }), published: date }), {
  minLength: 1,
  maxLength: 60,
});

function kbOf(articles: { title: string[]; sentences: [string[], string | null][]; published: string }[]): KnowledgeBase {
  const events: KbEvent[] = [];
  const kbArticles: KbArticle[] = articles.map((a, i) => {
    const id = `a${i}`;
    const sentences = splitSentences(a.sentences.map(([words]) => `${words.join(" ")} said.`).join(" "));
    a.sentences.forEach(([, d], s) => {
      if (d && s < sentences.length) events.push({ article: id, sentence: s, date: d, dateText: d });
    });
    return { id, title: a.title.join(" "), outlet: "Test", published: a.published, sentences };
  });
  return { articles: kbArticles, people: [], quotes: [], fragments: [], events: EventTable.of(events) };
}

describe("autocomplete shortcuts", () => {
  it("suggests the articles whose title has a word starting with each typed word, newest first, as trying every title does", () => {
    fc.assert(
      fc.property(corpus, fc.array(fc.constantFrom("m", "ma", "mark", "t", "tr", "co", "u", "zi", "x"), { maxLength: 2 }), (articles, typed) => {
        const kb = kbOf(articles);
        const { answers } = createAnswerSet(kb);
        const prefix = typed.join(" ");
        const newestFirst = [...kb.articles].sort((a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title));
        const want = newestFirst
          .filter((a) => tokenize(prefix).every((t) => tokenize(a.title).some((w) => w.startsWith(t))))
          .slice(0, 25)
          .map((a) => a.id);
        expect(answers.suggest("article", prefix).map((s) => s.value)).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it("suggests the same events as searching every event and sorting them by date", () => {
    fc.assert(
      fc.property(corpus, fc.constantFrom("m", "mark", "market", "tra", "u", "us", "co", "rail rat", "zinc", "council co"), (articles, prefix) => {
        const kb = kbOf(articles);
        const { answers, indexes } = createAnswerSet(kb);
        const typed = tokenize(prefix);
        const hits = indexes.events
          .search(typed.join(" "), { fields: ["text"], combineWith: "AND", fuzzy: false, prefix: (term, i) => i === typed.length - 1 && term.length >= 3 })
          .map((h) => kb.events.at(h.id as number) as KbEvent)
          .sort((a, b) => b.date.localeCompare(a.date));
        const seen = new Set<string>();
        const want: string[] = [];
        for (const e of hits) {
          if (seen.has(`${e.article}#${e.sentence}`)) continue;
          seen.add(`${e.article}#${e.sentence}`);
          want.push(`${e.article}#${e.sentence} ${e.date}`);
        }
        const got = answers.suggest("event", prefix).map((s) => s.name);
        expect(got).toHaveLength(Math.min(25, want.length));
        // Each choice shows its event's date and sentence.
        want.slice(0, 25).forEach((w, i) => {
          const [ref, d] = w.split(" ") as [string, string];
          const [article, sentence] = ref.split("#") as [string, string];
          const text = kb.articles.find((a) => a.id === article)?.sentences[Number(sentence)]?.text ?? "";
          const name = got[i] as string;
          // Clipped to Discord's 100 characters, or begun near the typed word: a part of the sentence.
          const shown = name.slice(`${d} · `.length).replace(/^…|…$/g, "");
          expect(name.startsWith(`${d} · `) && text.includes(shown)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("offers in an empty person box the first 25 of the people sorted by mentions, then name, as sorting them all does", () => {
    // Few names and counts: many people tie on both (a stable sort keeps their order), more than 25 people in all.
    const person = fc.record({ name: fc.constantFrom("Ana", "Ána", "ana", "Bo", "Zoe", "Émile", "Emile", "Li"), mentions: fc.nat(6) });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 80 }), (listed) => {
        const kb = kbOf([{ title: ["market"], sentences: [[["market"], null]], published: "2004" }]);
        kb.people = listed.map(({ name, mentions }, i) => ({ name, description: `${i}`, aliases: [], articles: ["a0"], mentions: Array.from({ length: mentions }, () => ({ article: "a0", sentence: 0 })) }));
        const want = [...kb.people].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name)).slice(0, 25);
        expect(createAnswerSet(kb).answers.suggest("person", "").map((s) => s.name)).toEqual(want.map((p) => p.name));
      }),
      { numRuns: 150 },
    );
  });

  it("suggests the same while the empty boxes' orders are being made in slices, and the slices then finish", () => {
    const kinds = ["person", "event", "article"] as const;
    fc.assert(
      fc.property(corpus, fc.nat(12), fc.constantFrom("", "m", "mark", "co", "rail rat"), (articles, steps, prefix) => {
        const kb = kbOf(articles);
        const want = kinds.map((kind) => createAnswerSet(kbOf(articles)).answers.suggest(kind, prefix));
        const { answers } = createAnswerSet(kb);
        // An engine's start makes the orders after its first answers; a suggestion comes part way through.
        const slices = emptyBoxOrders(kb);
        for (let i = 0; i < steps && !slices.next().done; i++);
        expect(kinds.map((kind) => answers.suggest(kind, prefix))).toEqual(want);
        while (!slices.next().done);
        expect(kinds.map((kind) => answers.suggest(kind, ""))).toEqual(kinds.map((kind) => createAnswerSet(kbOf(articles)).answers.suggest(kind, "")));
      }),
      { numRuns: 100 },
    );
  });
});

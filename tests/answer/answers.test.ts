import { describe, expect, it } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import { fixtureKb } from "./fixture.ts";

const answers = createAnswers(fixtureKb());

describe("who", () => {
  it.each([
    ["full name", "Ingrid Solberg-Haugen"],
    ["surname only, any case", "solberg-haugen"],
    ["first name", "Ingrid"],
    ["reversed", "Solberg-Haugen Ingrid"],
    ["hyphen dropped", "Solberg Haugen"],
    ["misspelt by a letter", "Ingrid Solberg-Hagen"],
    ["with an honorific", "Mrs. Solberg-Haugen"],
  ])("finds a person by %s", (_kind, query) => {
    expect(answers.who(query).person?.name).toBe("Ingrid Solberg-Haugen");
  });

  it("finds a person without typing the diacritics", () => {
    expect(answers.who("tomasz wrobel").person?.name).toBe("Tomasz Wróbel");
  });

  it("answers a role question, matching 'leads' to the stated role", () => {
    expect(answers.who("who leads the city council").person?.name).toBe("Ingrid Solberg-Haugen");
    expect(answers.who("who designed the route").person?.name).toBe("Tomasz Wróbel");
  });

  it("reads a noun phrase as a role only when it names one, so an organisation is not a person", () => {
    expect(answers.who("city council").person).toBeNull();
    expect(answers.who("city council leader").person?.name).toBe("Ingrid Solberg-Haugen");
  });

  it("gives the card: description, facts with sources (the description's sentence first), quotes, articles", () => {
    const p = answers.who("Solberg-Haugen").person!;
    expect(p.description).toContain("leads the city council");
    expect(p.facts[0]?.text).toContain("Mayor Ingrid Solberg-Haugen");
    expect(p.facts[0]?.source).toMatchObject({ article: "tram", title: "Harbour City approves its first tram line", url: "https://news.example/tram" });
    expect(p.quotes.map((q) => q.speaker)).toEqual(["Ingrid Solberg-Haugen"]);
    expect(p.articles.map((a) => a.article)).toEqual(["tram", "budget"]);
  });

  it("answers nothing for someone the corpus does not name, with the nearest names as suggestions", () => {
    const a = answers.who("Ingrid Bergman");
    expect(a.person).toBeNull();
    expect(a.suggestions).toContain("Ingrid Solberg-Haugen");
    expect(answers.who("Elon Musk").person).toBeNull();
    expect(answers.who("").person).toBeNull();
  });

  it("carries an as-of line", () => {
    expect(answers.who("Ingrid").asOf).toEqual({ articles: 2, newest: "2025-01" });
  });
});

describe("when", () => {
  it("finds the dated event, best first", () => {
    const e = answers.when("council vote announced").events;
    expect(e[0]?.date).toBe("2024-03-12");
    expect(e[0]?.source.article).toBe("tram");
  });

  it("uses the next sentence as context for what happened", () => {
    expect(answers.when("Wróbel resignation").events[0]?.date).toBe("2024-09");
  });

  it("answers nothing for an event the corpus does not cover, even when one word matches", () => {
    expect(answers.when("bridge construction cancelled by the mayor").events).toEqual([]);
    expect(answers.when("the").events).toEqual([]);
  });
});

describe("quote", () => {
  it("gives only the named person's words: direct quotes first, then the fragments quoted in reporters' sentences", () => {
    const a = answers.quote("Ingrid Solberg-Haugen");
    expect(a.speaker).toBe("Ingrid Solberg-Haugen");
    expect(a.quotes.map((q) => [q.speaker, q.fragment ?? false])).toEqual([
      ["Ingrid Solberg-Haugen", false],
      ["Ingrid Solberg-Haugen", true],
    ]);
  });

  it("finds a fragment by its words, with its speaker and the sentence it stands in", () => {
    const [q] = answers.quote({ text: "lesson in patience" }).quotes;
    expect(q).toMatchObject({ text: "a lesson in patience", speaker: "Ingrid Solberg-Haugen", fragment: true });
    expect(q?.context).toContain('called the delays "a lesson in patience" for the whole city');
  });

  it("does not show a fragment among a person's quotes on /who, nor count it as a quote", () => {
    const p = answers.who("Solberg-Haugen").person;
    expect(p?.quotes.map((q) => q.text)).toEqual(["This is the day the city starts moving again,"]);
    expect(answers.about().quotes).toBe(2);
  });

  it("gives nothing, not someone else's words, for a person with no quotes", () => {
    const a = answers.quote({ speaker: "Tomasz Wróbel" });
    expect(a.speaker).toBe("Tomasz Wróbel");
    expect(a.quotes).toEqual([]);
  });

  it("finds a quote from part of its words, exact phrase first, with an unnamed speaker as null", () => {
    const a = answers.quote("laid one rail");
    expect(a.quotes[0]?.text).toContain("laid one rail");
    expect(a.quotes[0]?.speaker).toBeNull();
  });

  it("ranks the exact phrase above a quote sharing the words out of order", () => {
    const a = answers.quote("the city starts moving");
    expect(a.quotes[0]?.text).toContain("the city starts moving");
  });

  it("answers nothing for words no quote holds", () => {
    expect(answers.quote("submarine fleet").quotes).toEqual([]);
  });
});

describe("search and timeline", () => {
  it("finds sentences with the words that matched", () => {
    const hits = answers.search("tram budget").hits;
    expect(hits[0]?.matched).toEqual(expect.arrayContaining(["tram", "budget"]));
    expect(hits[0]?.source.article).toBe("budget");
    expect(answers.search("zeppelin").hits).toEqual([]);
  });

  it("orders a person's events by date", () => {
    const t = answers.timeline("Solberg-Haugen");
    expect(t.subject).toBe("Ingrid Solberg-Haugen");
    expect(t.events.map((e) => e.date)).toEqual(["2024-03-12", "2026"]);
  });

  it("orders the whole corpus when no subject is given", () => {
    const dates = answers.timeline().events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe("2015");
  });
});

describe("suggest", () => {
  it("ranks people by how well the prefix fits", () => {
    expect(answers.suggest("person", "wro")[0]?.name).toBe("Tomasz Wróbel");
    expect(answers.suggest("person", "ing")[0]?.name).toBe("Ingrid Solberg-Haugen");
    expect(answers.suggest("person", "zzz")).toEqual([]);
  });

  it("gives the most mentioned first for an empty prefix", () => {
    expect(answers.suggest("person", "").map((s) => s.name)).toEqual(["Ingrid Solberg-Haugen", "Tomasz Wróbel"]);
  });

  it("keeps every choice within Discord's limits", () => {
    for (const kind of ["person", "event", "article"] as const)
      for (const prefix of ["", "t", "x".repeat(500)]) {
        const s = answers.suggest(kind, prefix);
        expect(s.length).toBeLessThanOrEqual(25);
        for (const c of s) {
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }
    expect(answers.suggest("event", "budg")[0]?.name).toMatch(/^2025-01 · The tram budget/);
  });

  it("gives event choices short values that find the same event again", () => {
    for (const choice of answers.suggest("event", "")) {
      expect(choice.value.length).toBeLessThanOrEqual(60);
      const date = choice.name.split(" · ")[0];
      expect(answers.when(choice.value).events[0]?.date).toBe(date);
    }
  });
});

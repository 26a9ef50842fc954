// "Check this quote" and "Who is mentioned here?" as pure functions, over the tram fixture (a topic far from the
// seed corpus, with hand-made facts, so the checks are tested apart from the extractors).
import { describe, expect, it } from "vitest";
import { claimOf, longestRun } from "../../src/answer/check.ts";
import { createAnswers } from "../../src/answer/index.ts";
import { fixtureKb } from "./fixture.ts";

const answers = createAnswers(fixtureKb());

describe("the words a message quotes", () => {
  it("are the quoted part, whatever the quotation marks; the rest may name the speaker", () => {
    expect(claimOf(`Solberg-Haugen: "this is the day the city starts moving again" lol`)).toEqual({
      claim: "this is the day the city starts moving again",
      rest: "Solberg-Haugen: lol",
    });
    expect(claimOf("as the mayor put it, «the city starts moving again» today").claim).toBe("the city starts moving again");
    expect(claimOf("she said “the city starts moving again”").claim).toBe("the city starts moving again");
  });

  it("are the whole message when nothing is quoted, less a closing attribution and Discord's markup", () => {
    expect(claimOf("> This is the day the city starts moving again — Ingrid Solberg-Haugen")).toEqual({
      claim: "This is the day the city starts moving again",
      rest: "Ingrid Solberg-Haugen",
    });
    expect(claimOf("<@123456789012345678> **the city starts moving** https://x.example/a").claim).toBe("the city starts moving");
  });

  it("an apostrophe is not a quotation mark; two words in quotes are not the quote", () => {
    expect(claimOf("it's the engineer's route, don't you think").claim).toBe("it's the engineer's route, don't you think");
    expect(claimOf(`the "tram line" was approved by the council in March`).claim).toBe(`the "tram line" was approved by the council in March`);
  });

  it("longestRun counts the longest unbroken run of shared words", () => {
    expect(longestRun(["a", "b", "c", "d"], ["x", "b", "c", "d", "a"])).toBe(3);
    expect(longestRun([], ["a"])).toBe(0);
  });
});

describe("checking a quote", () => {
  it("a whole quote, word for word, is a direct quote with its speaker, sentence and source", () => {
    const a = answers.check(`“This is the day the city starts moving again”`);
    expect(a.verdict).toBe("direct");
    expect(a.match?.speaker).toBe("Ingrid Solberg-Haugen");
    expect(a.match?.sentence).toContain("Solberg-Haugen said");
    expect(a.match?.source).toMatchObject({ article: "tram", outlet: "Harbour Herald", published: "2024-03" });
  });

  it("part of a quote, word for word, is a partial quote; case and punctuation do not matter", () => {
    const a = answers.check(`"the CITY starts moving"`);
    expect(a.verdict).toBe("partial");
    expect(a.match?.quote).toBe("This is the day the city starts moving again,");
  });

  it("words the article says itself are found word for word, but as no one's quote", () => {
    const a = answers.check("Transport engineer Tomasz Wróbel designed the route.");
    expect(a.verdict).toBe("direct");
    expect(a.match?.quote).toBeNull();
    expect(a.match?.speaker).toBeNull();
  });

  it("the same content in other words is a paraphrase of the nearest sentence", () => {
    const a = answers.check("The route of the tram was designed by the transport engineer Tomasz Wróbel");
    expect(a.verdict).toBe("paraphrase");
    expect(a.match?.sentence).toContain("designed the route");
  });

  it("a speaker the message gives is read as the corpus names them, to compare with the corpus's speaker", () => {
    const a = answers.check(`"This is the day the city starts moving again" - Wróbel`);
    expect(a.claimedSpeaker).toBe("Tomasz Wróbel");
    expect(a.match?.speaker).toBe("Ingrid Solberg-Haugen");
  });

  it("words the corpus does not hold are no quote, with the nearest sentences offered", () => {
    const a = answers.check(`"The tram will be free for everyone on Sundays in 2030"`);
    expect(a.verdict).toBe("none");
    expect(a.match).toBeNull();
    expect(a.nearest.length).toBeGreaterThan(0);
    expect(a.nearest.length).toBeLessThanOrEqual(3);
  });

  it("sharing only the corpus's common words is not a paraphrase", () => {
    const a = answers.check("The tram in the city is a tram of the city");
    expect(a.verdict).not.toBe("paraphrase");
  });

  it("fewer than three words cannot be checked", () => {
    expect(answers.check("tram!").tooShort).toBe(true);
    expect(answers.check("").verdict).toBe("none");
  });
});

describe("who is mentioned", () => {
  it("finds the people the corpus knows, by full name or one capitalised name, each with role and a cited sentence", () => {
    const a = answers.mentioned("Did Wróbel really quit? ingrid solberg-haugen never said so.");
    expect(a.people.map((p) => [p.name, p.as])).toEqual([
      ["Tomasz Wróbel", "Wróbel"],
      ["Ingrid Solberg-Haugen", "ingrid solberg-haugen"],
    ]);
    expect(a.people[0]?.description).toBe("Transport engineer");
    expect(a.people[0]?.fact?.text).toContain("designed the route");
    expect(a.people[0]?.fact?.source.title).toBe("Harbour City approves its first tram line");
  });

  it("names each person once, and no one for words that are not names", () => {
    expect(answers.mentioned("Wróbel, Wróbel and Tomasz Wróbel").people).toHaveLength(1);
    expect(answers.mentioned("the tram budget doubled in January").people).toEqual([]);
  });

  it("one word alone must be written as a name: a lower-case first name is an ordinary word", () => {
    expect(answers.mentioned("ingrid said so").people).toEqual([]);
    expect(answers.mentioned("Ingrid said so").people.map((p) => p.name)).toEqual(["Ingrid Solberg-Haugen"]);
  });
});

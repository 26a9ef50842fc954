// What a question's verb reaches through its preposition, and sentences where the same verb reaches something else.
import { describe, expect, it } from "vitest";
import { otherObject, readFrames } from "../../src/answer/eventFrame.ts";
import { indexTerm } from "../../src/answer/text.ts";

const stems = (...words: string[]) => new Set(words.map((w) => indexTerm(w) ?? w));

describe("readFrames", () => {
  it("reads a verb, its leading preposition and the words of its object", () => {
    expect(readFrames("drivers merged into the canal software")).toEqual([{ verb: indexTerm("merged"), preposition: "into", object: stems("canal", "software") }]);
    expect(readFrames("Odile moved to Lyon")).toEqual([{ verb: indexTerm("moved"), preposition: "to", object: stems("lyon") }]);
  });

  it("reads none where no preposition leads to an object", () => {
    expect(readFrames("Odile resigned")).toEqual([]);
    expect(readFrames("bridge opened in May")).toEqual([]);
    expect(readFrames("Odile moved to")).toEqual([]);
  });
});

describe("otherObject", () => {
  const frames = readFrames("drivers merged into the canal software");
  const known = stems("drivers", "merged", "canal", "software");

  it("holds when the sentence's same verb and preposition reach something else, its object between or not", () => {
    expect(otherObject("The drivers were merged into the staging branch in 2020.", frames, known)).toBe(true);
    expect(otherObject("Volunteers merged the new drivers into the staging branch.", frames, known)).toBe(true);
  });

  it("fails when the verb reaches the question's object, or no object through that preposition", () => {
    expect(otherObject("The drivers were merged into the canal software.", frames, known)).toBe(false);
    expect(otherObject("The drivers were merged in time for the 4.2 release.", frames, known)).toBe(false);
    expect(otherObject("The drivers were rejected by the staging branch.", frames, known)).toBe(false);
    expect(otherObject("The drivers were merged into the branch and into the canal software.", frames, known)).toBe(false);
  });

  it("fails for a question with no frame", () => {
    expect(otherObject("The drivers were merged into the staging branch.", [], known)).toBe(false);
  });
});

// A question about a state that ended, read into the state and the words left to search; sentences that deny it.
import { describe, expect, it } from "vitest";
import { denies, readPolarity } from "../../src/answer/polarity.ts";
import { indexTerm } from "../../src/answer/text.ts";

const stems = (...words: string[]) => new Set(words.map((w) => indexTerm(w) ?? w));

describe("readPolarity", () => {
  it("reads 'non-X', 'no longer X' and 'not X' as the state X ended, and drops the denying words", () => {
    expect(readPolarity("when did the Vell bridge become non-tolled")).toEqual({ query: "when did the vell bridge tolled", denied: stems("tolled"), state: true });
    expect(readPolarity("Vell bridge no longer tolled")).toMatchObject({ query: "vell bridge tolled", denied: stems("tolled") });
    expect(readPolarity("Vell bridge not tolled")).toMatchObject({ query: "vell bridge tolled", denied: stems("tolled") });
    expect(readPolarity("the bridge isn't tolled")).toMatchObject({ query: "the bridge tolled", denied: stems("tolled") });
  });

  it("reads a removal as the end of what it follows, a noun that only names the state going with it", () => {
    expect(readPolarity("Vell bridge toll lifted")).toMatchObject({ query: "vell bridge toll", denied: stems("bridge", "toll") });
    expect(readPolarity("Vell bridge provisional label dropped")).toMatchObject({ query: "vell bridge provisional", denied: stems("provisional") });
    expect(readPolarity("provisional tag taken off")).toMatchObject({ query: "provisional", denied: stems("provisional") });
  });

  it("reads 'become' as the start of a state, to be stated by the state itself", () => {
    expect(readPolarity("when did Odile become mayor")).toEqual({ query: "when did odile mayor", denied: new Set(), state: true });
  });

  it("leaves a question about no ending as it is", () => {
    expect(readPolarity("Vell bridge opened to lorries")).toEqual({ query: "Vell bridge opened to lorries", denied: new Set(), state: false });
    // "endorsed" is not "ended", "longer" without "no" denies nothing.
    expect(readPolarity("Pence endorsed a longer bridge")).toMatchObject({ denied: new Set(), state: false });
  });
});

describe("denies", () => {
  const tolled = stems("tolled");
  it("holds when the sentence denies the state before it or removes it after it", () => {
    expect(denies("The Vell bridge is no longer tolled.", tolled)).toBe(true);
    expect(denies("The bridge was never tolled again.", tolled)).toBe(true);
    expect(denies("Tolled crossings were scrapped by the county.", tolled)).toBe(true);
  });

  it("fails when the sentence only asserts the state", () => {
    expect(denies("The Vell bridge was tolled from 1990.", tolled)).toBe(false);
    expect(denies("A longer tolled bridge opened.", tolled)).toBe(false);
  });

  it("holds when the sentence does not speak of the state, and for a question that denies nothing", () => {
    expect(denies("The Vell bridge reopened.", tolled)).toBe(true);
    expect(denies("The Vell bridge was tolled.", new Set())).toBe(true);
  });
});

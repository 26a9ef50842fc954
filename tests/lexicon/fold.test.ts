import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldName, foldText } from "../../src/lexicon/fold.ts";

// foldName takes a shortcut for plain ASCII; whatever the shortcut, a name must fold as foldText folds it,
// or the same name written two ways would miss itself in the merge or the name index.
const nameChars = fc.constantFrom(..."aZ `'’‘´-‐ ÉéO'Brien\t".split(""));

/** foldText without its shortcut for plain ASCII: the reference it must agree with. */
const folded = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, "-");

describe("foldText", () => {
  it("folds plain ASCII as any text, by its own shortcut", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme-ascii" }), fc.string({ unit: nameChars })), (text) => {
        expect(foldText(text)).toBe(folded(text));
      }),
    );
    expect(foldText("O`Brien\tSAID\n")).toBe("o'brien\tsaid\n");
  });
});

describe("foldName", () => {
  it("folds a name as foldText does, spacing collapsed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: nameChars })), (name) => {
        expect(foldName(name)).toBe(foldText(name).replace(/\s+/g, " ").trim());
      }),
    );
  });

  it("meets a name written with a backtick, a typographic or a plain apostrophe", () => {
    expect(foldName("O`Brien")).toBe(foldName("O'Brien"));
    expect(foldName("O’Brien")).toBe(foldName("o'brien"));
  });
});

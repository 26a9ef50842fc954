import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldName, foldText } from "../../src/lexicon/fold.ts";

// foldName takes a shortcut for plain ASCII; whatever the shortcut, a name must fold as foldText folds it,
// or the same name written two ways would miss itself in the merge or the name index.
const nameChars = fc.constantFrom(..."aZ `'’‘´-‐ ÉéO'Brien\t".split(""));

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

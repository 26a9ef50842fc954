// The corpus's order as the PostgreSQL engine sorts its articles (src/search/postgres/storedStages.ts corpusOrder):
// the order of their files' names (src/corpus/load.ts sorts `${id}.md`), worked out without making the names.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpusOrder } from "../../src/search/postgres/storedStages.ts";

/** The reference: the files' names compared as strings. */
const byFileName = (a: string, b: string): number => {
  const [x, y] = [`${a}.md`, `${b}.md`];
  return x < y ? -1 : x > y ? 1 : 0;
};

// Ids made of the characters around ".md" (an id may end in ".m", "-" sorts before ".", "/" after it), digits and
// letters of other scripts, so that one id often starts another.
const id = fc.array(fc.constantFrom(".", "m", "d", "-", "/", "a", "0", "9", "é", "😀", "ｍ"), { maxLength: 6 }).map((cs) => cs.join(""));

describe("the corpus order of article ids", () => {
  it("is the order of their files' names", () => {
    fc.assert(fc.property(id, id, (a, b) => corpusOrder(a, b) === byFileName(a, b)), { numRuns: 5000 });
  });

  it("sorts ids as their files are sorted, where one id starts another", () => {
    const ids = ["a", "a.m", "a.md", "a.mdx", "a-1", "a.", "a/b", "ab", "a.md.md", ""];
    expect([...ids].sort(corpusOrder)).toEqual([...ids].sort(byFileName));
  });
});

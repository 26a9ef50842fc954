// The sentences' lengths a PostgreSQL engine knows (sentenceLengths.ts): the answers read them as one array once none
// is unknown, the unknown ones (a sentence too long for its terms' stored lengths) worked out from their texts first.
import { describe, expect, it } from "vitest";
import { distinctTerms } from "../../src/search/postgres/documents.ts";
import { SentenceLengths } from "../../src/search/postgres/sentenceLengths.ts";

describe("sentence lengths", () => {
  it("are handed out as an array only once every one is known, those read and those worked out from their texts", () => {
    const lengths = new SentenceLengths(3);
    lengths.set(0, 4);
    lengths.set(2, 7);
    // Position 1: its stored length was not read (-1), as for a sentence longer than a lexeme may be.
    lengths.set(1, -1);
    expect(lengths.unknown()).toEqual([1]);
    expect(lengths.every()).toBeUndefined();
    const text = `${"Rust drivers landed in the kernel. ".repeat(20)}Maintainers reviewed them.`;
    lengths.workOut(new Map([[1, text]]));
    expect(lengths.unknown()).toEqual([]);
    expect([...(lengths.every() ?? [])]).toEqual([4, distinctTerms(text).length, 7]);
  });

  it("stay unknown where no text came, and then are not handed out as an array", () => {
    const lengths = new SentenceLengths(2);
    lengths.set(0, 3);
    lengths.workOut(new Map());
    expect(lengths.every()).toBeUndefined();
    expect(lengths.length(1, () => undefined)).toBeUndefined();
  });
});

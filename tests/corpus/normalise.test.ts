import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalise } from "../../src/corpus/normalise.ts";

// Pieces of scraped text: plain words, the characters normalisation rewrites, markdown, boilerplate lines.
const piece = fc.oneof(
  fc.stringMatching(/^[A-Za-z]{1,8}$/),
  fc.constantFrom(" ", " ", "\n", "\n\n", ". ", ", "),
  fc.constantFrom("\u201C", "\u201D", "\u2019", "''", "``", "\u2011", "\u00A0", "\u2026", "\uFB01", "\u00AD", "\u200B", "\r\n"),
  fc.constantFrom("[a link](https://example.org/x)", "![an image](https://example.org/i.png)", "## Heading\n", "**bold**"),
  fc.constantFrom("\nSign in to rate\n", "\n0 Comments\n", "\nSubscribe to our YouTube channel\n", "\nThe post X appeared first on Y.\n"),
);
const body = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(""));

describe("normalise", () => {
  it("maps every plain letter of the normalised text back to the same letter in the original", () => {
    fc.assert(
      fc.property(body, (original) => {
        const { text, toOriginal } = normalise(original);
        for (let i = 0; i < text.length; i++) {
          const from = original[toOriginal(i)] ?? "";
          // Letters an expansion produced ("ﬁ" to "fi") map to the character they came from.
          if (/[A-Za-z]/.test(text[i] as string) && from.charCodeAt(0) < 128) expect(from).toBe(text[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("maps offsets in order, within the original", () => {
    fc.assert(
      fc.property(body, (original) => {
        const { text, toOriginal } = normalise(original);
        let last = 0;
        for (let i = 0; i <= text.length; i++) {
          const o = toOriginal(i);
          expect(o).toBeGreaterThanOrEqual(last);
          expect(o).toBeLessThanOrEqual(original.length);
          last = o;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("unifies quotes and hyphens, reduces links to their text and drops chrome lines", () => {
    const { text } = normalise("He said \u201Chi\u201D to Kroah\u2011Hartman, see [the post](https://x.org).\nSign in to rate\nEnd.");
    expect(text).toBe('He said "hi" to Kroah-Hartman, see the post.\n\nEnd.');
  });
});

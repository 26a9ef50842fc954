import { describe, expect, it } from "vitest";
import { splitParagraphs } from "../../src/extract/paragraphs.ts";
import { splitSentences } from "../../src/extract/sentences.ts";

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe("splitSentences", () => {
  it("does not end a sentence at an abbreviation, a title or an initial", () => {
    expect(texts("On Sept. 20, 2021, Mr. Ojeda met Dr. J. Smith at 5 p.m. in the U.S. Senate. Then he left.")).toEqual([
      "On Sept. 20, 2021, Mr. Ojeda met Dr. J. Smith at 5 p.m. in the U.S. Senate.",
      "Then he left.",
    ]);
  });

  it("reads 'no.' as 'number' only before a number", () => {
    expect(texts("Mr. Hellwig said no. Christoph added more.")).toHaveLength(2);
    expect(texts("He lives at No. 10 Downing Street. It is old.")).toHaveLength(2);
  });

  it("ends a sentence after an ambiguous abbreviation when the next word starts a sentence", () => {
    expect(texts("He moved to the U.S. The move was quick.")).toEqual(["He moved to the U.S.", "The move was quick."]);
  });

  it("splits sentences glued together by a scraper", () => {
    expect(texts("He created it in 2019.By early 2021, it had grown.")).toEqual([
      "He created it in 2019.",
      "By early 2021, it had grown.",
    ]);
    expect(texts('"There was zero pushback."This has been a long time coming.')).toEqual([
      '"There was zero pushback."',
      "This has been a long time coming.",
    ]);
  });

  it("splits a heading glued to the next sentence", () => {
    expect(texts("It was over.Give Rust A ChanceThat March, he agreed.")).toEqual([
      "It was over.",
      "Give Rust A Chance",
      "That March, he agreed.",
    ]);
  });

  it("keeps a sentence that ends inside a closing quote whole, and a question inside a quote", () => {
    expect(texts('She said "it is done." Then she left. "Why?" he asked.')).toEqual([
      'She said "it is done."',
      "Then she left.",
      '"Why?" he asked.',
    ]);
  });

  it("keeps version numbers and decimals inside the sentence", () => {
    expect(texts("Linux 6.13 shipped with 3.5 times more code. It was big.")).toHaveLength(2);
  });

  it("reports offsets into the text", () => {
    const text = "First one. Second one.";
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("splitParagraphs", () => {
  it("joins hard-wrapped lines and keeps short headings apart", () => {
    const text =
      "Background information\nOjeda began by explaining the project for those who may not have been familiar with\nit, defining it as an attempt.\nHe put up some code.";
    const paras = splitParagraphs(text).map((p) => text.slice(p.start, p.end));
    expect(paras).toHaveLength(3);
    expect(paras[0]).toBe("Background information");
    expect(paras[1]).toContain("familiar with\nit, defining");
    expect(texts(text)[1]).toBe(
      "Ojeda began by explaining the project for those who may not have been familiar with it, defining it as an attempt.",
    );
  });

  it("ends a paragraph at a blank line and at a line that closes with punctuation", () => {
    const text = "One sentence here.\nAnother paragraph.\n\nA third.";
    expect(splitParagraphs(text)).toHaveLength(3);
  });

  it("never runs sentences across paragraphs", () => {
    const s = splitSentences("A heading\n\nThe body starts here. It goes on.");
    expect(s.map((x) => x.paragraph)).toEqual([0, 1, 1]);
  });
});

import { describe, expect, it } from "vitest";
import { extractPeople } from "../../src/extract/people/index.ts";
import { extractQuoted, extractQuotes } from "../../src/extract/quotes/index.ts";
import type { ArticleText } from "../../src/extract/types.ts";
import { articleText } from "../support/articles.ts";

const article = (raw: string): ArticleText => articleText(raw, { normalise: "characters" });

function quotes(raw: string): [string | null, string][] {
  const a = article(raw);
  return extractQuotes(a, extractPeople(a)).map((q) => [q.speaker, q.text]);
}

describe("extractQuotes: scare quotes and titles are not quotes", () => {
  it("ignores a quoted term inside a noun phrase (seed-style sentence)", () => {
    expect(quotes('The patch went through the "char/misc" module before it reached Linus Torvalds.')).toEqual([]);
  });

  it("ignores a quoted title", () => {
    expect(quotes('Ojeda published a "Rust Kernel Policy" document in February.')).toEqual([]);
    expect(quotes('She appeared on "Fox News Sunday" to defend the plan.')).toEqual([]);
  });

  it("ignores a fragment quoted inside reported speech", () => {
    expect(quotes('Maria Lopez said the plan was "a disaster for the valley" and voted against it.')).toEqual([]);
  });

  it("ignores short unattributed fragments mid-sentence", () => {
    expect(quotes('Critics dismissed the so-called "reform" as cosmetic, and the "experts" agreed.')).toEqual([]);
  });
});

describe("extractQuotes: unnamed speakers stay null", () => {
  it("gives a described speaker no name (seed sentence)", () => {
    expect(quotes("\u201CI technically respect you, and I enjoy working with you,\u201D a kernel lead added.")).toEqual([
      [null, "I technically respect you, and I enjoy working with you"],
    ]);
  });

  it("does not turn an organisation's spokesman into the organisation or a person", () => {
    expect(quotes('"We are reviewing the report," a spokesman for Mr. Obama said.')).toEqual([[null, "We are reviewing the report"]]);
    expect(quotes('"We are reviewing the report," said a spokeswoman for the company.')).toEqual([[null, "We are reviewing the report"]]);
  });

  it("does not resolve 'they' or guess a speaker for a pronoun with no one before it", () => {
    expect(quotes('"We will appeal," they said.')).toEqual([[null, "We will appeal"]]);
    expect(quotes('"We will appeal," he said.')).toEqual([[null, "We will appeal"]]);
  });

  it("does not resolve 'he' past an unnamed speaker to a name the sentence merely mentions", () => {
    const text =
      "The evidence supports the traditional account of Paul Jensen's life, according to the bishop. \"The documents are astonishingly good,\" he said.";
    expect(quotes(text)).toEqual([[null, "The documents are astonishingly good"]]);
  });

  it("lets 'he said' after a quote from an unnamed speaker continue with that speaker", () => {
    const text =
      'Tom Hanks narrates the film. "Christmas is a special time," added the two-time award winner. "I believe in the spirit of it," he said.';
    expect(quotes(text).map((q) => q[0])).toEqual([null, null]);
  });

  it("does not make the subject of a quoted fragment the antecedent of a later 'he'", () => {
    const text = [
      'Rover Group told reporters that the cuts were "speculation" and nothing more.',
      "Union leader Tony Woodley spoke on Friday.",
      "He said new models were needed.",
      '"This is a very delicate time," he said.',
    ].join(" ");
    expect(quotes(text)).toEqual([["Tony Woodley", "This is a very delicate time"]]);
  });

  it("does not take a weekday after the cue as the speaker", () => {
    expect(quotes('"The line reopens next week," officials said Monday.')).toEqual([[null, "The line reopens next week"]]);
  });

  it("does not let a quote after a described speaker inherit an earlier name", () => {
    const text = '"We are ready," said Anna Keller.\n\n"The numbers do not add up," an analyst said. "It will cost more."';
    expect(quotes(text).map((q) => q[0])).toEqual(["Anna Keller", null, null]);
  });
});

describe("extractQuotes: unbalanced marks", () => {
  it("does not swallow the rest of the paragraph after a stray closing mark", () => {
    const found = quotes('The 12" record sold out. "We pressed too few," said Anna Keller.');
    expect(found).toEqual([["Anna Keller", "We pressed too few"]]);
  });

  it("finds no quote in a paragraph with a single stray mark and no attribution", () => {
    expect(quotes('The council called it a "temporary measure and moved on to the next item.')).toEqual([]);
  });
});

describe("extractQuotes: no guessed speaker", () => {
  it("gives a quote with no clause of its own no speaker when the sentence before names two people", () => {
    expect(quotes('Ms. Okafor met Tom Reid at the depot. "Why would I run if nobody else would fix the roads?"')).toEqual([]);
  });

  it("does not carry a speaker past a sentence about someone else", () => {
    const text = '"We are ready," said Anna Keller. Paul Ortega and Tom Reid disagreed. "It will cost more."';
    expect(quotes(text)).toEqual([["Anna Keller", "We are ready"]]);
  });
});

describe("extractQuotes: a speaker is a person's name, not a phrase that looks like one", () => {
  it("keeps a title chain off the name ('Retired Lt.')", () => {
    expect(quotes('"We pressed on," said Retired Lt. Gen. Mark Hollis, who led the unit.')).toEqual([["Mark Hollis", "We pressed on"]]);
  });

  it("does not take a leading 'Unlike X,' for the subject", () => {
    const found = quotes('Unlike Obama, the governor did not hesitate: "We will build the wall."');
    expect(found.map((q) => q[0])).not.toContain("Obama");
  });

  it("does not take a word glued to the next sentence into the name", () => {
    expect(quotes('"This is not who we are," wrote Ben SasseA spokesman later declined to comment.')).toEqual([
      ["Ben Sasse", "This is not who we are"],
    ]);
  });

  it("does not take a company's product or team after its possessive for a speaker", () => {
    expect(quotes('"The patches are ready," said Intel\'s Linux.')).toEqual([[null, "The patches are ready"]]);
  });

  it("does not take a document or a party for a speaker", () => {
    expect(quotes('"Growth slowed in most districts," the Beige Book said.')).toEqual([[null, "Growth slowed in most districts"]]);
    expect(quotes('"Growth slowed in most districts," a Tennessee Democrat said.')).toEqual([[null, "Growth slowed in most districts"]]);
  });

  it("does not take a country or a city for a speaker", () => {
    expect(quotes('Her career was investigated for years. I hope in 2027 America says, "Thank you for a lifetime of service."')).toEqual([
      [null, "Thank you for a lifetime of service."],
    ]);
  });

  it("does not take a sentence saying someone did not respond for an attribution", () => {
    const text = 'Mr. Reid mocked the plan, saying at one point, "The answer is not simply to yell." But Mr. Ortega, again, did not respond in kind.';
    expect(quotes(text).map((q) => q[0])).toEqual(["Reid"]);
  });

  it("does not give a narrative sentence to a name that only modifies its subject's noun", () => {
    const text =
      'Maria Keller stars in the show. "This is a critique of the elite," said Paul Ortega. But the oversized Keller poster on the theatre has not hurt sales. "It has had a marvellous result."';
    expect(quotes(text).map((q) => q[0])).not.toContain("Maria Keller");
  });

  it("does not give a quote introduced by one source to a speaker it quotes in its last paragraph", () => {
    const text =
      'As reported on Friday, the council was refusing to call it a strike:\n\n"The council is still reluctant to use the word.\n\n"At the town hall, reporters questioned spokesman Tom Reid about the talks.\n\n"I do not want to talk about the talks," Reid said.';
    const found = quotes(text);
    expect(found.find((q) => q[1].startsWith("At the town hall"))?.[0]).toBeNull();
    expect(found.find((q) => q[1].startsWith("I do not want"))?.[0]).toBe("Tom Reid");
  });

  it("does not take a state abbreviation closing the speaker phrase for the speaker", () => {
    const text = '"Every minute is like a day," Mr. Daniloff, now retired in Cambridge, Mass., said by telephone.';
    expect(quotes(text)).toEqual([["Daniloff", "Every minute is like a day"]]);
  });
});

describe("extractQuotes: descriptions that stay unnamed", () => {
  it("does not link an indefinite description, a group or an organisation to anyone", () => {
    expect(quotes('Tom Reid spoke first. "We are reviewing the report," a spokesman said.')).toEqual([[null, "We are reviewing the report"]]);
    expect(quotes('Tom Reid spoke first. "We are reviewing the report," officials said.')).toEqual([[null, "We are reviewing the report"]]);
    expect(quotes('Tom Reid spoke first. "We are reviewing the report," the company said.')).toEqual([[null, "We are reviewing the report"]]);
  });

  it("does not link a description that brings in a new source", () => {
    expect(quotes('Tom Reid spoke first. "We are reviewing the report," the spokeswoman said.')).toEqual([[null, "We are reviewing the report"]]);
  });
});

describe("extractQuoted: no fragment without someone's words", () => {
  const fragments = (raw: string) => {
    const a = article(raw);
    return extractQuoted(a, extractPeople(a)).fragments;
  };

  it("keeps scare quotes, titles and names in marks out", () => {
    expect(fragments('The so-called "reform" passed, and the "experts" agreed.')).toEqual([]);
    expect(fragments('She appeared on "Fox News Sunday" to defend the plan.')).toEqual([]);
    expect(fragments('Ojeda published a "Rust Kernel Policy" document in February.')).toEqual([]);
  });
});

// Role questions ("who leads X", "who is the governor of X", "who is X's campaign chairman"): the person the text
// gives that role, read from the extracted knowledge base of invented articles, whatever words the question shares
// with other sentences. A possessor is not the role holder; a role stated next to another name is not this person's.
import { describe, expect, it } from "vitest";
import { answersOver, type TestArticle } from "../support/extractedAnswers.ts";

const texts: Record<string, TestArticle> = {
  westmarch: {
    title: "Westmarch budget passes after late vote",
    published: "2024-05-10",
    text:
      "Gov. Ada Kirrane signed the Westmarch budget on Tuesday. " +
      "Kirrane's campaign chairman Tobias Renn said the governor would sign more bills this year. " +
      "State treasurer Pia Lundqvist, who oversees the pension fund, warned of a shortfall. " +
      "Opposition leader Marek Osei told the governor the vote was rushed. " +
      "Lundqvist said the fund would recover. " +
      "Sen. Ilse Varga, a former teacher, voted against the budget. " +
      "Kirrane's chief of staff, Lena Broch, resigned in March.",
  },
  airline: {
    title: "Skylark Air reports a loss",
    published: "2024-05-10",
    text:
      "Skylark Air said on Monday it lost money for a third year. " +
      "Chief executive Rosalind Fairweather, chief financial officer Bram Oyelaran and two directors met investors. " +
      "Oyelaran said fuel costs had doubled. " +
      "Fairweather said the airline would cut routes.",
  },
  software: {
    title: "Quillfeather library gets a new release",
    published: "2024-05-10",
    text:
      "Jonah Veldkamp maintains the Quillfeather parsing library. " +
      "Veldkamp, the project's lead developer since 2019, announced the release. " +
      "Hedda Strand, who leads the Lindenwood compiler project, praised the work. " +
      "Senior kernel developer Dag T’sai reviewed the patches. " +
      "The change touches the Brindle scheduler. " +
      "Its maintainer, Oona Pask, objected to the locking rules. " +
      "Pask said the rules would slow every task.",
  },
};

const answers = answersOver(texts);
const holder = (question: string) => answers.who(question).person?.name ?? null;

describe("role questions", () => {
  it("finds a title written before the name, abbreviated or not", () => {
    expect(holder("who is the governor of Westmarch")).toBe("Ada Kirrane");
    expect(holder("who is the state treasurer")).toBe("Pia Lundqvist");
    expect(holder("who is the senator from Westmarch")).toBe("Ilse Varga");
  });

  it("spells out an office's initials", () => {
    expect(holder("who is the CFO of Skylark Air")).toBe("Bram Oyelaran");
  });

  it("gives the role holder, not the possessor the role belongs to", () => {
    expect(holder("who is Kirrane's campaign chairman")).toBe("Tobias Renn");
    expect(holder("who is Kirrane's chief of staff")).toBe("Lena Broch");
  });

  it("reads a relative clause and an apposition after the name", () => {
    expect(holder("who oversees the pension fund")).toBe("Pia Lundqvist");
    expect(holder("who leads the Lindenwood compiler project")).toBe("Hedda Strand");
    expect(holder("who is the lead developer of Quillfeather")).toBe("Jonah Veldkamp");
  });

  it("reads the verb after the name when the question asks that verb", () => {
    expect(holder("who maintains the Quillfeather library")).toBe("Jonah Veldkamp");
  });

  it("takes what a role is of from the sentence before ('the Brindle scheduler ... its maintainer, Oona Pask')", () => {
    expect(holder("who maintains the Brindle scheduler")).toBe("Oona Pask");
  });

  it("stops a title at the next name in a list of office holders", () => {
    expect(holder("who is the chief executive of Skylark Air")).toBe("Rosalind Fairweather");
    expect(holder("who is the chief financial officer")).toBe("Bram Oyelaran");
  });

  it("matches a name typed without its apostrophe", () => {
    expect(holder("Dag Tsai")).toBe("Dag T'sai");
  });
});

describe("role questions: negative cases", () => {
  it("does not give the role to a person who only speaks to its holder", () => {
    // "Osei told the governor": Osei is the opposition leader, not the governor.
    expect(holder("who is the governor")).toBe("Ada Kirrane");
    expect(holder("who is the opposition leader")).toBe("Marek Osei");
  });

  it("answers no one when no statement gives the role", () => {
    expect(holder("who is the harbour master of Westmarch")).toBeNull();
    expect(holder("who leads the navy")).toBeNull();
  });

  it("reads words that are also Object.prototype's names as plain words", () => {
    // "constructor" once made the abbreviation table hand back a function; the role question then crashed.
    for (const word of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(() => answers.who(`who is the ${word} of Westmarch`)).not.toThrow();
      expect(holder(`who is the ${word} of Westmarch`)).toBeNull();
    }
  });
});

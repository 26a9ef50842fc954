import { describe, expect, it } from "vitest";
import { extractDates } from "../../src/extract/dates/index.ts";
import { splitParagraphs } from "../../src/extract/paragraphs.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import type { ArticleText } from "../../src/extract/types.ts";

function article(text: string, published: string): ArticleText {
  const paragraphs = splitParagraphs(text);
  return { id: "t", text, published, paragraphs, sentences: splitSentences(text, paragraphs) };
}

/** [dateText, date] for every expression found. */
function dates(text: string, published: string): [string, string][] {
  return extractDates(article(text, published)).map((d) => [d.dateText, d.date]);
}

describe("extractDates: explicit dates", () => {
  it("reads a full date and keeps only the expression as dateText (seed sentence)", () => {
    const text =
      "Backed by financial support from the Internet Security Research Group (ISRG) and Google, on Sept. 20, 2021, Ojeda submitted the first pull request for the Rust for Linux project.";
    expect(dates(text, "2025-12")).toEqual([["Sept. 20, 2021", "2021-09-20"]]);
  });

  it("gives a bare year at year precision (seed sentence)", () => {
    const text = "The earliest example is rust.ko, a simple proof of concept written in 2013, before Rust had even reached its 1.0 version in 2015.";
    expect(dates(text, "2025-02")).toEqual([
      ["2013", "2013"],
      ["2015", "2015"],
    ]);
  });

  it("reads month and year next to a kernel version without taking the version (seed sentence)", () => {
    const text = "For example, the Linux 6.13 kernel, released in January 2025, brought significant expansions to Rust support.";
    expect(dates(text, "2025-02")).toEqual([["January 2025", "2025-01"]]);
  });

  it("reads both years of a range and a year before a plural noun after a preposition of time", () => {
    expect(dates("The experiment ran in 2015-2016 and again in 2019.", "2024-12")).toEqual([
      ["2015", "2015"],
      ["2016", "2016"],
      ["2019", "2019"],
    ]);
    expect(dates("In 2013 researchers found the flaw.", "2024-12")).toEqual([["2013", "2013"]]);
  });

  it("reads little-endian and ISO dates", () => {
    expect(dates("The ceremony will take place on 16 January 2005.", "2004-12-01")).toEqual([["16 January 2005", "2005-01-16"]]);
    expect(dates("The file was tagged 2021-09-20 by the release team.", "2022")).toEqual([["2021-09-20", "2021-09-20"]]);
  });

  it("joins a weekday and the date it names", () => {
    expect(dates("The vote was held on Friday, Oct. 23, in Ohio.", "1998-11-21")).toEqual([["Friday, Oct. 23", "1998-10-23"]]);
  });

  it("reads years written in words", () => {
    expect(dates("Prices rose sharply in nineteen ninety-six.", "1998-02-27")).toEqual([["nineteen ninety-six", "1996"]]);
    expect(dates("Hospitals prepared for the year two thousand.", "1998-02-05")).toEqual([["the year two thousand", "2000"]]);
  });
});

describe("extractDates: months and days without a year", () => {
  it("puts a past month in the publication year when it has passed (seed sentence)", () => {
    const text =
      "In September, Microsoft engineer and Rust for Linux maintainer Wedson Almeida's departure highlighted the human cost of innovation.";
    expect(dates(text, "2024-12")).toEqual([["September", "2024-09"]]);
  });

  it("puts a day without a year in the publication year (seed sentence)", () => {
    const text =
      "In a breakthrough that could reshape the future of Linux kernel development, November 30 marked a pivotal moment as Linus Torvalds merged support.";
    expect(dates(text, "2024-12")).toEqual([["November 30", "2024-11-30"]]);
  });

  it("looks back across the new year for past events and ahead for planned ones", () => {
    expect(dates("The company said sales fell on Nov. 25.", "2000-01-15")).toEqual([["Nov. 25", "1999-11-25"]]);
    expect(dates("Mr. Schwarz will succeed him Feb. 1.", "1989-10-26")).toEqual([["Feb. 1", "1990-02-01"]]);
    expect(dates("The mission will fly in December.", "1998-03-04")).toEqual([["December", "1998-12"]]);
  });

  it("resolves 'last <month>' to the most recent one before publication", () => {
    expect(dates("Two helicopters crashed last February.", "1998-03-01")).toEqual([["last February", "1997-02"]]);
  });

  it("reads a month with 'this year' or 'last year'", () => {
    expect(dates("The insurer hit the headlines in October last year.", "2005-03-15")).toEqual([["October last year", "2004-10"]]);
  });

  it("keeps modifiers inside the expression", () => {
    expect(dates("Talks began in late November.", "2000-01-07")).toEqual([["late November", "1999-11"]]);
    expect(dates("Through the end of 2020, contributors worked on the patch set.", "2025-02")).toEqual([["the end of 2020", "2020"]]);
  });
});

describe("extractDates: the narrative's year", () => {
  it("resolves 'That March' to the year the narrative is in, not the publication year (seed text)", () => {
    const text =
      "By early 2021, Rust was, outside the Linux kernel, being brought closer to the world's favorite operating system.\n\nThat March, Linus Torvalds decided to give Rust a chance.";
    expect(dates(text, "2025-12")).toEqual([
      ["early 2021", "2021"],
      ["That March", "2021-03"],
    ]);
  });

  it("resolves 'that year' and 'the following year' from the last dated expression", () => {
    const text = "The project got going in 2020. During the conference that year, people gave a talk. The following year it was merged.";
    expect(dates(text, "2025-02")).toEqual([
      ["2020", "2020"],
      ["that year", "2020"],
      ["The following year", "2021"],
    ]);
  });

  it("counts 'the next day' from the day the narrative is at", () => {
    expect(dates("He was arrested on Friday. The next day he was released.", "1998-08-10")).toEqual([
      ["Friday", "1998-08-07"],
      ["The next day", "1998-08-08"],
    ]);
  });

  it("gives a season with a year at year precision", () => {
    const text = "A pivotal moment came in the summer of 2019 when Ojeda established the Rust for Linux GitHub organization.";
    expect(dates(text, "2024-12")).toEqual([["the summer of 2019", "2019"]]);
  });
});

describe("extractDates: relative to the publication date", () => {
  it("reads weekdays as the last such day in past-tense news, the publication day included", () => {
    // 1998-08-10 is a Monday.
    expect(dates("The embassy was bombed Friday, officials said.", "1998-08-10")).toEqual([["Friday", "1998-08-07"]]);
    expect(dates("The president said Monday that talks would resume.", "1998-08-10")).toEqual([["Monday", "1998-08-10"]]);
  });

  it("reads weekdays as the next such day in future tense", () => {
    expect(dates("The monarch will meet Bush on Thursday in Maine.", "1998-08-10")).toEqual([["Thursday", "1998-08-13"]]);
  });

  it("reads yesterday, today and tomorrow", () => {
    expect(dates("Shares fell yesterday and are expected to rise tomorrow.", "1989-11-02")).toEqual([
      ["yesterday", "1989-11-01"],
      ["tomorrow", "1989-11-03"],
    ]);
  });

  it("reads this/last/next year and month and 'ago'", () => {
    expect(dates("Profit rose last year and will rise next year.", "1989-10-26")).toEqual([
      ["last year", "1988"],
      ["next year", "1990"],
    ]);
    expect(dates("Sales slowed last month, and two years ago they fell.", "1998-02-06")).toEqual([
      ["last month", "1998-01"],
      ["two years ago", "1996"],
    ]);
  });

  it("never resolves finer than the publication date is known", () => {
    expect(dates("The patch was posted yesterday.", "2025-02")).toEqual([["yesterday", "2025-02"]]);
  });

  it("resolves holidays by their rule", () => {
    expect(dates("He last saw his father on Thanksgiving Day.", "2000-01-07")).toEqual([["Thanksgiving Day", "1999-11-25"]]);
  });

  it("gives a holiday with a year that year's date", () => {
    expect(dates("The show's highest audience came at Christmas 1986.", "2005-03-15")).toEqual([["Christmas 1986", "1986-12-25"]]);
  });

  it("gives quarters their year", () => {
    expect(dates("Third-quarter profit fell 50%.", "1989-10-26")).toEqual([["Third-quarter", "1989"]]);
    expect(dates("The company lost money in the fourth quarter of 1988.", "1989-10-26")).toEqual([["the fourth quarter of 1988", "1988"]]);
    expect(dates("Revenue rose in Q3 2023 and is forecast to fall in H1 2025.", "2024-12")).toEqual([
      ["Q3 2023", "2023"],
      ["H1 2025", "2025"],
    ]);
  });
});

describe("extractDates: offsets", () => {
  it("gives offsets into the article text and the sentence index", () => {
    const text = "Nothing happened then.\n\nThe law passed in August 2024 after a long debate.";
    const [d] = extractDates(article(text, "2024-12"));
    expect(d).toBeDefined();
    expect(text.slice(d!.start, d!.end)).toBe("August 2024");
    expect(d!.sentence).toBe(1);
  });
});

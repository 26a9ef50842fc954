import { describe, expect, it } from "vitest";
import { extractDates } from "../../../src/extract/dates/index.ts";
import { articleText } from "../../support/articles.ts";
import { testSingleCase } from "./testUtil.ts";

describe("extractDates: refiners", () => {
  it("joins a weekday and the date it names", () => testSingleCase("The vote was held on Friday, Oct. 23, in Ohio.", "1998-11-21", ["Friday, Oct. 23", "1998-10-23"]));

  it("keeps modifiers inside the expression", () => {
    testSingleCase("Talks began in late November.", "2000-01-07", ["late November", "1999-11"]);
    testSingleCase("Through the end of 2020, contributors worked on the patch set.", "2025-02", ["the end of 2020", "2020"]);
  });

  it("dates a range by its first day, a weekday's part of the day, and 'earlier today'", () => {
    testSingleCase("The festival runs 24-26 June in the park.", "2016-03-11", ["24-26 June", "2016-06-24"]);
    // 2016-09-28 is a Wednesday.
    testSingleCase("Viewers watched Monday night's debate in record numbers.", "2016-09-28", ["Monday night", "2016-09-26"]);
    testSingleCase("Earlier today, the mayor resigned.", "2016-09-28", ["today", "2016-09-28"]);
  });

  it("counts the day before or after a dated day, and leaves a coarser date as it is", () => {
    // 2000-02-24 is a Thursday: last Tuesday is the 22nd.
    testSingleCase("The day before last Tuesday's hearing, the two brothers met.", "2000-02-24", ["The day before last Tuesday", "2000-02-21"]);
    testSingleCase("She resigned the day after the May 3 vote.", "2016-06-10", ["the day after the May 3", "2016-05-04"]);
    testSingleCase("He left a day before March ended.", "2016-06-10", ["a day before March", "2016-03"]);
  });
});

describe("extractDates: offsets", () => {
  it("gives offsets into the article text and the sentence index", () => {
    const text = "Nothing happened then.\n\nThe law passed in August 2024 after a long debate.";
    const [d] = extractDates(articleText(text, { published: "2024-12" }));
    expect(d).toBeDefined();
    expect(text.slice(d!.start, d!.end)).toBe("August 2024");
    expect(d!.sentence).toBe(1);
  });
});

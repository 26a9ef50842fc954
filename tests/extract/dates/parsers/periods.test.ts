import { describe, it } from "vitest";
import { testSingleCase } from "../testUtil.ts";

describe("periods: named periods relative to the publication date", () => {
  // 1998-09-01 is a Tuesday: the weekend just past was August 29-30.
  it("reads the weekend before a weekday's article at its month, which may be the month before", () => testSingleCase("Protesters gathered outside parliament over the weekend.", "1998-09-01", ["the weekend", "1998-08"]));

  it("gives the year's periods the publication year", () => {
    testSingleCase("The company expects to return to profit by the end of the year.", "2005-03-15", ["the end of the year", "2005"]);
    testSingleCase("The merger should be completed by year-end.", "1989-10-26", ["year-end", "1989"]);
    testSingleCase("The firm expects a loss for the current fiscal year.", "1989-10-26", ["the current fiscal year", "1989"]);
  });
});

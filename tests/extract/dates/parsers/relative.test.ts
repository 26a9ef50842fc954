import { describe, it } from "vitest";
import { testCases } from "../testUtil.ts";

describe("relative: periods relative to the publication date", () => {
  it("reads this/last/next year and month and 'ago'", () => {
    testCases("Profit rose last year and will rise next year.", "1989-10-26", [["last year", "1988"], ["next year", "1990"]]);
    testCases("Sales slowed last month, and two years ago they fell.", "1998-02-06", [["last month", "1998-01"], ["two years ago", "1996"]]);
  });

  it("gives weeks ago as the day, unless hedged", () => {
    testCases("The plant closed two weeks ago.", "1998-03-22", [["two weeks ago", "1998-03-08"]]);
    testCases("The plant closed about two weeks ago.", "1998-03-22", [["about two weeks ago", "1998-03"]]);
  });
});

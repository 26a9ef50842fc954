import { describe, it } from "vitest";
import { testCases } from "../testUtil.ts";

describe("later: a span after the narrative's date", () => {
  it("dates 'one year later' and 'two days later' from the date the narrative is at", () => {
    testCases("The firm was founded in 2010. One year later it went public.", "2016-05-05", [["2010", "2010"], ["One year later", "2011"]]);
    testCases("The strike began on March 3, 2015. Two days later the plant closed.", "2016-05-05", [["March 3, 2015", "2015-03-03"], ["Two days later", "2015-03-05"]]);
    testCases("The rally was on Feb. 29, 2016. A year later the square was quiet.", "2018-01-01", [["Feb. 29, 2016", "2016-02-29"], ["A year later", "2017-02-28"]]);
  });
});

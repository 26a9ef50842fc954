import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("years: bare years", () => {
  it("gives a bare year at year precision (seed sentence)", () => testCases("The earliest example is rust.ko, a simple proof of concept written in 2013, before Rust had even reached its 1.0 version in 2015.", "2025-02", [["2013", "2013"], ["2015", "2015"]]));

  it("reads both years of a range and a year before a plural noun after a preposition of time", () => {
    testCases("The experiment ran in 2015-2016 and again in 2019.", "2024-12", [["2015", "2015"], ["2016", "2016"], ["2019", "2019"]]);
    testSingleCase("In 2013 researchers found the flaw.", "2024-12", ["2013", "2013"]);
  });
});

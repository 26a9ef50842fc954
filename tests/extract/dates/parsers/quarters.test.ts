import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("quarters: quarters and halves of a year", () => {
  it("gives quarters their year", () => {
    testSingleCase("Third-quarter profit fell 50%.", "1989-10-26", ["Third-quarter", "1989"]);
    testSingleCase("The company lost money in the fourth quarter of 1988.", "1989-10-26", ["the fourth quarter of 1988", "1988"]);
    testCases("Revenue rose in Q3 2023 and is forecast to fall in H1 2025.", "2024-12", [["Q3 2023", "2023"], ["H1 2025", "2025"]]);
  });

  it("reads 'the same period' as the reporting period in a sentence with figures", () => testSingleCase("Sales rose 5% in the same period.", "1989-10-26", ["the same period", "1989"]));
});

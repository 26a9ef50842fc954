import { describe, it } from "vitest";
import { testSingleCase } from "../testUtil.ts";

describe("spelledYears: years written in words", () => {
  it("reads years written in words", () => {
    testSingleCase("Prices rose sharply in nineteen ninety-six.", "1998-02-27", ["nineteen ninety-six", "1996"]);
    testSingleCase("Hospitals prepared for the year two thousand.", "1998-02-05", ["the year two thousand", "2000"]);
  });
});

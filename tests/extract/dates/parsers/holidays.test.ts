import { describe, it } from "vitest";
import { testSingleCase } from "../testUtil.ts";

describe("holidays: named days", () => {
  it("resolves holidays by their rule", () => testSingleCase("He last saw his father on Thanksgiving Day.", "2000-01-07", ["Thanksgiving Day", "1999-11-25"]));

  it("gives a holiday with a year that year's date", () => testSingleCase("The show's highest audience came at Christmas 1986.", "2005-03-15", ["Christmas 1986", "1986-12-25"]));
});

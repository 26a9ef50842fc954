import { describe, it } from "vitest";
import { testCases } from "../testUtil.ts";

describe("anaphora: expressions that point back into the narrative", () => {
  it("resolves 'that year' and 'the following year' from the last dated expression", () => testCases("The project got going in 2020. During the conference that year, people gave a talk. The following year it was merged.", "2025-02", [["2020", "2020"], ["that year", "2020"], ["The following year", "2021"]]));

  it("counts 'the following month' from a month named without its year", () =>
    testCases("In January the firm hired a new chief. In March it got a buyout offer. The following month it put itself up for sale.", "1989-10-27", [
      ["January", "1989-01"],
      ["March", "1989-03"],
      ["The following month", "1989-04"],
    ]));

  it("counts 'the next day' from the day the narrative is at", () => testCases("He was arrested on Friday. The next day he was released.", "1998-08-10", [["Friday", "1998-08-07"], ["The next day", "1998-08-08"]]));

  it("counts a part of the next day from the day the narrative is at", () => testCases("The rally was held on Feb. 21, 2000. The next morning the square was empty.", "2000-02-24", [["Feb. 21, 2000", "2000-02-21"], ["The next morning", "2000-02-22"]]));
});

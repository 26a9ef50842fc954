import { describe, it } from "vitest";
import { testCases } from "../testUtil.ts";

describe("present: now, currently", () => {
  it("dates what holds now to the publication date, at its precision", () => {
    testCases("The patch is now merged and currently in testing.", "2025-02-07", [["now", "2025-02-07"], ["currently", "2025-02-07"]]);
    testCases("The firm, which currently holds 5% of the shares, said so.", "2025-02", [["currently", "2025-02"]]);
  });
});

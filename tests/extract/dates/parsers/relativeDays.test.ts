import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("relativeDays: today, yesterday, tomorrow", () => {
  it("reads yesterday, today and tomorrow", () => testCases("Shares fell yesterday and are expected to rise tomorrow.", "1989-11-02", [["yesterday", "1989-11-01"], ["tomorrow", "1989-11-03"]]));

  it("never resolves finer than the publication date is known", () => testSingleCase("The patch was posted yesterday.", "2025-02", ["yesterday", "2025-02"]));

  it("is a day the narrative counts on from", () => testCases("He was arrested yesterday. The next day he was freed.", "1998-08-10", [["yesterday", "1998-08-09"], ["The next day", "1998-08-10"]]));
});

import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("relativeDays: today, yesterday, tomorrow", () => {
  it("reads yesterday, today and tomorrow", () => testCases("Shares fell yesterday and are expected to rise tomorrow.", "1989-11-02", [["yesterday", "1989-11-01"], ["tomorrow", "1989-11-03"]]));

  it("reads the parts of the publication day, and last night as the day before", () => {
    testCases("This morning the mayor resigned; the council had met last night and will meet again this afternoon.", "2016-09-28", [
      ["This morning", "2016-09-28"],
      ["last night", "2016-09-27"],
      ["this afternoon", "2016-09-28"],
    ]);
  });

  it("never resolves finer than the publication date is known", () => testSingleCase("The patch was posted yesterday.", "2025-02", ["yesterday", "2025-02"]));

  it("is a day the narrative counts on from", () => testCases("He was arrested yesterday. The next day he was freed.", "1998-08-10", [["yesterday", "1998-08-09"], ["The next day", "1998-08-10"]]));

  it("reads a capitalised Today inside its sentence, or one between quotation marks, as a name", () => {
    testSingleCase('Anna Berg is joining the "Today" show, the network said today.', "2016-05-18", ["today", "2016-05-18"]);
    testSingleCase("USA Today ran the story on Monday.", "2016-05-18", ["Monday", "2016-05-16"]);
    testSingleCase("Today the council meets.", "2016-05-18", ["Today", "2016-05-18"]);
  });

  it("keeps the day when today's or tomorrow's names a happening, or a part of the day", () => {
    testSingleCase("Officials expect a low turnout in today's vote.", "2016-05-18", ["today", "2016-05-18"]);
    testSingleCase("Bids are due by the end of today.", "2016-05-18", ["today", "2016-05-18"]);
    testSingleCase("Prices are fixed as of today, the ministry said.", "2016-05-18", ["today", "2016-05-18"]);
  });
});

import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("weekdays", () => {
  it("reads weekdays as the last such day in past-tense news, the publication day included", () => {
    // 1998-08-10 is a Monday.
    testSingleCase("The embassy was bombed Friday, officials said.", "1998-08-10", ["Friday", "1998-08-07"]);
    testSingleCase("The president said Monday that talks would resume.", "1998-08-10", ["Monday", "1998-08-10"]);
  });

  it("reads weekdays as the next such day in future tense", () => testSingleCase("The monarch will meet Bush on Thursday in Maine.", "1998-08-10", ["Thursday", "1998-08-13"]));

  it("gives a weekday named again with no verb to date it the date of its first mention", () =>
    testCases("The next meeting will be held on Friday. Agenda for Friday: budget, roads.", "1998-08-10", [["Friday", "1998-08-14"], ["Friday", "1998-08-14"]]));

  it("reads a weekday named again by the verb of its own clause", () =>
    testCases("The offer is scheduled to expire on Friday. Its shares fell on Friday.", "1998-08-10", [["Friday", "1998-08-14"], ["Friday", "1998-08-07"]]));

  it("puts a weekday in the week named beside it, whatever the tense", () => {
    // 2016-05-06 is a Friday.
    testCases("The council invited the builders to a meeting next week on Thursday.", "2016-05-06", [["next week", "2016-05"], ["Thursday", "2016-05-12"]]);
    testCases("The mayor met the builders on Friday last week.", "2016-05-06", [["Friday", "2016-04-29"], ["last week", "2016-04"]]);
  });

  it("counts 'the previous' and 'the following' weekday from the day the story is at", () => {
    testCases("The index fell on Friday, Oct. 6, and closed 3% below the previous Friday.", "1995-10-09", [
      ["Friday, Oct. 6", "1995-10-06"],
      ["the previous Friday", "1995-09-29"],
    ]);
    testCases("The strike began on March 3, 2001, and ended the following Monday.", "2001-04-20", [
      ["March 3, 2001", "2001-03-03"],
      ["the following Monday", "2001-03-05"],
    ]);
  });

  it("counts them from the publication date when the story is at no day", () => testSingleCase("Sales were lower than the previous Friday.", "1989-10-30", ["the previous Friday", "1989-10-27"]));
});

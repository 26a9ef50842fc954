// A month or a weekday named without its year or week is placed by the tense of the clause it stands in: the verb that
// governs it, with its auxiliaries, not the nearest tense word of the sentence (clauseTense.ts).
import { describe, it } from "vitest";
import { testCases, testSingleCase } from "./testUtil.ts";

describe("the tense of the clause holding the date", () => {
  it("follows the verb the date belongs to, however far back its auxiliary stands", () => {
    // 2016-05-06 is a Friday.
    testCases("The mayor's office said Friday that the mayor will meet the regional transport commissioner on Thursday.", "2016-05-06", [
      ["Friday", "2016-05-06"],
      ["Thursday", "2016-05-12"],
    ]);
  });

  it("reads a present-tense clause as the coming day, and keeps a relative clause's tense to itself", () => {
    // 2016-04-30 is a Saturday.
    testCases("The mayor, who badly needs a win in Tuesday's council vote, received the union's backing on Friday.", "2016-04-30", [
      ["Tuesday", "2016-05-03"],
      ["Friday", "2016-04-29"],
    ]);
  });

  it("reads a bare verb after its plural or named subject as the present: a meeting to come", () => {
    // 1998-05-01 is a Friday.
    testSingleCase("The two ministers meet on Monday in Geneva.", "1998-05-01", ["Monday", "1998-05-04"]);
    testSingleCase("Okafor and Lindqvist meet separately Monday with the mediator.", "1998-05-01", ["Monday", "1998-05-04"]);
    // A noun after a name is no verb: "Harbour police said" is past.
    testSingleCase("On Monday, Harbour police and coast guard officers said they had found the boat.", "1998-05-01", ["Monday", "1998-04-27"]);
  });

  it("reads a day one is ahead of as still to come, unless the clause is told in the past", () => {
    // 2016-03-11 is a Friday.
    testSingleCase("Voters head to the polls ahead of Tuesday's primary.", "2016-03-11", ["Tuesday", "2016-03-15"]);
    testSingleCase("Candidates campaigned hard ahead of Tuesday's primary.", "2016-03-11", ["Tuesday", "2016-03-08"]);
  });

  it("reads a plan with its object as the clause's own verb, not a description", () => {
    testSingleCase("Fans planned a rally in Port Ellis on Saturday and were hoping for sun.", "2000-01-07", ["Saturday", "2000-01-08"]);
    testSingleCase("A vigil planned for Saturday was cancelled.", "2000-01-07", ["Saturday", "2000-01-01"]);
  });

  it("looks ahead for a plan, an invitation or the earliest a thing can happen", () => {
    testSingleCase("The council invited the builders to meet its members on Thursday morning.", "2016-05-06", ["Thursday morning", "2016-05-12"]);
    testSingleCase("Fans planned a march through the city centre on Saturday.", "2000-01-07", ["Saturday", "2000-01-08"]);
    testSingleCase("The team could leave as soon as Tuesday.", "2000-04-03", ["Tuesday", "2000-04-04"]);
  });

  it("puts a plan that had been made in the past", () => {
    // 1989-10-30 is a Monday.
    testSingleCase("The offer had been scheduled to expire at midnight Friday.", "1989-10-30", ["Friday", "1989-10-27"]);
  });

  it("dates the planning, not the plan, when the date opens the clause or the plan is only described", () => {
    // 1998-09-30 is a Wednesday, 1999-10-24 a Sunday.
    testSingleCase("On Friday, the government planned to pay the first claims.", "1998-09-30", ["Friday", "1998-09-25"]);
    testSingleCase("A vigil planned for Saturday was cancelled.", "1999-10-24", ["Saturday", "1999-10-23"]);
  });

  it("puts a month of a past clause in the past, even the month after publication", () => {
    testSingleCase("The treaty forged in December has held.", "2016-11-20", ["December", "2015-12"]);
    testCases("The economy contracted by 0.9 percent between April and June.", "2016-10-15", [
      ["April", "2016-04"],
      ["June", "2016-06"],
    ]);
    testSingleCase("Inspectors have been allowed to work there since Jan. 13.", "1998-03-06", ["Jan. 13", "1998-01-13"]);
  });

  it("leaves a deadline set in the past ahead of it", () => {
    testSingleCase("The bid was extended to Nov. 20.", "1989-11-02", ["Nov. 20", "1989-11-20"]);
    testSingleCase("Lenders extended the credit line through January.", "1989-10-30", ["January", "1990-01"]);
  });
});

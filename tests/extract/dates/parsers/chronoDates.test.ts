import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("chronoDates: day dates written out", () => {
  it("reads a full date and keeps only the expression as dateText (seed sentence)", () => testSingleCase("Backed by financial support from the Internet Security Research Group (ISRG) and Google, on Sept. 20, 2021, Ojeda submitted the first pull request for the Rust for Linux project.", "2025-12", ["Sept. 20, 2021", "2021-09-20"]));

  it("reads little-endian and ISO dates", () => {
    testSingleCase("The ceremony will take place on 16 January 2005.", "2004-12-01", ["16 January 2005", "2005-01-16"]);
    testSingleCase("The file was tagged 2021-09-20 by the release team.", "2022", ["2021-09-20", "2021-09-20"]);
  });

  it("puts a day without a year in the publication year (seed sentence)", () => testSingleCase("In a breakthrough that could reshape the future of Linux kernel development, November 30 marked a pivotal moment as Linus Torvalds merged support.", "2024-12", ["November 30", "2024-11-30"]));

  it("looks back across the new year for past events and ahead for planned ones", () => {
    testSingleCase("The company said sales fell on Nov. 25.", "2000-01-15", ["Nov. 25", "1999-11-25"]);
    testSingleCase("Mr. Schwarz will succeed him Feb. 1.", "1989-10-26", ["Feb. 1", "1990-02-01"]);
  });
});

describe("chronoDates: ranges and coordinated days", () => {
  it("reads a range whose end is a date of its own as two dates", () =>
    testCases("The fund bought 80,000 shares from Aug. 26 to Oct. 20 for $23 a share.", "1989-10-30", [
      ["Aug. 26", "1989-08-26"],
      ["Oct. 20", "1989-10-20"],
    ]));

  it("reads a second day of the same month after 'and'", () =>
    testCases("A ceremony will be held at the summit on April 24 and 25.", "1999-02-10", [
      ["April 24", "1999-04-24"],
      ["25", "1999-04-25"],
    ]));

  it("does not read a count after 'and' as a second day, nor split a range ending in a bare day", () => {
    testSingleCase("The vote on April 24 and 25 delegates walked out.", "1999-02-10", ["April 24", "1999-04-24"]);
    testSingleCase("Talks ran from March 3 to 5 in Geneva.", "1999-02-10", ["March 3 to 5", "1998-03-03"]);
  });

  it("reads a day date after 'last' as the day, not the month", () => testSingleCase("He was shot to death last Oct. 23 at his home.", "1999-04-19", ["Oct. 23", "1998-10-23"]));
});

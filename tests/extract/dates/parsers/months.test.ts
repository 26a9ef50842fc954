import { describe, it } from "vitest";
import { testCases, testSingleCase } from "../testUtil.ts";

describe("months: months without a day", () => {
  it("reads month and year next to a kernel version without taking the version (seed sentence)", () => testSingleCase("For example, the Linux 6.13 kernel, released in January 2025, brought significant expansions to Rust support.", "2025-02", ["January 2025", "2025-01"]));

  it("puts a past month in the publication year when it has passed (seed sentence)", () => testSingleCase("In September, Microsoft engineer and Rust for Linux maintainer Wedson Almeida's departure highlighted the human cost of innovation.", "2024-12", ["September", "2024-09"]));

  it("looks ahead for a planned month", () => testSingleCase("The mission will fly in December.", "1998-03-04", ["December", "1998-12"]));

  it("resolves 'last <month>' to the most recent one before publication", () => testSingleCase("Two helicopters crashed last February.", "1998-03-01", ["last February", "1997-02"]));

  it("reads a month with 'this year' or 'last year'", () => testSingleCase("The insurer hit the headlines in October last year.", "2005-03-15", ["October last year", "2004-10"]));

  it("resolves 'That March' to the year the narrative is in, not the publication year (seed text)", () => testCases("By early 2021, Rust was, outside the Linux kernel, being brought closer to the world's favorite operating system.\n\nThat March, Linus Torvalds decided to give Rust a chance.", "2025-12", [["early 2021", "2021"], ["That March", "2021-03"]]));

  it("reads a month naming when an event took place, before the event's noun", () => {
    testSingleCase("The senator, who led the campaign with a March speech against the plan, will not attend.", "2016-05-05", ["March", "2016-03"]);
    testSingleCase("The April report showed gains.", "2016-05-05", ["April", "2016-04"]);
  });
});

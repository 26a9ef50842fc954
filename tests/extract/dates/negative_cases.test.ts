import { describe, expect, it } from "vitest";
import { dateTexts, testUnexpectedResult } from "./testUtil.ts";

/** What must not be read as a date, with sentences that hold it and nothing else, published 2025-02 unless given. */
const NOT_DATES: [what: string, texts: string[], published?: string][] = [
  ["version numbers (seed sentence)", ["The Linux 6.13 kernel brought expansions; Python 3.12 and Windows 11 did not."]],
  [
    "dates inside URLs, paths and markdown link targets (seed text)",
    [
      "![Featured image](https://cdn.thenewstack.io/media/2025/02/9fc50f48-getty-images-1024x683.jpg)\n\n" +
        "Martin said, \u201c[I no longer have any faith left in the kernel](https://lore.kernel.org/lkml/20250207-rm-maint-v1-1-10f069a24f3d@marcan.st/#r) development process.\u201d\n\n" +
        "See the post at example.com/blog/2025/2/7/rust for details.",
    ],
  ],
  [
    "quantities and amounts",
    [
      "By then the kernel had 34 million lines of C code, with only 25 thousand lines of Rust.",
      "The firm paid $4 million and hired 2000 people for 1,990 dollars each.",
      "About 1500 residents and more than 2010 workers were evacuated.",
    ],
  ],
  ["phone numbers and identifiers with a year-like part", ["Call 555-2013 or write to PO Box 1999 for details."]],
  [
    "durations",
    [
      "Real-time Linux took twenty years to join the mainline kernel.",
      "He worked there for 20 years and then rested for three months.",
      "Prices rose over the last year and will slow over the next year.",
      "The troops left two days later, and the talks resumed 13 days after the attack.",
    ],
  ],
  ["times of day and fractions", ["The meeting started at 3:30 p.m. and ended at noon.", "Shares rose 1/4 to 35 3/8."]],
  ["recurring times", ["The committee meets every Monday and publishes a report each year."]],
  [
    "month names used as words or names",
    [
      "May I ask why the march went ahead?",
      "April Smith and June Carter may attend.",
      "Federated will assume $6bn of May's debt.",
      "The May government fell and an August wind blew.",
    ],
  ],
  ["seasons used as nouns or verbs", ["The hot spring water will fall on the roof during spring training."]],
  [
    "season words that are not the season, and titles",
    [
      "A stronger yen and weaker exports were blamed for the fall.",
      "Diana Rigg was best actress for Suddenly Last Summer at the awards.",
      "The senator appeared on ABC's This Week to defend the bill.",
    ],
    "2005-03-15",
  ],
  ["holiday words that name a person", ["The recipe includes a reference to Father Christmas and sleigh bells."], "2005-03-15"],
  [
    "'that period' in a sentence with no number and no other time word: a stretch of anything",
    ["Prices stayed stable during that period, the ministry said."],
    "1989-10-26",
  ],
  ["'Now' opening a sentence as a discourse marker", ["Now, consider the other side of the argument."]],
  [
    "today/tomorrow used generically (seed sentence)",
    [
      "The journey serves as a powerful reminder that today's \"pipe dreams\" can become tomorrow's standard practice through sustained collaboration.",
    ],
    "2024-12",
  ],
  [
    "today/tomorrow naming the era: its people, its world, a share of all there are now",
    [
      "The festival speaks to today's youth more than any film of the decade.",
      "In today's world, a parcel can cross the ocean faster than a letter once crossed town.",
      "Their chips run in many of today's laptop computers.",
      "\"We are training the engineers of tomorrow,\" the dean said.",
    ],
    "2016-05-18",
  ],
];

describe("extractDates: things that are not dates", () => {
  it.each(NOT_DATES)("skips %s", (_what, texts, published) => {
    for (const text of texts) testUnexpectedResult(text, published);
  });

  it("skips version numbers beside a year (seed sentence)", () => {
    expect(dateTexts("In 2022, the set of Rust-for-Linux patches went from version 5 to version 10, before finally being merged in time for the Linux 6.1 long-term support release.")).toEqual(["2022"]);
  });

  it("resolves only self-dated expressions without a usable publication date", () => {
    expect(dateTexts("The law passed on Sept. 20, 2021, and was amended last week.", "unknown")).toEqual(["Sept. 20, 2021"]);
  });
});

import { describe, expect, it } from "vitest";
import { extractDates } from "../../src/extract/dates/index.ts";
import { splitParagraphs } from "../../src/extract/paragraphs.ts";
import { splitSentences } from "../../src/extract/sentences.ts";

function dateTexts(text: string, published = "2025-02"): string[] {
  const paragraphs = splitParagraphs(text);
  return extractDates({ id: "t", text, published, paragraphs, sentences: splitSentences(text, paragraphs) }).map((d) => d.dateText);
}

describe("extractDates: things that are not dates", () => {
  it("skips version numbers (seed sentences)", () => {
    expect(dateTexts("In 2022, the set of Rust-for-Linux patches went from version 5 to version 10, before finally being merged in time for the Linux 6.1 long-term support release.")).toEqual(["2022"]);
    expect(dateTexts("The Linux 6.13 kernel brought expansions; Python 3.12 and Windows 11 did not.")).toEqual([]);
  });

  it("skips dates inside URLs, paths and markdown link targets (seed text)", () => {
    const text =
      "![Featured image](https://cdn.thenewstack.io/media/2025/02/9fc50f48-getty-images-1024x683.jpg)\n\n" +
      "Martin said, \u201c[I no longer have any faith left in the kernel](https://lore.kernel.org/lkml/20250207-rm-maint-v1-1-10f069a24f3d@marcan.st/#r) development process.\u201d\n\n" +
      "See the post at example.com/blog/2025/2/7/rust for details.";
    expect(dateTexts(text)).toEqual([]);
  });

  it("skips quantities and amounts", () => {
    expect(dateTexts("By then the kernel had 34 million lines of C code, with only 25 thousand lines of Rust.")).toEqual([]);
    expect(dateTexts("The firm paid $4 million and hired 2000 people for 1,990 dollars each.")).toEqual([]);
    expect(dateTexts("About 1500 residents and more than 2010 workers were evacuated.")).toEqual([]);
  });

  it("skips phone numbers and identifiers with a year-like part", () => {
    expect(dateTexts("Call 555-2013 or write to PO Box 1999 for details.")).toEqual([]);
  });

  it("skips durations", () => {
    expect(dateTexts("Real-time Linux took twenty years to join the mainline kernel.")).toEqual([]);
    expect(dateTexts("He worked there for 20 years and then rested for three months.")).toEqual([]);
    expect(dateTexts("Prices rose over the last year and will slow over the next year.")).toEqual([]);
    expect(dateTexts("The troops left two days later, and the talks resumed 13 days after the attack.")).toEqual([]);
  });

  it("skips times of day and fractions", () => {
    expect(dateTexts("The meeting started at 3:30 p.m. and ended at noon.")).toEqual([]);
    expect(dateTexts("Shares rose 1/4 to 35 3/8.")).toEqual([]);
  });

  it("skips recurring times", () => {
    expect(dateTexts("The committee meets every Monday and publishes a report each year.")).toEqual([]);
  });

  it("skips month names used as words or names", () => {
    expect(dateTexts("May I ask why the march went ahead?")).toEqual([]);
    expect(dateTexts("April Smith and June Carter may attend.")).toEqual([]);
    expect(dateTexts("Federated will assume $6bn of May's debt.")).toEqual([]);
  });

  it("skips seasons used as nouns or verbs", () => {
    expect(dateTexts("The hot spring water will fall on the roof during spring training.")).toEqual([]);
  });

  it("skips season words that are not the season, and titles", () => {
    expect(dateTexts("A stronger yen and weaker exports were blamed for the fall.", "2005-03-15")).toEqual([]);
    expect(dateTexts("Diana Rigg was best actress for Suddenly Last Summer at the awards.", "2005-03-15")).toEqual([]);
    expect(dateTexts("The senator appeared on ABC's This Week to defend the bill.", "2005-03-15")).toEqual([]);
  });

  it("skips holiday words that name a person", () => {
    expect(dateTexts("The recipe includes a reference to Father Christmas and sleigh bells.", "2005-03-15")).toEqual([]);
  });

  it("skips the present, which has no calendar value", () => {
    expect(dateTexts("Now, consider the other side: the patch is now merged and currently in testing.")).toEqual([]);
  });

  it("skips today/tomorrow used generically (seed sentence)", () => {
    const text =
      "The journey serves as a powerful reminder that today's \"pipe dreams\" can become tomorrow's standard practice through sustained collaboration.";
    expect(dateTexts(text, "2024-12")).toEqual([]);
  });

  it("resolves only self-dated expressions without a usable publication date", () => {
    expect(dateTexts("The law passed on Sept. 20, 2021, and was amended last week.", "unknown")).toEqual(["Sept. 20, 2021"]);
  });
});

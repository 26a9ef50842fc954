// /when on questions as members type them, not the exact words of a sentence: partial matches ranked by how much of
// the question they state (rare words weighing more), inflections, a person named in full, events stated without a
// date, a date given in a later sentence, the date nearest the event's words, and questions the corpus does not cover.
import { describe, expect, it } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import type { KbArticle, KbEvent, KbPerson, KnowledgeBase } from "../../src/kb/types.ts";
import { answersOver } from "../support/extractedAnswers.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

const texts: Record<string, { title: string; published: string; text: string }> = {
  lighthouse: {
    title: "Cape Mercy lighthouse reopens",
    published: "2023-06-20",
    text:
      "The Cape Mercy lighthouse reopened to visitors on June 17, 2023, after a restoration that took four years. " +
      "Keeper Odile Marchetti-Brandt, who led the restoration trust, cut the ribbon. " +
      "The trust bought the tower from the coast guard in 2019. " +
      "Marchetti-Brandt later stepped down from the trust's board. " +
      "The lantern, made in Birmingham in 1871, was taken apart and cleaned. " +
      "Volunteers repainted the tower, and the council voted in March on the new car park. " +
      "A storm damaged the gallery railings.",
  },
  ferry: {
    title: "Island ferry service ends",
    published: "2024-02-10",
    text:
      "Tidewater Lines began the service in 1998. " +
      "Tidewater ran its last crossing on February 3, 2024. " +
      "Islanders have filed a formal complaint against the ferry operator Tidewater Lines. " +
      "The operator said the crossing no longer paid. " +
      "The complaint was filed with the regional transport office on Thursday.",
  },
  // Many sentences with the common words of the other articles, so that those words weigh little.
  harbour: {
    title: "Harbour notes",
    published: "2024-03-01",
    text: Array.from({ length: 30 }, (_, i) => `The harbour trust met the council about tower ${i} and the ferry crossing.`).join(" "),
  },
};

function kb(): KnowledgeBase {
  const articles: KbArticle[] = Object.entries(texts).map(([id, a]) => ({ id, title: a.title, outlet: "Coast Courier", published: a.published, sentences: splitSentences(a.text) }));
  const at = (id: string, needle: string) => {
    const s = articles.find((a) => a.id === id)!.sentences.find((x) => x.text.includes(needle));
    if (!s) throw new Error(`fixture: no sentence with ${needle}`);
    return { article: id, sentence: s.index };
  };
  const event = (id: string, needle: string, date: string, dateText: string): KbEvent => ({ ...at(id, needle), date, dateText });
  const people: KbPerson[] = [
    {
      name: "Odile Marchetti-Brandt",
      description: "Keeper",
      aliases: ["Marchetti-Brandt"],
      articles: ["lighthouse"],
      mentions: [at("lighthouse", "cut the ribbon"), at("lighthouse", "stepped down")],
    },
  ];
  const events: KbEvent[] = [
    event("lighthouse", "reopened", "2023-06-17", "June 17, 2023"),
    event("lighthouse", "bought the tower", "2019", "2019"),
    event("lighthouse", "lantern", "1871", "1871"),
    event("lighthouse", "repainted", "2023-03", "March"),
    event("ferry", "was filed", "2024-02-08", "Thursday"),
    event("ferry", "began the service", "1998", "1998"),
    event("ferry", "last crossing", "2024-02-03", "February 3, 2024"),
  ];
  return { articles, people, quotes: [], fragments: [], events: EventTable.of(events) };
}

const answers = createAnswers(kb());
const top = (query: string) => answers.when(query).events[0];

describe("when: questions that do not repeat the sentence", () => {
  it("finds the event when a sentence holds most of the question, not all of it", () => {
    expect(top("Cape Mercy lighthouse reopened after the storm")?.date).toBe("2023-06-17");
  });

  it("weighs rare words above common ones: three common words do not outweigh the rare ones missing", () => {
    // "harbour", "trust", "council" are in thirty sentences; "lantern" and "Birmingham" in one.
    expect(top("lantern made in Birmingham")?.date).toBe("1871");
    expect(answers.when("harbour trust council lantern polished Glasgow").events).toEqual([]);
  });

  it("matches inflections, irregular verbs included", () => {
    expect(top("trust buys the tower")?.date).toBe("2019");
    expect(top("lantern take apart")?.date).toBe("1871");
    expect(top("Tidewater begin service")?.date).toBe("1998");
  });

  it("gives the date standing by the words asked about when a sentence has two", () => {
    expect(top("council vote on the car park")?.date).toBe("2023-03");
  });
});

describe("when: events stated without a date", () => {
  it("answers with the article's date as when it was reported, never as the event's date", () => {
    const a = answers.when("Odile Marchetti-Brandt stepped down from the board");
    expect(a.events).toEqual([]);
    expect(a.reported?.[0]?.text).toContain("later stepped down");
    expect(a.reported?.[0]?.source.published).toBe("2023-06-20");
  });

  it("takes the date from a later sentence that tells of the same event", () => {
    const e = top("islanders complaint against Tidewater Lines filed");
    expect(e?.date).toBe("2024-02-08");
    expect(e?.text).toContain("Islanders have filed");
    expect(e?.dateSentence).toContain("on Thursday");
  });

  it("prefers a dated sentence about the event to an undated one", () => {
    expect(top("lighthouse reopened to visitors")?.date).toBe("2023-06-17");
  });
});

describe("when: questions the corpus does not cover", () => {
  it("answers no dated event, with the nearest events offered", () => {
    const a = answers.when("lighthouse demolished by the navy");
    expect(a.events).toEqual([]);
    expect(a.reported ?? []).toEqual([]);
    expect(a.nearest?.[0]?.text).toContain("lighthouse");
  });

  it("offers nothing when no word of the question is in the corpus", () => {
    expect(answers.when("zeppelin regatta")).toMatchObject({ events: [], nearest: [] });
  });
});

describe("when: which of a sentence's dates, from plain text", () => {
  const extracted = answersOver({
    expo: {
      title: "Orvela shows a folding phone",
      published: "2016-09-28",
      text: "Yesterday, at this year's Gadget Expo, the firm Orvela unveiled a folding phone. Its shares rose.",
    },
    tarn: {
      title: "The Tarn library comes of age",
      published: "2024-12-05",
      text:
        "Her recent remark that the Tarn library is now in good shape reflects progress, with Tarn support already merged into the Brookfield toolkit. " +
        "In 2022, the Tarn patches went through ten versions before finally being merged in time for the Brookfield 6.1 release. " +
        "The old Vell bridge is now closed to lorries.",
    },
    retail: {
      title: "Brackwell cuts jobs",
      published: "2016-09-28",
      text: "LONDON, Sept. 27 - The retailer Brackwell said on Monday it would cut 400 jobs. Staff were told by email.",
    },
    water: {
      title: "Quorn Valley Water renames its dam",
      published: "2016-09-28",
      text: "Quorn Valley Water launched its reservoir in 2014 and renamed the dam on July 17, 2015. Critics objected.",
    },
  });
  const first = (query: string) => extracted.when(query).events[0]?.date;

  it("takes 'now' as the event's date only when it stands by the event's words", () => {
    expect(first("Tarn merged into Brookfield")).toBe("2022");
    expect(first("Vell bridge closed to lorries")).toBe("2024-12-05");
  });

  it("gives the finer of two dates when one holds the other, at the precision the text supports", () => {
    expect(first("Orvela unveiled a folding phone")).toBe("2016-09-27");
  });

  it("takes the sentence's own date over its dateline", () => {
    expect(first("Brackwell cut jobs")).toBe("2016-09-26");
  });

  it("dates the verb before the date, not the clause joined after it", () => {
    expect(first("Quorn Valley renamed the dam")).toBe("2015-07-17");
    expect(first("Quorn Valley launched the reservoir")).toBe("2014");
  });
});

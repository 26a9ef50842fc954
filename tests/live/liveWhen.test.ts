// /when's ranked partial matching over a live corpus (issue 16 with issue 20): an article added by a live update is
// found through the tables /when reads besides the index (how rare each word is in the corpus's sentences, the
// events of each sentence, the article's title), and the answers are exactly those of a full build of the articles.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import { LiveKnowledge } from "../../src/live/liveKnowledge.ts";
import { articleFile } from "../support/articles.ts";
import { BUDGET, liveCorpus, TRAM } from "./corpusFixture.ts";

const LIGHTHOUSE = articleFile({
  title: "Cape Mercy lighthouse reopens",
  published: "2024-02-10",
  body:
    "The Cape Mercy lighthouse reopened to visitors on June 17, 2023, after a restoration that took four years. " +
    "The trust bought the tower from the coast guard in 2019. Keeper Odile Marchetti later stepped down from the board.\n\n" +
    "Islanders have filed a formal complaint against the lighthouse trust. " +
    "The complaint was filed with the regional transport office on Thursday.",
});

const QUESTIONS = [
  "Cape Mercy lighthouse reopened after the storm",
  "trust buys the tower",
  "islanders complaint against the lighthouse trust filed",
  "Odile Marchetti stepped down from the board",
  "lighthouse demolished by the navy",
  "when did the tram open",
];

describe("/when over a live corpus", () => {
  it("finds the events of an article a live update added by ranked partial matching, as a full build does", async () => {
    const t = liveCorpus("live-when-", { "tram.md": TRAM, "budget.md": BUDGET });
    const live = await LiveKnowledge.load(t.dir, createMemoryFactsStore(), t.log);
    expect(live.answers().when("trust buys the tower").events).toEqual([]);

    writeFileSync(t.file("lighthouse.md"), LIGHTHOUSE);
    await live.refresh([t.file("lighthouse.md")]);
    const top = (q: string) => live.answers().when(q).events[0];
    // Most of the question, not all of it; an inflected verb; a date from the later sentence about the same event.
    expect(top("Cape Mercy lighthouse reopened after the storm")?.date).toBe("2023-06-17");
    expect(top("trust buys the tower")?.date).toBe("2019");
    const complaint = top("islanders complaint against the lighthouse trust filed");
    expect(complaint?.date).toBe("2024-02-08");
    expect(complaint?.dateSentence).toContain("on Thursday");
    // An undated event is reported by the article's date; a question nothing states is offered the nearest events.
    const undated = live.answers().when("Odile Marchetti stepped down from the board");
    expect(undated.events).toEqual([]);
    expect(undated.reported?.[0]?.source.published).toBe("2024-02-10");
    expect(live.answers().when("lighthouse demolished by the navy").nearest?.[0]?.text).toContain("lighthouse");

    const updated = QUESTIONS.map((q) => live.answers().when(q));
    await live.reloadAll();
    expect(QUESTIONS.map((q) => live.answers().when(q))).toEqual(updated);
    await live.close();
  }, 60_000);
});

// The live corpus applies a change without a full rebuild (issue 20): an added, a changed and a removed article are
// answerable or gone while the indexes stay the same objects; a large article is extracted off the thread that
// answers, which is never held up for long (issue 18 item 1); /reload still rebuilds everything.
import { unlinkSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createMemoryFactsStore } from "../../src/kb/store.ts";
import { LiveKnowledge } from "../../src/live/liveKnowledge.ts";
import { articleFile } from "../support/articles.ts";
import { measurePauses } from "../support/pauses.ts";
import { BUDGET, DEPOT, liveCorpus, TRAM } from "./corpusFixture.ts";

const setup = () => liveCorpus("live-updates-", { "tram.md": TRAM, "budget.md": BUDGET });
/** How often the worker thread was started (to learn the corpus), as the log says. */
const workerStarts = (t: ReturnType<typeof setup>) => t.messages("debug").filter((m) => m.startsWith("the live corpus's worker thread starts")).length;

describe("live updates", () => {
  it("answer an added, a changed and a removed article without a full rebuild", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, createMemoryFactsStore(), t.log);
    // By default the worker thread starts with the corpus, so that the first change need not wait for it.
    expect(workerStarts(t)).toBe(1);
    const indexes = live.current().indexes.postings.sentences;
    expect(live.answers().who("Ada Kowalski").person).toBeNull();

    writeFileSync(t.file("depot.md"), DEPOT);
    await live.refresh([t.file("depot.md")]);
    expect(live.answers().who("Ada Kowalski").person?.description).toBe("head of the depot team");
    expect(live.answers().quote({ speaker: "Kowalski" }).quotes.map((q) => q.text)).toEqual(["Soon"]);
    expect(live.answers().when("depot opens").events[0]?.date).toBe("2026");

    writeFileSync(t.file("depot.md"), DEPOT.replace("2026", "2027").replace("Soon", "Later"));
    await live.refresh([t.file("depot.md")]);
    expect(live.answers().when("depot opens").events.map((e) => e.date)).toEqual(["2027"]);
    expect(live.answers().quote("Soon").quotes).toEqual([]);
    expect(live.answers().quote("Later").quotes[0]?.speaker).toBe("Ada Kowalski");

    unlinkSync(t.file("budget.md"));
    await live.refresh([t.file("budget.md")]);
    expect(live.answers().who("Tomasz Wrobel").person).toBeNull();
    expect(live.answers().search("budget doubled").hits).toEqual([]);
    expect(live.answers().about().articles.map((a) => a.article).sort()).toEqual(["depot", "tram"]);

    // The same indexes throughout: updated in place, not built again.
    expect(live.current().indexes.postings.sentences).toBe(indexes);
    // /reload builds everything anew, and gives the same answers.
    const updated = live.answers();
    await live.reloadAll();
    expect(live.current().indexes.postings.sentences).not.toBe(indexes);
    for (const q of ["Ada Kowalski", "Ingrid Solberg", "Kowalski"]) expect(live.answers().who(q)).toEqual(updated.who(q));
    await live.close();
  }, 120_000);

  it("CORPUS_WARM_WORKER: true by default, false for a corpus that rarely changes; another value is refused by name", () => {
    expect(loadConfig({}).corpusWarmWorker).toBe(true);
    expect(loadConfig({ CORPUS_WARM_WORKER: "false" }).corpusWarmWorker).toBe(false);
    expect(() => loadConfig({ CORPUS_WARM_WORKER: "later" })).toThrow(/^config: CORPUS_WARM_WORKER must be true or false$/);
  });

  it("with warmWorker false, start the worker thread at the first change, which is still applied without a full rebuild", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, createMemoryFactsStore(), t.log, { warmWorker: false });
    const indexes = live.current().indexes.postings.sentences;
    expect(live.answers().who("Ingrid Solberg").person?.description).toBe("mayor");
    expect(workerStarts(t)).toBe(0);

    writeFileSync(t.file("depot.md"), DEPOT);
    const report = await live.refresh([t.file("depot.md")]);
    expect([report.added.map((a) => a.id), report.extracted]).toEqual([["depot"], 1]);
    expect(live.answers().who("Ada Kowalski").person?.description).toBe("head of the depot team");
    expect(live.current().indexes.postings.sentences).toBe(indexes);
    expect([workerStarts(t), t.messages("info").filter((m) => m === "ready for corpus changes").length]).toEqual([1, 1]);
    await live.close();
  }, 120_000);

  it("extract a large new article off the answering thread, which is never held up for long", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, createMemoryFactsStore(), t.log);
    // The worker thread loads its libraries after the first build: let it finish, as a running bot would.
    writeFileSync(t.file("depot.md"), DEPOT);
    await live.refresh([t.file("depot.md")]);
    const paragraph = (n: number) =>
      `Councillor Maria Okafor said on March ${1 + (n % 28)}, ${2000 + (n % 20)} that bridge ${n} would reopen. "We are nearly there," Okafor said.\n\n`;
    const body = Array.from({ length: 3000 }, (_, n) => paragraph(n)).join("");
    writeFileSync(t.file("long.md"), articleFile({ title: "A very long report", body }));
    const meter = measurePauses();
    const report = await live.refresh([t.file("long.md")]);
    const pauses = meter.stop();
    expect(report.added.map((a) => a.id)).toEqual(["long"]);
    expect(live.answers().who("Maria Okafor").person?.articles.map((a) => a.article)).toEqual(["long"]);
    // Extraction on this thread held it for the whole article (seconds of CPU); now it only applies the facts, in
    // slices. Counted in this thread's CPU time, not wall-clock time: on a loaded machine a slice of a few
    // milliseconds can wait hundreds for a core, which is not a pause this code made.
    expect(pauses.longestMs, JSON.stringify(pauses)).toBeLessThan(250);
    await live.close();
  }, 120_000);
});

import { unlinkSync, writeFileSync } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createMemoryFactsStore, type FactsStore } from "../../src/kb/store.ts";
import type { ReloadReport } from "../../commands/services.ts";
import { LiveKnowledge } from "../../src/live/liveKnowledge.ts";
import { watchCorpus } from "../../src/live/watchCorpus.ts";
import { BUDGET, DEPOT, liveCorpus, TRAM } from "./corpusFixture.ts";

function setup() {
  const corpus = liveCorpus("live-test-", { "a.md": TRAM, "b.md": BUDGET });
  const inner = createMemoryFactsStore();
  const store: FactsStore & { sets: number } = { ...inner, sets: 0, set: (k, f) => void (store.sets++, inner.set(k, f)) };
  return { ...corpus, store };
}

const ids = (refs: { id: string }[]) => refs.map((r) => r.id);

describe("the live knowledge", () => {
  it("re-extracts only what changed and swaps in complete answers; the old ones keep working", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, t.store, t.log);
    expect(t.store.sets).toBe(2);
    const before = live.answers();
    expect(before.about().articles).toHaveLength(2);

    writeFileSync(t.file("c.md"), DEPOT);
    const added = await live.refresh([t.file("c.md")]);
    expect([ids(added.added), added.extracted]).toEqual([["c"], 1]);
    expect(t.store.sets).toBe(3);
    expect(live.answers()).not.toBe(before);
    expect(live.answers().about().articles).toHaveLength(3);
    expect(before.about().articles).toHaveLength(2); // a query holding the old answers finishes on the old corpus

    writeFileSync(t.file("a.md"), TRAM.replace("opened", "reopened"));
    const changed = await live.refresh([t.file("a.md")]);
    expect([ids(changed.changed), changed.extracted]).toEqual([["a"], 1]);

    unlinkSync(t.file("b.md"));
    const removed = await live.refresh([t.file("b.md")]);
    expect(ids(removed.removed)).toEqual(["b"]);
    expect(live.answers().about().articles.map((s) => s.article).sort()).toEqual(["a", "c"]);
  });

  it("skips a bad file with one log line however often it is touched, and changes nothing else", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, t.store, t.log);
    const answers = live.answers();
    writeFileSync(t.file("bad.md"), "no front matter\n");
    for (let i = 0; i < 3; i++) {
      const r = await live.refresh([t.file("bad.md")]);
      expect(r.added.length + r.changed.length + r.removed.length).toBe(0);
      expect(r.skipped.map((s) => path.basename(s.file))).toEqual(["bad.md"]);
    }
    expect(t.warnings().filter((w) => w.startsWith("skipped bad.md"))).toHaveLength(1);
    expect(live.answers()).toBe(answers);
  });

  it("runs rebuilds one at a time, in order; reloadAll notices files the watcher never reported", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, t.store, t.log);
    const seen: ReloadReport[] = [];
    live.onReload((r) => void seen.push(r));
    writeFileSync(t.file("c.md"), DEPOT);
    unlinkSync(t.file("a.md"));
    const [first, second] = await Promise.all([live.refresh([t.file("c.md")]), live.reloadAll()]);
    expect(ids(first.added)).toEqual(["c"]);
    expect(ids(second.removed)).toEqual(["a"]);
    expect(seen).toEqual([first, second]);
  });

  it("watches the folder: a file written in pieces is read once, whole, after the debounce", async () => {
    const t = setup();
    const live = await LiveKnowledge.load(t.dir, t.store, t.log);
    const reports: ReloadReport[] = [];
    live.onReload((r) => void reports.push(r));
    const watcher = await watchCorpus(t.dir, { debounceMs: 150 }, t.log, (files) => void live.refresh(files));
    try {
      await writeFile(t.file("c.md"), DEPOT.slice(0, 20)); // half of the front matter: a bad file if read now
      await new Promise((r) => setTimeout(r, 40));
      await appendFile(t.file("c.md"), DEPOT.slice(20));
      // The first update waits for the worker thread to load the extractors: seconds on a busy machine.
      await vi.waitFor(() => expect(reports).toHaveLength(1), { timeout: 15_000, interval: 20 });
      expect(ids(reports[0]!.added)).toEqual(["c"]);
      expect(t.warnings()).toEqual([]);
    } finally {
      await watcher.close();
    }
  });
});

// An engine made from the one held and a write's change (src/search/postgres/engineChange.ts) takes over what the
// held engine knows of the sentences it keeps: their lengths (/when ranks events by them) and the texts it kept from
// the questions before (a shard with its texts in the database reads them again otherwise). Both are found by a
// sentence's stable id, not its position: an article added early in the corpus's order moves every later sentence,
// and a rewritten article's sentences are new rows. What it carries must be what a whole read of the same version
// gives at each position. And a shard gives the garbage of a change back, as it does after a whole read.
import path from "node:path";
import { writeFileSync } from "node:fs";
import { expect, it, vi } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { sentenceCount } from "../../src/kb/sentenceStore.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { engineAfterChange } from "../../src/search/postgres/engineChange.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { postgresForFile } from "../support/postgresForFile.ts";

const { freshDatabase, closing } = postgresForFile();
const { log } = recordingLog("warn");

const put = (dir: string, name: string, title: string, body: string) => writeFileSync(path.join(dir, `${name}.md`), articleFile({ title, body }));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

it("takes over the held engine's sentence lengths and kept texts by stable id, as a whole read has them", { timeout: 120_000 }, async () => {
  const db = await openDatabase(await freshDatabase());
  closing.push(() => db.close());
  const dir = tempDir("change-carry-");
  put(dir, "c-tram", "Harbour tram opens", 'Mayor Ingrid Solberg opened the tram line on Jan. 2, 2025. "It moves," Solberg said. The line runs all night.');
  put(dir, "e-budget", "Budget grows", "Engineer Tomasz Wrobel said the budget doubled in 2024. The council approved it.");
  put(dir, "g-depot", "Depot planned", "Planner Ada Kowalski said the depot opens in 2026. Buses will park there overnight.");
  const leader = await SharedKnowledge.open(db.pool, log);
  closing.push(() => leader.close());
  const write = () => writeCorpus({ dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 0, log, before: () => leader.wholeKb(), after: () => leader.refresh() });
  await write();

  const held = await PostgresEngine.open(db.pool, { texts: "database" });
  await held.warmed;
  const heldCount = held.positionCount("sentences");
  // Every sentence's text read once, as answers would: kept by the held engine.
  await held.texts.read(range(heldCount));

  // An article first in the corpus's order (every held sentence moves) and one written again (new sentence rows).
  put(dir, "a-ferry", "Ferry tariff set", "Harbour master Lena Ostrova set the ferry tariff on March 4, 2025.");
  put(dir, "e-budget", "Budget shrinks", "Engineer Tomasz Wrobel said the budget fell in 2025. Less money came in.");
  await write();
  const next = await engineAfterChange(db.pool, held, "database");
  if (!next) throw new Error("the change was not applied");
  await next.whole;
  await next.warmed;
  const whole = await PostgresEngine.open(db.pool, { texts: "database" });
  await whole.warmed;
  const count = whole.positionCount("sentences");
  expect(next.positionCount("sentences")).toBe(count);
  const texts = await whole.texts.read(range(count));
  const written = new Set(whole.view.kb.articles.filter((a) => a.id === "a-ferry" || a.id === "e-budget").flatMap((a) => range(sentenceCount(a)).map((k) => whole.base.sentencePosition({ article: a.id, sentence: k }))));

  let carried = 0;
  for (const p of range(count)) {
    // Known without a text (read or carried), and what a whole read works out.
    expect(next.sentenceLength(p, () => undefined), `length at ${p}`).toBe(whole.sentenceLength(p, (q) => texts.get(q)));
    const kept = next.texts.keptText(p);
    if (written.has(p)) expect(kept, `text at ${p} (written)`).toBeUndefined();
    else {
      expect(kept, `text at ${p}`).toBe(texts.get(p));
      carried++;
    }
  }
  // Every sentence of the two articles kept as they were.
  expect(carried).toBe(count - written.size);
  expect(carried).toBeGreaterThan(0);
});

it("gives a change's garbage back once the new engine is warmed, as after a whole read", { timeout: 120_000 }, async () => {
  // The collection a shard process may make (--expose-gc, src/util/collectGarbage.ts), seen here as calls.
  const gc = vi.fn();
  const before = (globalThis as { gc?: unknown }).gc;
  (globalThis as { gc?: unknown }).gc = gc;
  closing.push(async () => ((globalThis as { gc?: unknown }).gc = before));
  const db = await openDatabase(await freshDatabase());
  closing.push(() => db.close());
  const dir = tempDir("change-collect-");
  put(dir, "c-tram", "Harbour tram opens", "Mayor Ingrid Solberg opened the tram line on Jan. 2, 2025.");
  const leader = await SharedKnowledge.open(db.pool, log);
  closing.push(() => leader.close());
  const write = () => writeCorpus({ dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 0, log, before: () => leader.wholeKb(), after: () => leader.refresh() });
  await write();
  const recorded = recordingLog("info");
  const shard = await SharedKnowledge.open(db.pool, recorded.log, { texts: "database" });
  closing.push(() => shard.close());
  const collections = () => recorded.messages("info").filter((m) => m.endsWith("its garbage collected")).length;
  await vi.waitFor(() => expect(collections()).toBe(1), { timeout: 30_000 });
  put(dir, "a-ferry", "Ferry tariff set", "Harbour master Lena Ostrova set the ferry tariff on March 4, 2025.");
  await write();
  expect(await shard.refresh()).toEqual(["a-ferry"]);
  expect(recorded.lines.filter((l) => l.msg.startsWith("knowledge base changed")).at(-1)?.read).toBe("change");
  await vi.waitFor(() => expect(collections()).toBe(2), { timeout: 30_000 });
  expect(gc.mock.calls.length).toBeGreaterThanOrEqual(4);
});

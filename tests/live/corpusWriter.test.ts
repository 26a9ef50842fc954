// The leader's corpus writer (src/live/corpusWriter.ts) reads only the files that changed since its last write: a
// folder of unchanged articles is statted, not read and hashed again, and what it writes is the same.
import { writeFileSync } from "node:fs";
import * as fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { FilesSeen, writeCorpus } from "../../src/live/corpusWriter.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { startPostgres, type TestPostgres } from "../support/postgres.ts";

// Every file the corpus load opens is counted (the rest of node:fs is the real one).
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return { ...real, openSync: vi.fn(real.openSync) };
});

let server: TestPostgres;
let db: Database;
beforeAll(async () => {
  server = await startPostgres();
  db = await openDatabase(await server.freshDatabase());
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const { log } = recordingLog("warn");
const opened = (dir: string): string[] =>
  vi
    .mocked(fs.openSync)
    .mock.calls.map(([file]) => String(file))
    .filter((file) => file.startsWith(dir))
    .map((file) => path.basename(file));

describe("the leader's corpus writer", () => {
  it("reads only the files changed since its last write, and writes the same knowledge base", async () => {
    const dir = tempDir("corpus-writer-");
    const article = (name: string, who: string) =>
      writeFileSync(path.join(dir, `${name}.md`), articleFile({ title: `The ${name} story`, body: `${who}, a member of the harbour council, said the ${name} vote was delayed.\n` }));
    for (const [name, who] of [["harbour", "Ana Ribeiro"], ["tram", "Marta Silva"], ["school", "Rui Costa"]] as const) article(name, who);
    const shard = await SharedKnowledge.open(db.pool, log);
    const store = factsStoreFor(undefined, log);
    const seen = new FilesSeen();
    const write = () => writeCorpus({ dir, seen, pool: db.pool, store, debounceMs: 30, log, before: () => shard.kb(), after: () => shard.refresh() });

    vi.mocked(fs.openSync).mockClear();
    expect((await write()).added).toHaveLength(3);
    expect(opened(dir).sort()).toEqual(["harbour.md", "school.md", "tram.md"]);

    vi.mocked(fs.openSync).mockClear();
    article("bridge", "Joana Pires");
    article("tram", "Marta Silva Costa");
    const report = await write();
    expect(opened(dir).sort()).toEqual(["bridge.md", "tram.md"]);
    expect(report.added.map((a) => a.id)).toEqual(["bridge"]);
    expect(report.changed.map((a) => a.id)).toEqual(["tram"]);
    expect(report.removed).toEqual([]);
    expect(shard.kb().articles.map((a) => a.id).sort()).toEqual(["bridge", "harbour", "school", "tram"]);
    expect(shard.kb().people.map((p) => p.name)).toContain("Marta Silva Costa");
    await shard.close();
  }, 60_000);
});

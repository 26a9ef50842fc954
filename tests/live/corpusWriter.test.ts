// The leader's corpus writer (src/live/corpusWriter.ts) reads only the files that changed since its last write: a
// file whose signature is unchanged is taken as remembered (statted, not read and hashed again: filesSeen.ts). A write
// that fails while it leads is tried again: writeWhileLeading.test.ts.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnownFile } from "../../src/corpus/load.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { FilesSeen } from "../../src/live/filesSeen.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
let db: Database;
beforeAll(async () => {
  server = await sharedPostgres();
  db = await openDatabase(await server.freshDatabase());
}, SHARED_POSTGRES_START_MS);
afterAll(async () => {
  await db?.close();
});

const { log } = recordingLog("warn");
/**
 * What the writer remembers, with one file's memory changed (another hash, another title): a file the load reads shows
 * its own title; one it trusts the memory for, because its signature is unchanged, shows the remembered one.
 */
class Misremembering extends FilesSeen {
  asked: string[] = [];

  override knownFile(name: string): KnownFile | undefined {
    const known = super.knownFile(name);
    if (known) this.asked.push(name);
    return known && name === "harbour.md" ? { ...known, hash: `${known.hash}-remembered`, meta: { ...known.meta, title: "The remembered title" } } : known;
  }
}

describe("the leader's corpus writer", () => {
  it("reads only the files changed since its last write, and writes the same knowledge base", async () => {
    const dir = tempDir("corpus-writer-");
    const article = (name: string, who: string) =>
      writeFileSync(path.join(dir, `${name}.md`), articleFile({ title: `The ${name} story`, body: `${who}, a member of the harbour council, said the ${name} vote was delayed.\n` }));
    for (const [name, who] of [["harbour", "Ana Ribeiro"], ["tram", "Marta Silva"], ["school", "Rui Costa"]] as const) article(name, who);
    const shard = await SharedKnowledge.open(db.pool, log);
    const store = factsStoreFor(undefined, log);
    const seen = new Misremembering();
    const write = () => writeCorpus({ dir, seen, pool: db.pool, store, debounceMs: 30, log, before: () => shard.wholeKb(), after: () => shard.refresh() });

    expect((await write()).added).toHaveLength(3);
    expect(seen.asked).toEqual([]);

    article("bridge", "Joana Pires");
    article("tram", "Marta Silva Costa");
    const report = await write();
    // Every file known from the first write was looked up; harbour's file was not read (its remembered title shows),
    // tram's was (its signature changed), and bridge is new.
    expect(seen.asked.sort()).toEqual(["harbour.md", "school.md", "tram.md"]);
    expect(report.changed.map((a) => a.title).sort()).toEqual(["The remembered title", "The tram story"]);
    expect(report.added.map((a) => a.id)).toEqual(["bridge"]);
    expect(report.removed).toEqual([]);
    expect(shard.kb().articles.map((a) => a.id).sort()).toEqual(["bridge", "harbour", "school", "tram"]);
    expect(shard.kb().people.map((p) => p.name)).toContain("Marta Silva Costa");
    await shard.close();
  }, 60_000);

  it("logs a bad file once per change of its problem, not at every write of the whole folder", async () => {
    const fresh = await openDatabase(await server.freshDatabase());
    const dir = tempDir("corpus-writer-skipped-");
    writeFileSync(path.join(dir, "harbour.md"), articleFile({ title: "The harbour story", body: "Ana Ribeiro, a member of the harbour council, said the vote was delayed.\n" }));
    writeFileSync(path.join(dir, "notes.txt"), "not an article");
    writeFileSync(path.join(dir, "bad.md"), "no front matter here\n");
    const recorded = recordingLog("warn");
    const shard = await SharedKnowledge.open(fresh.pool, recorded.log);
    const o = { dir, seen: new FilesSeen(), pool: fresh.pool, store: factsStoreFor(undefined, recorded.log), debounceMs: 30, log: recorded.log };
    const write = (files?: string[]) => writeCorpus({ ...o, before: () => shard.wholeKb(), after: () => shard.refresh() }, files);
    const skipped = (name: string) => recorded.messages("warn").filter((m) => m.startsWith(`skipped ${name}:`));
    // The first write, then /reload twice (every file looked at): each bad file logged once.
    for (let i = 0; i < 3; i++) expect((await write()).skipped.map((s) => path.basename(s.file)).sort()).toEqual(["bad.md", "notes.txt"]);
    expect([skipped("bad.md"), skipped("notes.txt")].map((l) => l.length)).toEqual([1, 1]);
    // bad.md changes (another problem): logged when the watcher names it, not again at the next full write.
    writeFileSync(path.join(dir, "bad.md"), "---\ntitle: Bad\n---\n");
    await write([path.join(dir, "bad.md")]);
    await write();
    expect(skipped("bad.md")).toHaveLength(2);
    // Changed while nobody watched: the full write that finds it logs it, once.
    writeFileSync(path.join(dir, "bad.md"), "no front matter here\n");
    await write();
    await write();
    expect([skipped("bad.md").length, skipped("notes.txt").length]).toEqual([3, 1]);
    await shard.close();
    await fresh.close();
  }, 60_000);
});

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Answers } from "../../src/answer/types.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { openKnowledge } from "../../src/pipeline/open.ts";
import { openStartupCache } from "../../src/pipeline/startupCache.ts";
import { seedCorpus, tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

function setup() {
  const corpus = seedCorpus();
  const dataDir = tempDir("startup-cache-");
  // Warnings and errors.
  const { log, messages: warnings } = recordingLog("warn");
  const start = async () => {
    const opened = await openKnowledge(corpus, { dataDir, log });
    await opened.flush();
    return opened;
  };
  return { corpus, file: path.join(dataDir, "cache", "startup.json"), warnings, log, start };
}

/** The saved file with one byte changed in the middle of a section (the header names each section's length, in order). */
function flipByteIn(file: Buffer, section: string): Buffer {
  const newline = file.indexOf(10);
  const header = JSON.parse(file.subarray(0, newline).toString("utf8")) as { sections: [string, number, string][] };
  let at = newline + 1;
  for (const [name, length] of header.sections) {
    if (name === section) {
      const flipped = Buffer.from(file);
      const middle = at + Math.floor(length / 2);
      flipped[middle] = flipped[middle] === 0x31 ? 0x32 : 0x31;
      return flipped;
    }
    at += length + 1;
  }
  throw new Error(`no section ${section}`);
}

/** Answers to one question of every kind, as a user would see them. */
const sample = (answers: Answers) => [
  answers.who("Linus Torvalds"),
  answers.when("Rust merged"),
  // /when's ranked partial matching (issue 16): the saved indexes must rank as built ones do, loaded or not yet.
  answers.when("when was Rust support merged into the mainline kernel"),
  answers.when("when did the maintainer step down"),
  answers.when("Linux kernel drivers written in Rust"),
  answers.who("who maintains the Rust for Linux project"),
  answers.quote({ text: "religious war" }),
  answers.search("memory safety"),
  answers.timeline("Rust"),
];

describe("the saved startup build (knowledge base and indexes)", () => {
  it("is saved by the first start and loaded whole by the next, with the same answers", async () => {
    const t = setup();
    const first = await t.start();
    expect(first.reused).toBe(false);
    const second = await t.start();
    expect(second.reused).toBe(true);
    expect(second.extracted).toBe(0);
    expect(second.kb).toEqual(first.kb);
    expect(second.corpus.articles.map((a) => a.id)).toEqual(first.corpus.articles.map((a) => a.id));
    expect(sample(second.answers)).toEqual(sample(first.answers));
    expect(t.warnings()).toEqual([]);
  });

  it("answers names before the saved event, quote and sentence indexes load; they load on later turns, or when first asked", async () => {
    const t = setup();
    const first = await t.start();
    const warm = await t.start();
    let loaded = false;
    void warm.snapshot.indexes.postings.loaded.then(() => (loaded = true));
    await Promise.resolve();
    expect(loaded).toBe(false);
    expect(warm.answers.who("Linus Torvalds")).toEqual(first.answers.who("Linus Torvalds"));
    expect(loaded).toBe(false);
    await warm.snapshot.indexes.postings.loaded;
    expect(sample(warm.answers)).toEqual(sample(first.answers));
    // Asked before its turn, an index loads there and then, once: the same answers, and no section read twice.
    const asked = await t.start();
    // /when ranks events by their sentence's length before it searches the sentences: read before the sentence index
    // has loaded, the lengths are those of a cold start all the same.
    expect(Array.from(asked.snapshot.indexes.sentenceLead.lengths ?? [])).toEqual(Array.from(first.snapshot.indexes.sentenceLead.lengths ?? []));
    expect(sample(asked.answers)).toEqual(sample(first.answers));
    await asked.snapshot.indexes.postings.loaded;
    expect(sample(asked.answers)).toEqual(sample(first.answers));
    expect(t.warnings()).toEqual([]);
  });

  it("keeps every character of the knowledge base: accents, curly quotes, other scripts and emoji come back as they were", async () => {
    const t = setup();
    writeFileSync(
      path.join(t.corpus, "zz-unicode.md"),
      `---\ntitle: "Zoë Müller’s café in Zürich"\noutlet: "Le Monde"\npublished: "2025-03-03"\n---\n` +
        `José Núñez, the mayor of Málaga, opened the café on March 3, 2025.\n\n` +
        `“Ça va très bien, 東京 too 😀,” Núñez said at the opening.\n`,
    );
    const first = await t.start();
    const warm = await t.start();
    expect(warm.reused).toBe(true);
    expect(warm.kb).toEqual(first.kb);
    expect(JSON.stringify(warm.kb)).toContain("Ça va très bien, 東京 too 😀");
    expect(warm.answers.who("José Núñez")).toEqual(first.answers.who("José Núñez"));
    await warm.snapshot.indexes.postings.loaded;
    expect(warm.answers.quote({ text: "Ça va très bien" })).toEqual(first.answers.quote({ text: "Ça va très bien" }));
    expect(warm.answers.quote({ text: "Ça va très bien" }).quotes.length).toBeGreaterThan(0);
  });

  it("is not used once any article changes, and the new answers reflect the change", async () => {
    const t = setup();
    await t.start();
    const file = path.join(t.corpus, readdirSync(t.corpus).sort()[0] as string);
    writeFileSync(file, `${readFileSync(file, "utf8")}\nThe harbour ferry was renamed Aurora on March 3, 2025.\n`);
    const changed = await t.start();
    expect(changed.reused).toBe(false);
    expect(changed.extracted).toBe(1); // the other articles' facts still come from the facts cache
    expect(changed.answers.search("ferry Aurora").hits).toHaveLength(1);
    expect(t.warnings()).toEqual([]); // another corpus is expected, not a problem
    expect((await t.start()).reused).toBe(true); // saved again for the changed corpus
  });

  it("is not used once an article is added or removed, and the answers are the folder's; a file that is no article changes nothing", async () => {
    const t = setup();
    const first = await t.start();
    writeFileSync(path.join(t.corpus, "notes.txt"), "not an article");
    expect((await t.start()).reused).toBe(true);
    // A .md file that is no article differs from the saved list at every start: the folder is read, the build kept.
    writeFileSync(path.join(t.corpus, "broken.md"), "no front matter\n");
    const withBroken = await t.start();
    expect(withBroken.reused).toBe(true);
    expect(withBroken.corpus.skipped.map((f) => path.basename(f.file))).toEqual(["broken.md", "notes.txt"]);
    rmSync(path.join(t.corpus, "broken.md"));
    const [gone, kept] = readdirSync(t.corpus).filter((n) => n.endsWith(".md")).sort();
    const added = path.join(t.corpus, "zz-ferry.md");
    writeFileSync(added, `${readFileSync(path.join(t.corpus, kept as string), "utf8")}\nThe harbour ferry was renamed Aurora on March 3, 2025.\n`);
    const grown = await t.start();
    expect(grown.reused).toBe(false);
    expect(grown.answers.search("ferry Aurora").hits.map((h) => h.source.article)).toEqual(["zz-ferry"]);
    rmSync(path.join(t.corpus, gone as string));
    const shrunk = await t.start();
    expect(shrunk.reused).toBe(false);
    expect(shrunk.corpus.articles.map((a) => a.id)).toEqual([...first.corpus.articles.map((a) => a.id).filter((id) => `${id}.md` !== gone), "zz-ferry"]);
    expect((await t.start()).reused).toBe(true);
  });

  it("is reused for a copy of the corpus in another folder once each file is read and found the same", async () => {
    const t = setup();
    const first = await t.start();
    const copy = tempDir("startup-cache-copy-");
    cpSync(t.corpus, copy, { recursive: true });
    const opened = await openKnowledge(copy, { dataDir: path.dirname(path.dirname(t.file)), log: t.log });
    expect(opened.reused).toBe(true);
    expect(opened.corpus.articles.every((a) => path.dirname(a.file) === copy)).toBe(true);
    expect(sample(opened.answers)).toEqual(sample(first.answers));
  });

  it("with reconcile, is used all the same when files changed, and names them (the live corpus applies them)", async () => {
    const t = setup();
    const first = await t.start();
    const [changed, gone] = readdirSync(t.corpus).sort().map((n) => path.join(t.corpus, n));
    writeFileSync(changed as string, `${readFileSync(changed as string, "utf8")}\nThe harbour ferry was renamed Aurora on March 3, 2025.\n`);
    rmSync(gone as string);
    const added = path.join(t.corpus, "zz-new.md");
    writeFileSync(added, readFileSync(changed as string));
    const cache = openStartupCache(path.dirname(t.file), t.log);
    const loaded = await loadKnowledge(t.corpus, { dataDir: path.dirname(path.dirname(t.file)), log: t.log, startupCache: cache, reconcile: true });
    expect(loaded.reused).toBe(true);
    expect(loaded.kb).toEqual(first.kb);
    expect(new Set(loaded.outdated)).toEqual(new Set([changed, gone, added]));
    expect(t.warnings()).toEqual([]);
  });

  it("does not read an unchanged article file at a warm start, only when its text is asked for", async () => {
    const t = setup();
    const first = await t.start();
    const warm = await t.start();
    expect(warm.reused).toBe(true);
    const article = warm.corpus.articles[0];
    if (!article) throw new Error("no article");
    const original = first.corpus.articles[0]?.body ?? "";
    writeFileSync(article.file, readFileSync(article.file, "utf8").replace(original, "Read when asked for."));
    expect(article.body).toBe("Read when asked for.");
  });

  it("reads every article file again when the saved list was read by other code", async () => {
    const t = setup();
    const first = await t.start();
    // Bytes, not text: the packed sentences are not UTF-8.
    const bytes = readFileSync(t.file);
    const newline = bytes.indexOf(10);
    const header = { ...JSON.parse(bytes.subarray(0, newline).toString("utf8")), code: "another version of the code" };
    writeFileSync(t.file, Buffer.concat([Buffer.from(JSON.stringify(header)), bytes.subarray(newline)]));
    const warm = await t.start();
    expect(warm.reused).toBe(true); // same corpus, same code: the build itself is still good
    const article = warm.corpus.articles[0];
    if (!article) throw new Error("no article");
    writeFileSync(article.file, "---\ntitle: x\n---\nchanged after the start\n");
    expect(article.body).toBe(first.corpus.articles[0]?.body); // read at the start, not trusted by its signature
  });

  it("reads again a file rewritten to the same size with its modification time put back", async () => {
    const t = setup();
    await t.start();
    const file = path.join(t.corpus, readdirSync(t.corpus).sort()[0] as string);
    const before = statSync(file);
    const text = readFileSync(file, "utf8");
    const at = text.lastIndexOf(" the ");
    writeFileSync(file, `${text.slice(0, at)} THE ${text.slice(at + 5)}`);
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const again = await t.start();
    expect(again.reused).toBe(false);
    expect(again.extracted).toBe(1);
  });

  it("ignores a damaged file with one warning and builds instead, with the same answers", async () => {
    const t = setup();
    const first = await t.start();
    const text = readFileSync(t.file);
    // The knowledge base, and its sentences packed beside it (src/kb/sentenceStore.ts).
    for (const section of ["kb", "sentenceTable", "sentenceText"]) {
      writeFileSync(t.file, flipByteIn(text, section));
      const rebuilt = await t.start();
      expect(rebuilt.reused).toBe(false);
      expect(t.warnings().at(-1)).toBe("saved knowledge ignored: checksum mismatch (truncated or damaged); building it instead");
      expect(sample(rebuilt.answers)).toEqual(sample(first.answers));
      expect(rebuilt.kb).toEqual(first.kb);
    }
    writeFileSync(t.file, text.subarray(0, text.length - 100));
    expect((await t.start()).reused).toBe(false);
    expect(t.warnings().at(-1)).toBe("saved knowledge ignored: its length is not its sections' (truncated or damaged); building it instead");
  });

  it("builds an index found damaged when it loads, with one warning and the same answers, asked before or after", async () => {
    const t = setup();
    const first = await t.start();
    const good = readFileSync(t.file);
    for (const section of ["sentences", "events", "quotes", "descriptions"]) {
      const warning = `saved ${section} index ignored: checksum mismatch (truncated or damaged); building it instead`;
      const before = t.warnings().length;
      writeFileSync(t.file, flipByteIn(good, section));
      const asked = await t.start();
      expect(asked.reused).toBe(true); // the knowledge base and the other indexes are good
      expect(sample(asked.answers)).toEqual(sample(first.answers)); // asked before its turn: built there and then
      expect(t.warnings().slice(before)).toEqual([warning]);
      const waited = await t.start();
      await waited.snapshot.indexes.postings.loaded;
      expect(sample(waited.answers)).toEqual(sample(first.answers));
      expect(t.warnings().slice(before)).toEqual([warning, warning]);
    }
  });

  it("removes the temporary file of a save that was cut short", async () => {
    const t = setup();
    await t.start();
    const leftover = `${t.file}.2718281828`;
    writeFileSync(leftover, "half of a save");
    expect((await t.start()).reused).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(t.file)).toBe(true);
  });

  it("cannot be saved where the folder cannot be made: one warning, and the answers are there", async () => {
    const t = setup();
    const blocked = path.join(path.dirname(t.file), "..", "not-a-folder");
    mkdirSync(path.dirname(blocked), { recursive: true });
    writeFileSync(blocked, "a file where the cache folder should be");
    const opened = await openKnowledge(t.corpus, { log: t.log, startupCache: openStartupCache(path.join(blocked, "cache"), t.log) });
    await opened.flush();
    expect(opened.answers.search("memory safety").hits.length).toBeGreaterThan(0);
    expect(t.warnings()).toEqual(["could not save the knowledge base and indexes (the next start builds them)"]);
  });

  it("ignores a file of another kind or format", async () => {
    const t = setup();
    await t.start();
    writeFileSync(t.file, `{"kind":"newsdesk-startup","format":0}\n{}\n`);
    expect((await t.start()).reused).toBe(false);
    expect(t.warnings()).toEqual(["saved knowledge ignored: not a startup cache file of this format; building it instead"]);
  });
});

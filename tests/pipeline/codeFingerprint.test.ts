import { appendFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeFingerprints } from "../../src/pipeline/codeFingerprint.ts";
import { tempDir } from "../support/files.ts";

const sources = path.resolve(import.meta.dirname, "../../src");

/** A copy of the sources to edit, and the fingerprints of that copy as they are now. */
function copySources() {
  const src = path.join(tempDir("code-fingerprint-"), "src");
  cpSync(sources, src, { recursive: true });
  const edit = (file: string, text = "\n// edited\n") => appendFileSync(path.join(src, file), text);
  return { src, edit, now: () => codeFingerprints(src) };
}

describe("the code fingerprints that name the caches", () => {
  it("stay the same while the code does, wherever the checkout is", () => {
    const a = copySources();
    const b = copySources();
    expect(a.now()).toEqual(a.now());
    expect(b.now()).toEqual(a.now());
  });

  // An extractor or the corpus loader (front matter, text) changes the facts; the knowledge base, the answers and
  // the pipeline itself change only the saved build.
  it.each([
    { file: "extract/quotes/cues.ts", facts: "miss" },
    { file: "lexicon/words.ts", facts: "miss" },
    { file: "corpus/normalise.ts", facts: "miss" },
    { file: "answer/who.ts", facts: "hit" },
    { file: "kb/mergePeople.ts", facts: "hit" },
    { file: "pipeline/open.ts", facts: "hit" },
  ])("change with an edit to $file: the facts cache would $facts, the startup cache miss", ({ file, facts }) => {
    const t = copySources();
    const before = t.now();
    t.edit(file);
    const after = t.now();
    expect(after.extraction === before.extraction ? "hit" : "miss").toBe(facts);
    expect(after.pipeline).not.toBe(before.pipeline);
  });

  it("do not change with code that cannot change what is cached (the Discord client, the console)", () => {
    const t = copySources();
    const before = t.now();
    t.edit("discord/router.ts");
    t.edit("console/run.ts");
    expect(t.now()).toEqual(before);
  });

  it("count a file wherever it lives: a word list moved to a folder of its own", () => {
    const t = copySources();
    mkdirSync(path.join(t.src, "wordlists"));
    writeFileSync(path.join(t.src, "wordlists", "speechVerbs.ts"), 'export const SPEECH_VERBS = ["said"];\n');
    t.edit("extract/quotes/cues.ts", '\nexport { SPEECH_VERBS as MORE_VERBS } from "../../wordlists/speechVerbs.ts";\n');
    const before = t.now();
    t.edit("wordlists/speechVerbs.ts", 'export const MORE = ["quipped"];\n');
    expect(t.now().extraction).not.toBe(before.extraction);
  });

  it("are never shared when the sources cannot be read (a bundle): the caches are rebuilt, not trusted", () => {
    const bundle = tempDir("bundle-");
    writeFileSync(path.join(bundle, "main.js"), "/* everything in one file */");
    const first = codeFingerprints(bundle);
    const second = codeFingerprints(bundle);
    expect(second.extraction).not.toBe(first.extraction);
    expect(second.pipeline).not.toBe(first.pipeline);
  });
});
